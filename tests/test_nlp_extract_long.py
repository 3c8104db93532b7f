"""Long documents: read in pieces cut at paragraph ends, their results folded into one (own texts)."""

from __future__ import annotations

import pytest

from kg.nlp.extract import PIECE_CHARS, extract, join_pieces, pieces
from kg.run.build import build_graph
from kg.schema import DocResult, Document, EntityRecord, RelationRecord

HEAD = "江北区委书记 王建国\n\n江北区加快建设数字经济产业园。\n\n"
TAIL = "\n\n渝北区区长 李四\n\n渝北区推进临空经济示范区建设。\n"
# A paragraph that names nothing, cheap to segment: the document's length is the point.
FILLER = "。" * 98 + "\n\n"


def _texts(spans, text):
    return [text[a:b] for a, b in spans]


# fmt: off
@pytest.mark.parametrize("text,limit,expected", [
    ("短文。", 10, ["短文。"]),
    ("第一段第一段。\n\n第二段第二段。\n\n第三段。", 12, ["第一段第一段。\n\n", "第二段第二段。\n\n", "第三段。"]),
    ("第一行第一行。\n第二行第二行。\n第三行第三行。", 12, ["第一行第一行。\n", "第二行第二行。\n", "第三行第三行。"]),
    ("第一句第一句。第二句第二句。第三句第三句。", 12, ["第一句第一句。", "第二句第二句。", "第三句第三句。"]),
    ("没有标点也没有换行的一串很长很长的字", 8, ["没有标点也没有换", "行的一串很长很长", "的字"]),
    # a paragraph end in the first half of the window would make a short piece: a line end later wins
    ("甲。\n\n乙乙乙乙乙。\n丙丙丙丙丙丙。", 12, ["甲。\n\n乙乙乙乙乙。\n", "丙丙丙丙丙丙。"]),
])
# fmt: on
def test_extract_long_pieces_end_at_paragraphs_then_lines_then_sentences(text, limit, expected):
    spans = pieces(text, limit)
    assert _texts(spans, text) == expected
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(b - a <= limit for a, b in spans)


def test_extract_long_join_pieces_folds_entities_and_keeps_one_evidence_per_relation():
    official = ("official", "王建国")
    region = ("region", "江北区")
    first = DocResult("a.txt", None, (
        EntityRecord("official", "王建国", ("王书记",), 2, {"positions": ["区委书记"]}),
        EntityRecord("region", "江北区", (), 1, {"level": "county"}),
    ), (RelationRecord(official, "governs", region, "title_governs", "江北区委书记 王建国"),), "标题")
    second = DocResult("a.txt", None, (
        EntityRecord("official", "王建国", ("建国同志",), 1, {"positions": ["区委书记", "区人大常委会主任"]}),
        EntityRecord("region", "渝北区", (), 1, {}),
    ), (RelationRecord(official, "governs", region, "title_governs", "另一处的证据"),), "标题")
    joined = join_pieces([first, second])
    assert [(e.type, e.name) for e in joined.entities] == [("official", "王建国"), ("region", "江北区"),
                                                          ("region", "渝北区")]
    person = joined.entities[0]
    assert person.aliases == ("建国同志", "王书记") and person.mentions == 3
    assert person.attrs["positions"] == ["区委书记", "区人大常委会主任"]
    assert [r.evidence for r in joined.relations] == ["江北区委书记 王建国"]
    assert (joined.doc_id, joined.title) == ("a.txt", "标题")
    assert first.entities[0].attrs == {"positions": ["区委书记"]}      # the pieces' records are left as they were


def test_extract_long_document_over_a_million_characters_is_read_whole():
    text = HEAD + FILLER * (1_000_000 // len(FILLER) + 1) + TAIL
    assert len(text) > 1_000_000 > PIECE_CHARS
    G = build_graph([Document(id="long.txt", text=text), Document(id="short.txt", text="渝中区区长 赵六\n\n渝中区调研。")])
    edges = {(G.nodes[u]["label"], d["relation"], G.nodes[v]["label"]) for u, v, d in G.edges(data=True)}
    assert ("王建国", "governs", "江北区") in edges          # from the first piece
    assert ("李四", "governs", "渝北区") in edges            # from the last
    assert ("赵六", "governs", "渝中区") in edges            # the other document is built as well
    assert "long.txt" in G.nodes["official:李四"]["docs"]


def test_extract_long_document_gives_what_its_pieces_give_apart():
    text = HEAD + FILLER * (PIECE_CHARS // len(FILLER)) + TAIL
    whole = extract(Document(id="a.txt", text=text))
    assert len(pieces(text)) == 2
    names = {(e.type, e.name) for e in whole.entities}
    assert {("official", "王建国"), ("official", "李四"), ("region", "江北区"), ("region", "渝北区")} <= names
