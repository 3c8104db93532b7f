"""Title chains: officials, their posts, and governs / serves_in / leads (own sentences)."""

import pytest

from tests.conftest import entities_of, relations_of

# fmt: off
TITLE_LINES = [
    # (text, expected relations)
    ("江北区委书记 王建国\n\n江北区加快建设数字经济产业园。",
     {("王建国", "governs", "江北区")}),
    ("宁波市委常委、鄞州区委书记 李文涛\n\n鄞州区推进产业升级。",
     {("李文涛", "serves_in", "宁波市"), ("李文涛", "governs", "鄞州区"), ("鄞州区", "part_of", "宁波市")}),
    ("杭州市滨江区委书记 陈志远\n\n滨江区发展数字经济。",
     {("陈志远", "governs", "滨江区"), ("滨江区", "part_of", "杭州市")}),
    ("永川区委常委、区政府副区长,永川高新区党工委书记 宋明\n\n永川高新区引进项目。",
     {("宋明", "serves_in", "永川区"), ("宋明", "governs", "永川高新区")}),
    ("石柱土家族自治县委书记 谭华\n\n石柱县发展康养产业。",
     {("谭华", "governs", "石柱土家族自治县")}),
    ("市商务委党组书记、主任 郑国栋\n\n全市外贸保持增长。",
     {("郑国栋", "leads", "市商务委")}),
    ("区发展改革委党组书记、主任 韩立新\n\n推进重大项目建设。",
     {("韩立新", "leads", "区发展改革委")}),
    ("会上，区委书记欧阳晓东说，要抓好项目。",
     set()),
]
# fmt: on


@pytest.mark.parametrize("text,expected", TITLE_LINES)
def test_titles_chain_relations(text, expected):
    assert expected <= relations_of(text)


def test_titles_implicit_city_from_meeting_context():
    text = ("重庆召开区县委书记例会。会上，江北、长寿等区县的书记作交流发言。\n\n"
            "市政府副市长,西部科学城重庆高新区党工委书记 张立\n\n重庆高新区加快项目建设。")
    rels = relations_of(text)
    assert ("张立", "serves_in", "重庆市") in rels
    assert ("张立", "governs", "重庆高新区") in rels


@pytest.mark.parametrize("name", ["欧阳明哲", "司马光远"])
def test_titles_compound_surnames(name):
    text = f"万州区委常委、区政府副区长 {name}\n\n万州区推进产业发展。"
    assert ("official", name) in entities_of(text)


@pytest.mark.parametrize("text", [
    "（本报记者 王海 李静 整理）",
    "“今年收入翻了一番。”村民陈阿婆笑着说。",
    "图为施工现场。（摄影 徐涛）",
])
def test_titles_people_without_office_are_not_officials(text):
    assert not {n for t, n in entities_of(text) if t == "official"}


def test_titles_running_text_with_space_before_name():
    rels = relations_of("11月1日，重庆市商务委召开会议。市商务委党组书记、主任 郑国栋 出席会议并讲话。")
    assert any(r[0] == "郑国栋" and r[1] == "leads" for r in rels)


SIGNED_AT_END = ("### 以数字化改革推动高质量发展\n\n今年以来，我区建成两江数据中心，实施“链长制”。\n\n"
                 "江北区委书记 张三\n\n### 坚持项目为王\n\n渝北区建成仙桃国际大数据谷，推行“林长制”。\n\n渝北区委书记 李四\n")


def test_layout_speaker_line_after_the_speech():
    rels = relations_of(SIGNED_AT_END)
    assert {("江北区", "hosts", "两江数据中心"), ("江北区", "implements", "链长制"),
            ("渝北区", "hosts", "仙桃国际大数据谷"), ("渝北区", "implements", "林长制")} <= rels
    assert ("江北区", "hosts", "仙桃国际大数据谷") not in rels


def test_layout_author_note_names_the_region_of_an_unnamed_author():
    text = "### 以数字化改革推动高质量发展\n\n今年以来，我区建成两江数据中心。\n\n（作者系江北区委书记）\n"
    assert ("江北区", "hosts", "两江数据中心") in relations_of(text)
    assert not any(t == "official" for t, _ in entities_of(text))


def test_layout_feature_article_without_speaker_is_about_its_region():
    text = ("### 江北区：数字赋能产业升级\n\n今年以来，江北区建成两江数据中心，实施“链长制”，"
            "江北区企业数量增长12%。\n")
    assert ("江北区", "hosts", "两江数据中心") in relations_of(text)


@pytest.mark.parametrize("text, official, village", [
    ("梅县区南口镇侨乡村党总支书记潘伟明介绍，村里发展民宿。", "潘伟明", "侨乡村"),
    ("安吉县天荒坪镇余村村党支部书记汪玉成说，村里办起了民宿。", "汪玉成", "余村"),   # 余村 + 村党支部
    ("梅县区南口镇侨乡村委会主任 李春来 表示，要办好民宿。", "李春来", "侨乡村"),     # one 村 for both
    ("临安区於潜镇光明村党总支书记周小龙说，村里办起了民宿。", "周小龙", "光明村"),   # not 光明区
])
def test_titles_village_party_secretary_or_committee_head_governs_the_village(text, official, village):
    assert (official, "governs", village) in relations_of(text)


@pytest.mark.parametrize("text, relation", [
    ("璧山区区长 陈小兵 表示，要加快建设。", "governs"),     # the title alone heads the government
    ("巫溪县县长 张明 表示，要加快建设。", "governs"),
    ("璧山区副区长 陈小兵 表示，要加快建设。", "serves_in"),
])
def test_titles_head_of_government_written_after_the_region_name(text, relation):
    rels = relations_of(text)
    official, region = text.split(" ")[1], text[:3]
    assert (official, relation, region) in rels
    assert (official, {"governs": "serves_in", "serves_in": "governs"}[relation], region) not in rels


def test_titles_name_right_before_said_is_two_characters():
    from tests.conftest import relations_of

    rels = relations_of("“园区就是我们的主战场。”青白江区委副书记、区长刘婧说，青白江区今年引进项目50个。")
    assert ("刘婧", "governs", "青白江区") in rels


def test_titles_department_whose_name_ends_in_wei_before_its_head_in_running_text():
    from tests.conftest import relations_of

    rels = relations_of("“项目储备充足。”长葛市发展改革委主任王红说，快速通道项目已纳入省重点项目。")
    assert ("王红", "leads", "长葛市发展改革委") in rels


def test_titles_bare_zone_word_in_a_chain_is_the_zone_of_the_region_before():
    from tests.conftest import relations_of

    text = "“企业拿地即可开工。”长葛市委常委、先进制造业开发区党工委书记孙伟介绍，开发区引进企业17家。"
    rels = relations_of(text)
    assert ("孙伟", "governs", "长葛市先进制造业开发区") in rels
    assert ("长葛市先进制造业开发区", "part_of", "长葛市") in rels


def test_titles_bare_zone_word_opening_a_title_is_the_one_zone_of_that_kind_the_text_names():
    text = ("芜湖经开区今年签约项目40个。经开区管委会主任王立新介绍，园区将加快建设新能源汽车产业园。")
    assert ("王立新", "governs", "芜湖经开区") in relations_of(text)
    # two zones of that kind: the bare word says not which
    text2 = ("芜湖经开区与马鞍山经开区共建产业园。经开区管委会主任王立新介绍，园区发展良好。")
    assert not {r for r in relations_of(text2) if r[0] == "王立新" and r[1] == "governs"}
