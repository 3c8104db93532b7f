"""Relation rules: the speaker's context, partners, owners (own sentences)."""

from tests.conftest import relations_of

SPEECH = ("简阳市委书记 孙晓霞\n\n"
          "简阳市引进四川蓝翼航空科技有限公司，建成三岔湖智慧农业示范园。"
          "实施“三湖两山”生态修复工程。与天府大学合作共建临空物流研究院。"
          "联合中国移动打造智慧城市运行中心。\n")


def test_relations_speaker_context_hosts_and_implements():
    rels = relations_of(SPEECH)
    assert ("简阳市", "hosts", "三岔湖智慧农业示范园") in rels
    assert ("简阳市", "hosts", "四川蓝翼航空科技有限公司") in rels
    assert ("简阳市", "implements", "三湖两山生态修复工程") in rels


def test_relations_partners_cue():
    rels = relations_of(SPEECH)
    assert ("简阳市", "partners_with", "中国移动") in rels


def test_relations_owner_named_in_project_name():
    rels = relations_of("长寿区委书记 刘强\n\n上汽云计算中心启动建设。")
    assert ("上汽", "develops", "上汽云计算中心") in rels
    assert ("长寿区", "hosts", "上汽云计算中心") in rels


def test_relations_every_edge_has_rule_and_evidence():
    from kg.extract import extract
    from kg.schema import Document

    res = extract(Document(id="t.txt", text=SPEECH))
    assert res.relations
    assert all(r.rule and r.evidence for r in res.relations)


def test_relations_partner_that_builds_the_project_develops_it():
    rels = relations_of(SPEECH)
    assert ("中国移动", "develops", "智慧城市运行中心") in rels


def test_relations_managing_body_develops_what_it_manages():
    rels = relations_of("简阳市委书记 孙晓霞\n\n成立智能制造产业园管理委员会，启动建设简阳智能制造产业园。")
    assert ("智能制造产业园管理委员会", "develops", "简阳智能制造产业园") in rels


def test_relations_partner_written_with_its_province_and_city_is_the_last_region_only():
    text = ("苏州市委常委、昆山市委书记 周建平\n\n"
            "昆山市携手上海市嘉定区打造数字经济产业园项目。我们与浙江省嘉兴市嘉善县签署战略合作协议。")
    partners = {t for h, r, t in relations_of(text) if r == "partners_with"}
    assert partners == {"嘉定区", "嘉善县"}


def test_relations_township_before_its_village_is_still_placed_in_the_speakers_region():
    text = "梅州市梅县区委书记 邝志强\n\n我们在南口镇侨乡村试点乡村振兴示范带建设。"
    rels = relations_of(text)
    assert {("南口镇", "part_of", "梅县区"), ("侨乡村", "part_of", "南口镇")} <= rels
