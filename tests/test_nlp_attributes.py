"""Project attributes: investment amounts and stage words (own sentences)."""

from kg.nlp.extract import extract
from kg.schema import Document

SPEECH = "江北区委书记 张三\n\n"


def projects_of(text: str) -> dict[str, dict]:
    res = extract(Document(id="t.txt", text=SPEECH + text))
    return {e.name: e.attrs for e in res.entities if e.type == "project"}


def test_attributes_amount_before_the_project_and_schedule_after_it():
    p = projects_of("总投资80亿元的长安新能源产业园项目开工建设，计划2025年建成投产。")
    attrs = p["长安新能源产业园项目"]
    assert attrs["investment"] == "80亿元"
    assert attrs["stages"] == ["开工", "建成", "投产"]


def test_attributes_amount_after_the_project_in_its_sentence():
    p = projects_of("签约引进华峰新材料产业园，项目总投资12.5亿元；两江数据中心建成投用。")
    assert p["华峰新材料产业园"] == {"investment": "12.5亿元", "stages": ["签约"]}
    assert p["两江数据中心"] == {"stages": ["建成", "投用"]}


def test_attributes_amount_of_counted_projects_is_not_given_to_a_named_one():
    p = projects_of("上线“渝企通”平台，新增总投资50亿元的重大项目3个。")
    assert "investment" not in p["渝企通平台"]


def test_attributes_stage_of_the_next_clause_belongs_to_its_own_object():
    p = projects_of("加快打造鱼复物流园区，建成康养景区12个。")
    assert "stages" not in p["鱼复物流园区"]


def test_attributes_reach_the_graph_node():
    from kg.run.build import build_graph

    G = build_graph([Document(id="a.txt", text=SPEECH + "总投资80亿元的长安新能源产业园项目开工建设。")])
    node = G.nodes["project:长安新能源产业园项目"]
    assert node["investment"] == "80亿元" and node["stages"] == ["开工"]
