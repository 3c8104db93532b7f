"""kg.nlp.aliases: an alias names its entity on its own; 区, 市 and 区发展改革委 name none."""

from __future__ import annotations

import pytest

from kg.nlp.aliases import is_alias
from kg.schema import Document, ENTERPRISE, ORGANIZATION, PROGRAM, REGION

# fmt: off
ALIASES = [
    ("区",              "万州区",             REGION,       False),   # 区政府副区长
    ("市",              "重庆市",             REGION,       False),   # 市委书记
    ("美",              "美国",               REGION,       False),   # one character
    ("全市",            "重庆市",             REGION,       False),   # a level word
    ("区政府",          "北碚区",             REGION,       False),   # a body of a level
    ("北碚",            "北碚区",             REGION,       True),
    ("区发展改革委",    "永川区发展改革委",   ORGANIZATION, False),   # every district has one
    ("市商务委",        "重庆市商务委",       ORGANIZATION, False),
    ("县农业农村委",    "奉节县农业农村委",   ORGANIZATION, False),
    ("市场监管总局",    "国家市场监督管理总局", ORGANIZATION, True),  # 市场 is a word, not a level
    ("市民中心",        "重庆市民中心",       PROGRAM,      True),    # only departments lose their region
    ("区块链研究院",    "重庆区块链研究院",   ORGANIZATION, True),    # 重庆 is no 重庆区
    ("长安汽车",        "重庆长安汽车股份有限公司", ENTERPRISE, True),
]
# fmt: on


@pytest.mark.parametrize("form, name, etype, expected", ALIASES)
def test_nlp_aliases_is_alias(form, name, etype, expected):
    assert is_alias(form, name, etype) is expected


def extracted(text: str, doc_id: str = "t.txt"):
    from kg.nlp.extract import extract

    return extract(Document(id=doc_id, text=text))


SPEECH_A = ("重庆市北碚区委常委、区政府副区长 陈立 出席座谈会。\n"
            "区发展改革委党组书记、主任 李明 介绍，北碚区发展改革委将推动缙云山生态保护工作。")
SPEECH_B = ("重庆市江津区委常委、区政府副区长 周敏 出席座谈会。\n"
            "区发展改革委党组书记、主任 王强 介绍，江津区发展改革委将推动长江岸线整治工作。")


def test_nlp_aliases_no_generic_forms_in_records():
    res = extracted(SPEECH_A)
    aliases = {(e.type, e.name): e.aliases for e in res.entities}
    assert "区" not in aliases[(REGION, "北碚区")]
    assert (ORGANIZATION, "北碚区发展改革委") in aliases
    assert all(is_alias(a, name, etype) for (etype, name), forms in aliases.items() for a in forms)
    # 区发展改革委 is still a mention of 北碚区发展改革委: its head's relation is kept
    assert any(r.tail == (ORGANIZATION, "北碚区发展改革委") and r.head[1] == "李明" for r in res.relations)


def test_nlp_aliases_departments_of_two_districts_stay_two():
    from kg.explore.query import find_node
    from kg.errors import NotFoundError
    from kg.run.build import build_graph

    G = build_graph([Document(id="a.txt", text=SPEECH_A), Document(id="b.txt", text=SPEECH_B)])
    orgs = sorted(d["label"] for _, d in G.nodes(data=True) if d["type"] == ORGANIZATION)
    assert orgs == ["北碚区发展改革委", "江津区发展改革委"]
    for generic in ("区", "区发展改革委"):
        with pytest.raises(NotFoundError):
            find_node(G, generic)
