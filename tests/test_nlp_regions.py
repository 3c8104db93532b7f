"""Regions: gazetteer lookups, short forms, homonyms resolved by the document's context."""

import pytest

from kg.nlp.gazetteer import gazetteer, short_forms
from tests.conftest import entities_of, relations_of


def test_regions_short_forms():
    assert "江北" in short_forms("江北区", "county")
    assert {"石柱", "石柱县"} <= set(short_forms("石柱土家族自治县", "county"))
    assert short_forms("桥头镇", "township") == []


def test_regions_homonym_jiangbei_follows_context():
    g = gazetteer()
    cands = g.candidates("江北区")
    assert {c.adcode[:2] for c in cands} >= {"50", "33"}
    ningbo = entities_of("宁波市召开会议。宁波市江北区委书记 林涛\n\n江北区推进港口建设。")
    assert ("region", "江北区") in ningbo
    assert relations_of("宁波市江北区委书记 林涛\n\n江北区推进港口建设。") >= {("江北区", "part_of", "宁波市")}


def test_regions_historical_name_still_resolves():
    # 江北区 of 重庆 is gone from the newest division data but stays in the history.
    g = gazetteer()
    assert any(c.adcode == "500105" and c.until for c in g.candidates("江北区"))


# fmt: off
@pytest.mark.parametrize("code, year, name", [
    ("500101", None, "万州区"),      # 万县区 until 1998, under the same code
    ("500101", 2024, "万州区"),
    ("500101", 1998, "万州区"),
    ("500101", 1995, "万县区"),
    ("500111", None, "大足区"),      # 双桥区 until 2011
    ("500111", 2008, "双桥区"),
    ("500103", 1995, "渝中区"),      # never renamed
])
# fmt: on
def test_regions_name_in_force_at_a_date(code, year, name):
    assert gazetteer().named_at(code, year).name == name


@pytest.mark.parametrize("county, date, parent", [
    ("万州区", "2024-05-06", "万州区"), ("万州区", None, "万州区"), ("万县区", "1996-05-06", "万县区"),
])
def test_regions_parent_named_as_at_the_documents_date(county, date, parent):
    from kg.nlp.extract import extract
    from kg.schema import Document

    text = f"重庆市{county}太白街道召开居民代表会议，街道党工委书记 陈立 主持。"
    res = extract(Document(id="t.txt", text=text, date=date))
    (street,) = [e for e in res.entities if e.name == "太白街道"]
    assert street.attrs["parent"] == parent


def test_regions_township_with_parent_from_speech():
    text = "石柱土家族自治县委书记 谭华\n\n以桥头镇为例，企业带动农户增收。"
    rels = relations_of(text)
    assert ("桥头镇", "part_of", "石柱土家族自治县") in rels


def test_regions_list_of_districts_in_introduction():
    text = "编者按：重庆召开例会。会上，江北、长寿、江津等区县的党委书记作交流发言。"
    rels = relations_of(text)
    assert {("江北区", "part_of", "重庆市"), ("长寿区", "part_of", "重庆市")} <= rels


@pytest.mark.parametrize("text", [
    "重庆市区县委书记例会发言摘登\n\n6月5日，市委召开例会。南岸区、巴南区、市发展改革委负责人作现场交流发言。",
    "重庆市区县委书记例会发言摘登\n\n会上，南岸区、巴南区主要负责同志先后作交流发言。",
    "重庆市区县委书记例会发言摘登\n\n会上，南岸区、巴南区的党委书记分别作典型发言。",
])
def test_regions_list_of_a_meetings_participants_is_part_of_its_city(text):
    assert {("南岸区", "part_of", "重庆市"), ("巴南区", "part_of", "重庆市")} <= relations_of(text)


def test_regions_participants_of_a_districts_meeting_are_part_of_the_district_not_the_province():
    text = ("重庆市万州区召开镇街书记例会\n\n"
            "7月2日，万州区召开镇街书记例会。会上，龙沙镇、高笋塘街道等单位主要负责同志先后作交流发言。")
    rels = relations_of(text)
    assert ("龙沙镇", "part_of", "万州区") in rels
    assert ("龙沙镇", "part_of", "重庆市") not in rels


def test_regions_place_inside_company_name_is_not_a_region():
    ents = entities_of("长寿区与浙江海港集团共建物流枢纽。")
    assert ("region", "浙江省") not in ents


def test_regions_zone_grammar():
    ents = entities_of("永川综保区内外联动招商，永川区委书记 张三\n\n")
    assert ("region", "永川综保区") in ents


def test_regions_airport_economic_zone_is_a_zone_of_its_city():
    text = "郑州市市长 张三\n\n郑州临空经济区与郑州市商务局联合举办推介会。"
    assert ("region", "郑州临空经济区") in entities_of(text)
    assert ("郑州临空经济区", "part_of", "郑州市") in relations_of(text)


