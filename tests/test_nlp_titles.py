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
