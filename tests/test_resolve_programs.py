"""Programs across documents: a shared qualifier such as “一号工程” does not merge them."""

from kg.run.build import build_graph
from kg.schema import Document


def test_programs_sharing_only_a_qualifier_stay_apart():
    docs = [
        Document(id="a.txt", text="简阳市委书记 孙晓霞\n\n推进成德眉资同城化发展“一号工程”，加快交通互联。"),
        Document(id="b.txt", text="仁寿县委书记 王军\n\n实施招商引资“一号工程”，新签约项目12个。"),
    ]
    G = build_graph(docs)
    programs = {d["label"]: d for _, d in G.nodes(data=True) if d["type"] == "program"}
    assert {"成德眉资同城化发展一号工程", "招商引资一号工程"} <= set(programs)
    assert all("一号工程" not in d["aliases"] for d in programs.values())
    assert all('“' not in a for d in programs.values() for a in d["aliases"])


def test_party_committee_before_a_program_is_not_part_of_its_name():
    from tests.conftest import entities_of

    ents = entities_of("对标落实市委成德眉资同城化发展“一号工程”等重大部署。")
    assert ("program", "成德眉资同城化发展一号工程") in ents


def test_adverb_between_verb_and_quote_keeps_the_verb_cue():
    from tests.conftest import relations_of

    rels = relations_of("仁寿县委书记 王军\n\n仁寿县抓实常态化“三联三帮”，助企纾困。")
    assert ("仁寿县", "implements", "三联三帮") in rels
