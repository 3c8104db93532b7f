"""A small deterministic corpus and a regex extractor for the build tests (no tests here).

The real components are rewritten independently; these fakes give the build,
cache, worker and dask tests a graph with merges, relations and dates to compare,
whatever the components find. The extractor is a module-level function so spawned
worker processes can import it by name (``test_build_fakes:fake_extract``).
"""

from __future__ import annotations

import re

from kg.schema import (
    ENTERPRISE, GOVERNS, HOSTS, OFFICIAL, REGION, DocResult, Document, EntityRecord, RelationRecord,
)

REGIONS = ("江北区", "渝中区", "长寿区", "云阳县", "永川区", "垫江县", "石柱县")
PEOPLE = ("张安", "李明", "王芳", "赵强", "孙丽", "周伟", "吴刚", "郑洁")
BRANDS = ("新视通", "长安", "华峰", "金山", "海川", "云图", "智联", "博远", "天润")
TRADES = ("智能科技", "新材料", "生物医药", "汽车零部件", "数字经济")

_HEAD = re.compile(r"^(\S+?[区县])委书记\s+(\S{2,3})$", re.M)
_FIRM = re.compile(r"重庆[\u4e00-\u9fff]{2,12}?有限公司")


def make_text(i: int) -> str:
    """The text of document ``i``: a speech headed by its speaker, with firms and figures."""
    region, person = REGIONS[i % len(REGIONS)], PEOPLE[(i * 3) % len(PEOPLE)]
    lines = [f"{region}委书记 {person}", ""]
    for j in range(3 + i % 4):
        brand = BRANDS[(i + j * 2) % len(BRANDS)]
        trade = TRADES[(i * j + j) % len(TRADES)]
        lines.append(f"{region}引进重庆{brand}{trade}有限公司,总投资{10 + (i * 7 + j) % 90}亿元,"
                     f"新增就业岗位{100 + i * 13 + j}个。")
    return "\n".join(lines) + "\n"


def make_docs(n: int, *, start: int = 0) -> list[Document]:
    """``n`` documents with ids ``doc0000.txt``... and dates spread over a year."""
    return [Document(id=f"doc{i:04d}.txt", text=make_text(i), path=f"doc{i:04d}.txt",
                     date=f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}" if i % 5 else None)
            for i in range(start, start + n)]


def fake_extract(document: Document) -> DocResult:
    """Officials and regions from the heading, enterprises from the body, and their relations."""
    if "BOOM" in document.text:
        raise ValueError("boom")
    ents: dict[tuple[str, str], EntityRecord] = {}
    rels: list[RelationRecord] = []
    region = None
    for m in _HEAD.finditer(document.text):
        region, person = m.groups()
        ents[(REGION, region)] = EntityRecord(REGION, region, (region,))
        ents[(OFFICIAL, person)] = EntityRecord(OFFICIAL, person, (person,),
                                                attrs={"positions": [f"{region}委书记"]})
        rels.append(RelationRecord((OFFICIAL, person), GOVERNS, (REGION, region), "head", m.group(0)))
    for m in _FIRM.finditer(document.text):
        name = m.group(0)
        short = name.removeprefix("重庆").removesuffix("有限公司")
        rec = ents.get((ENTERPRISE, name))
        ents[(ENTERPRISE, name)] = EntityRecord(ENTERPRISE, name, (name, short),
                                                (rec.mentions + 1) if rec else 1)
        if region:
            rels.append(RelationRecord((REGION, region), HOSTS, (ENTERPRISE, name), "hosts", m.group(0)))
    return DocResult(document.id, document.date, tuple(ents.values()), tuple(rels), document.title)