def test_regions_zone_written_in_full_and_short_is_one_zone():
    text = "合肥经济技术开发区举行签约仪式。合肥市委常委、合肥经开区党工委书记张三出席。"
    zones = {name for kind, name in entities_of(text) if kind == "region" and name != "合肥市"}
    assert zones == {"合肥经开区"}


def test_regions_zone_named_after_its_region_is_part_of_it():
    rels = relations_of("永川区委书记 张三\n\n永川综保区内外联动招商。")
    assert ("永川综保区", "part_of", "永川区") in rels


def test_regions_far_city_short_form_is_not_a_region_of_the_text():
    ents = entities_of("重庆市江北区委书记 张三\n\n江北区开行班列，到钦州港运价下浮。")
    assert ("region", "钦州市") not in ents


def test_regions_far_cities_in_a_list_of_places_are_regions():
    ents = entities_of("重庆市江北区委书记 张三\n\n张三带队到成都、武汉等地考察物流园区。")
    assert ("region", "成都市") in ents and ("region", "武汉市") in ents


def test_regions_the_place_of_a_dateline_is_a_region():
    ents = entities_of("本报武汉3月5日电  重庆市江北区委书记张三在汉考察时表示，将深化两地合作。")
    assert ("region", "武汉市") in ents


def test_regions_far_county_named_like_a_common_word_needs_support():
    # 老城区 is a district of 洛阳 in Henan, and also just "the old town".
    zhejiang = "杭州市上城区委书记 李明\n\n上城区紧盯老城区改造难题，推进城市更新。"
    assert ("region", "老城区") not in entities_of(zhejiang)
    henan = "洛阳市老城区委书记 王刚\n\n老城区推进古城保护。河南省洛阳市加快文旅融合。"
    assert ("region", "老城区") in entities_of(henan)


def test_regions_village_named_after_its_township_is_part_of_it():
    text = "安吉县天荒坪镇余村坚持绿色发展。余村去年接待游客九十万人次。"
    ents = entities_of(text)
    assert ("region", "余村") in ents
    assert ("余村", "part_of", "天荒坪镇") in relations_of(text)


def test_regions_village_name_may_hold_the_character_of_a_township():
    # 侨乡村 is a village; 乡村 alone is a word.
    assert ("region", "侨乡村") in entities_of("梅县区南口镇侨乡村发展民宿。")
    assert [e for e in entities_of("梅县区南口镇乡村振兴加快推进。") if e[1].endswith("村")] == []


@pytest.mark.parametrize("text", [
    "梅县区南口镇示范村建设加快。",        # a kind of village
    "梅县区南口镇新农村建设加快。",
    "梅县区南口镇和平村、南口镇各村开展评比。",   # 和/各 join or point, they start no name
])
def test_regions_generic_words_after_a_township_are_no_villages(text):
    villages = {e[1] for e in entities_of(text) if e[0] == "region" and e[1].endswith("村")}
    assert villages == set()


def test_regions_bare_village_needs_its_township_somewhere_in_the_document():
    assert ("region", "余村") not in entities_of("余村去年接待游客九十万人次。")


def test_regions_zone_named_after_a_local_place_with_its_city_or_its_governing_body():
    text = ("走进成都天府国际生物城，也走进绵阳科创高新区。"
            "绵阳市科创高新区党工委书记 王峰 介绍，科创高新区今年引进项目30个。")
    rels = relations_of(text)
    assert ("王峰", "governs", "科创高新区") in rels
    assert ("科创高新区", "part_of", "绵阳市") in rels


def test_regions_a_level_or_a_count_before_a_zone_suffix_is_no_zone_name():
    text = "绵阳市召开会议。省级开发区管委会、两个开发区管委会、各类开发区管委会和园区开发区管委会都要改革。"
    assert {n for t, n in entities_of(text) if t == "region"} == {"绵阳市"}


def test_regions_county_economic_development_zone():
    rels = relations_of("三台县委书记 李明\n\n项目已落户三台经济开发区。")
    assert ("三台经济开发区", "part_of", "三台县") in rels


def test_regions_foreign_countries_are_regions():
    text = "防城港市东兴市市长 韦海峰\n\n组织企业赴越南、泰国参展。与印尼深化经贸合作。"
    regions = {n for t, n in entities_of(text) if t == "region"}
    assert {"越南", "泰国", "印度尼西亚"} <= regions
    assert ("东兴市", "partners_with", "印度尼西亚") in relations_of(text)


def test_regions_autonomous_region_department_is_led_by_its_head():
    text = ("南宁市委常委、青秀区委书记 黄振宇\n\n青秀区建设东盟产业园。\n\n"
            "自治区商务厅党组书记、厅长 莫晓岚\n\n自治区商务厅推行“稳外贸直通车”机制。\n")
    rels = relations_of(text)
    assert ("莫晓岚", "leads", "自治区商务厅") in rels
    assert ("自治区商务厅", "implements", "稳外贸直通车机制") in rels


def test_regions_free_trade_zone_area_and_its_long_speaker_line():
    text = ("成都市委常委，中国（四川）自由贸易试验区成都天府新区片区管委会主任 刘川\n\n"
            "成都天府新区片区今年新设外资企业120家。推行“首证通”改革。\n")
    rels = relations_of(text)
    assert ("刘川", "governs", "成都天府新区片区") in rels
    assert ("成都天府新区片区", "implements", "首证通改革") in rels


def test_regions_an_organization_named_with_a_country_is_part_of_its_own_region():
    rels = relations_of("南宁市委常委、青秀区委书记 黄振宇\n\n指导成立南宁越南商会。")
    assert not {t for h, r, t in rels if h == "南宁越南商会" and r == "part_of"} & {"越南"}


def test_regions_divisions_of_a_foreign_country_written_after_it():
    text = ("红河州河口县县长 李华\n\n"
            "河口县与越南老街省老街市隔河相望。与老街市建立口岸合作机制。组织企业赴越南参展。越南市场潜力大。")
    rels = relations_of(text)
    assert {("老街省", "part_of", "越南"), ("老街市", "part_of", "老街省")} <= rels
    assert ("河口瑶族自治县", "partners_with", "老街市") in rels
    assert ("河口瑶族自治县", "partners_with", "越南") not in rels
    regions = {n for t, n in entities_of(text) if t == "region"}
    assert not {n for n in regions if n.startswith("越南") and n != "越南"}


def test_regions_area_of_a_free_trade_zone_written_after_it_is_part_of_it():
    rels = relations_of("广西自贸试验区钦州港片区联合海关推出多项改革举措，通关时间压缩一半。")
    assert ("钦州港片区", "part_of", "广西自贸试验区") in rels
    assert ("广西自贸试验区", "partners_with", "钦州港片区") not in rels


def test_regions_a_county_read_in_a_list_of_prefectures_gets_no_part_of_from_it():
    from kg.nlp.extract import extract
    from kg.schema import Document

    text = ("云南茶产业观察\n\n云南省大力发展茶产业。在普洱市宁洱哈尼族彝族自治县的茶园，茶农正在采茶。"
            "云南茶叶主要产自普洱、临沧、西双版纳、保山4个州市。\n")
    res = extract(Document(id="a.txt", text=text))
    level = {e.name: e.attrs.get("level") for e in res.entities if e.type == "region"}
    listed = {r.head[1] for r in res.relations if r.rule == "part_of_region_list"}
    assert "临沧市" in listed
    assert all(level[name] == "city" for name in listed)


# fmt: off
SHORT_FORMS = [
    # a city's short form in any province; one whose districts share it (西安区) is the city
    ("成都加快建设国际消费中心城市。", {"成都市"}),
    ("武汉今年新增市场主体20万户。", {"武汉市"}),
    ("苏州工业经济稳步增长。", {"苏州市"}),
    ("西安加快建设国家中心城市。", {"西安市"}),
    ("在青岛，海洋经济占GDP三成。", {"青岛市"}),
    # places listed and counted: 两市, 三市, 等城市
    ("西安、郑州、济南三市签署合作协议。", {"西安市", "郑州市", "济南市"}),
    ("西安、郑州、济南等城市签署合作协议。", {"西安市", "郑州市", "济南市"}),
    ("合肥、芜湖两市新能源汽车产量占全省八成。", {"合肥市", "芜湖市"}),
]
# fmt: on


@pytest.mark.parametrize("text, regions", SHORT_FORMS)
def test_regions_short_forms_of_cities_in_any_province(text, regions):
    assert regions <= {n for t, n in entities_of(text) if t == "region"}


def test_regions_a_district_named_like_a_city_keeps_its_district_where_the_text_says_so():
    ents = entities_of("牡丹江市西安区推进老旧小区改造。西安区新建公园3个。")
    assert ("region", "西安区") in ents and ("region", "西安市") not in ents


# fmt: off
CHAINS = [
    ("浙江省湖州市安吉县天荒坪镇余村发展乡村旅游。",
     [("湖州市", "浙江省"), ("安吉县", "湖州市"), ("天荒坪镇", "安吉县"), ("余村", "天荒坪镇")]),
    ("湖南省长沙市望城区乔口镇柏叶村建起了民宿。",
     [("长沙市", "湖南省"), ("望城区", "长沙市"), ("乔口镇", "望城区"), ("柏叶村", "乔口镇")]),
    ("广东省佛山市顺德区北滘镇是家电之乡。", [("佛山市", "广东省"), ("顺德区", "佛山市"), ("北滘镇", "顺德区")]),
    ("贵州省遵义市湄潭县永兴镇的茶园里一片繁忙。", [("湄潭县", "遵义市"), ("永兴镇", "湄潭县")]),
    ("云南省西双版纳傣族自治州勐腊县推进口岸建设。", [("勐腊县", "西双版纳傣族自治州")]),
    ("重庆市奉节县与湖北省宜昌市开展合作。", [("奉节县", "重庆市"), ("宜昌市", "湖北省")]),
    ("苍溪县元坝镇黄家山村发展猕猴桃产业。", [("元坝镇", "苍溪县"), ("黄家山村", "元坝镇")]),
    # a village whose first character is a verb to jieba on its own (开|弦弓村)
    ("江苏省苏州市吴江区七都镇开弦弓村保留了江村风貌。", [("七都镇", "吴江区"), ("开弦弓村", "七都镇")]),
]
# fmt: on


@pytest.mark.parametrize("text, pairs", CHAINS)
def test_regions_chains_give_part_of_at_each_step(text, pairs):
    rels = relations_of(text)
    assert {(a, "part_of", b) for a, b in pairs} <= rels


@pytest.mark.parametrize("text, full, short", [
    ("黄梅：擦亮禅宗文化名片\n\n湖北省黄冈市黄梅县近年来发展文旅产业。黄梅县游客增长两成。", "黄梅县", "黄梅"),
    ("义乌：小商品走向大世界\n\n浙江省义乌市今年出口增长。义乌市场主体突破百万户。", "义乌市", "义乌"),
    ("昆山今年利用外资增长10%。昆山市引进项目80个。", "昆山市", "昆山"),
])
def test_regions_headline_short_form_is_the_full_region(text, full, short):
    regions = {n for t, n in entities_of(text) if t == "region"}
    assert full in regions and short not in regions


def test_regions_participants_of_a_citys_meeting_are_part_of_it_when_the_province_goes_unnamed():
    text = "广元市召开会议。会上，利州区、昭化区、朝天区、旺苍县、青川县主要负责同志作交流发言。"
    rels = relations_of(text)
    assert {(r, "part_of", "广元市") for r in ("利州区", "昭化区", "朝天区", "旺苍县", "青川县")} <= rels


def test_regions_village_named_by_its_residents_is_part_of_the_township_named_before():
    text = "奉节县鹤峰乡拆除蓝棚顶。“院子比之前好看多了！”莲花社区胡家湾村村民胡均安说。"
    rels = relations_of(text)
    assert {("胡家湾村", "part_of", "莲花社区"), ("莲花社区", "part_of", "鹤峰乡")} <= rels


def test_regions_village_of_residents_in_a_county_with_no_township_named():
    ents = entities_of("兴文县推进竹产业。“路修好了。”石林村村民王大爷说。")
    assert ("region", "石林村") in ents


@pytest.mark.parametrize("text", [
    "奉节县举办活动，当地农村群众踊跃参加。",
    "奉节县举办活动，广大社区居民踊跃参加。",
    "奉节县鹤峰乡。示范村村民说。",
    "“路修好了。”石林村村民王大爷说。",          # no township or county to hold it
])
def test_regions_residents_of_a_kind_of_village_name_no_village(text):
    assert not {n for t, n in entities_of(text) if t == "region" and n.endswith(("村", "社区"))}


@pytest.mark.parametrize("text, name, old", [
    # a county's former name, written with its suffix, is the county of today
    ("峨边彝族自治县推进茶叶种植。峨边县今年茶叶增收。", "峨边彝族自治县", "峨边县"),
    ("北川县发展茶产业。", "北川羌族自治县", "北川县"),
    ("福建省三明市沙县推广小吃。", "沙县区", "沙县"),
])
def test_regions_a_former_name_that_is_a_short_form_of_a_current_region_is_that_region(text, name, old):
    regions = {n for t, n in entities_of(text) if t == "region"}
    assert name in regions and old not in regions


def test_a_governed_zone_named_after_a_county_is_that_countys_not_the_texts_city():
    """瑞丽综合保税区管委会 in a text about 德宏州: the zone's name gives its county (瑞丽市), which the
    text names too; a zone named after a place the text names only inside it gets no part_of."""
    rels = relations_of("德宏州加快建设沿边开放高地，瑞丽市跨境贸易持续增长。"
                        "瑞丽综合保税区管委会主任杨海涛介绍，今年综保区新引进企业12家。")
    assert ("瑞丽综保区", "part_of", "瑞丽市") in rels
    assert ("瑞丽综保区", "part_of", "德宏傣族景颇族自治州") not in rels
    rels = relations_of("德宏州加快建设沿边开放高地。瑞丽综合保税区管委会主任杨海涛介绍，今年新引进企业12家。")
    assert not {r for r in rels if r[0] == "瑞丽综保区" and r[1] == "part_of" and r[2] == "瑞丽市"}
