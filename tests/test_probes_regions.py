"""Own probe sentences for regions and their relations, in the phrasings of news of many provinces:
far places named to compare with or learn from, place lists, village and township lists, governed
zones, coined names holding a place, and the nearest named division a part_of goes to."""

from __future__ import annotations

import pytest

from tests.conftest import entities_of, relations_of

R = "region"

# fmt: off
PROBES = [
    # far places named in their own right (region_far_place)
    ('成都高新区党工委书记表示，将对标深圳南山、上海张江，打造科技创新高地。',
     [(R, '深圳市'), (R, '南山区'), (R, '上海市'), (R, '成都高新区')], [], [('南山区', 'part_of', '深圳市')]),
    ('武穴市市长说，武穴将学习浙江经验，推行企业服务专员制度。', [(R, '浙江省'), (R, '武穴市')], [], []),
    ('区委书记指出，要瞄准广州、杭州、苏州等先进城市，持续优化营商环境。',
     [(R, '广州市'), (R, '杭州市'), (R, '苏州市')], [], []),
    ('与北京、上海相比，长沙县在人才吸引方面仍有差距。', [(R, '北京市'), (R, '上海市'), (R, '长沙县')], [], []),
    ('县委书记表示，要学习江苏昆山、浙江义乌的好做法。',
     [(R, '江苏省'), (R, '昆山市'), (R, '浙江省'), (R, '义乌市')], [],
     [('昆山市', 'part_of', '江苏省'), ('义乌市', 'part_of', '浙江省')]),
    ('南京市委书记指出，江北新区要对标浦东新区、雄安新区，加快建设现代化新主城。',
     [(R, '浦东新区'), (R, '雄安新区'), (R, '江北新区')], [], []),
    ('新区将向深圳前海、上海浦东看齐，深化体制机制改革。', [(R, '深圳市'), (R, '上海市'), (R, '浦东新区')], [],
     [('浦东新区', 'part_of', '上海市')]),
    ('重庆两江新区推动两江四岸治理提升。', [(R, '两江新区')], [], []),
    ('黄石市委书记介绍，来自北京、上海、广州的200余家企业参会。', [(R, '北京市'), (R, '上海市'), (R, '广州市')], [], []),
    ('黄石市委书记介绍，黄石招商推介会在深圳举办，吸引客商300余人。', [(R, '深圳市'), (R, '黄石市')], [], []),
    ('学习贯彻党的二十大精神，对标先进，前往现场察看。', [], ['先进', '现场'], []),
    # short forms that are common words, and places that name a site
    ('辽宁省委书记说，辽宁要大力发展朝阳产业，推动和平发展。', [(R, '辽宁省')], ['朝阳市', '和平区'], []),
    ('山西省长说，要确保社会长治久安，推动世界大同。', [], ['长治市', '大同市'], []),
    ('山西省长说，太原、大同、长治、晋城等市经济总量稳步提升。', [(R, '大同市'), (R, '长治市'), (R, '晋城市')], [], []),
    ('桐庐县委书记说，桐庐与富阳、建德等兄弟区县加强协作。', [(R, '富阳区'), (R, '建德市')], [], []),
    ('广东省委书记在中山路调研，东莞、佛山等地也要行动起来。', [(R, '东莞市'), (R, '佛山市')], ['中山市'], []),
    ('广西壮族自治区主席说，钦州港吞吐量增长。', [], ['钦州市'], []),
    # a place inside a coined name is no region of the text
    ('6月6日，2021湖北武黄同城暨黄石产业投资推介会在武汉举行。', [(R, '武汉市')], ['湖北省', '湖北'], []),
    ('参加香港招商会、“新加坡·重庆周”等活动。', [], ['新加坡', '香港特别行政区', '重庆市'], []),
    # villages and townships in lists
    ('仁怀市委书记先后走进茅台镇岩滩村、中华村，实地了解情况。', [(R, '岩滩村'), (R, '中华村'), (R, '茅台镇')], [],
     [('中华村', 'part_of', '茅台镇'), ('岩滩村', 'part_of', '茅台镇')]),
    ('夷陵区龙泉镇青龙村、法官泉村发展柑橘产业，村集体经济收入突破50万元。', [(R, '青龙村'), (R, '法官泉村')], [], []),
    ('夷陵区龙泉镇青龙村、两村合并后发展加快。', [(R, '青龙村')], ['两村'], []),
    ('永川区委书记介绍，来苏、朱沱等镇积极发展特色农业。', [(R, '来苏镇'), (R, '朱沱镇'), (R, '永川区')], [], []),
    ('永川区委书记介绍，来苏、朱沱两个镇积极发展特色农业。', [(R, '来苏镇'), (R, '朱沱镇')], [], []),
    ('章贡区解放街道东门社区居民说，小区环境大变样。', [(R, '东门社区')], [], [('东门社区', 'part_of', '解放街道')]),
    ('南口镇和各村干部一起，南口镇在村里召开会议。', [], ['和各村', '在村'], []),
    ('沙县区夏茂镇俞邦村被誉为“沙县小吃第一村”。', [(R, '俞邦村')], ['小吃第一村'], []),
    # zones
    ('郑州航空港经济综合实验区党工委书记张某某介绍，今年引进项目30个。', [(R, '航空港经济综合实验区')], [],
     [('航空港经济综合实验区', 'part_of', '郑州市')]),
    ('中新天津生态城管委会主任介绍，生态城今年以来引进企业600余家。', [(R, '中新天津生态城')], [], []),
    ('合肥高新区管委会主任王某某表示，合肥市将继续支持合肥高新区发展。', [(R, '合肥高新区')], [],
     [('合肥高新区', 'part_of', '合肥市')]),
    ('赣州市委书记说，赣州经开区、蓉江新区也在加快建设。', [(R, '蓉江新区'), (R, '赣州经开区')], [], []),
    ('天津市委书记说，天津经济技术开发区、东疆综合保税区分别签约一批重大项目。', [(R, '东疆综保区'), (R, '天津经开区')], [], []),
    ('合肥市委常委说，新站经济技术开发区管委会今年引进项目20个。', [(R, '新站经开区')], [], []),
    ('市委书记说，要打造新区，建设开发区。', [], ['打造新区', '新区', '开发区'], []),
    ('该村建成乡村振兴示范区，游客逐年增多。', [], ['乡村振兴示范区'], []),
    # part_of goes to the nearest division the text names
    ('钦州市召开会议。钦南区、钦北区、灵山县、浦北县负责人分别发言。广西壮族自治区党委常委出席。',
     [(R, '钦南区'), (R, '浦北县')], [],
     [('钦南区', 'part_of', '钦州市'), ('浦北县', 'part_of', '钦州市')]),
]
# fmt: on


@pytest.mark.parametrize("text, want, bad, rel", PROBES)
def test_regions_probe(text, want, bad, rel):
    ents = entities_of(text)
    assert set(want) <= ents
    assert not set(bad) & {n for _, n in ents}
    if rel:
        assert set(rel) <= relations_of(text)


def test_list_of_a_city_meeting_is_not_part_of_the_province():
    text = "钦州市召开会议。钦南区、钦北区、灵山县、浦北县负责人分别发言。广西壮族自治区党委常委出席。"
    assert ("钦南区", "part_of", "广西壮族自治区") not in relations_of(text)


def test_comparison_is_no_cooperation():
    rels = relations_of("与北京、上海相比，长沙县在人才吸引方面仍有差距。")
    assert not {r for r in rels if r[1] == "partners_with"}


def test_township_goes_to_its_named_county():
    text = ("黄冈市召开县域经济推进会\n\n本报讯 黄冈市召开县域经济高质量发展推进会。\n\n"
            "麻城市委书记张某某介绍，麻城市今年引进亿元以上项目42个，福田河镇建设的菊花产业园已投产。")
    rels = relations_of(text)
    assert ("福田河镇", "part_of", "麻城市") in rels
    assert ("福田河镇", "part_of", "黄冈市") not in rels


def test_county_of_the_text_city():
    text = ("黄石市召开招商推介会\n\n黄石市委书记出席推介会。黄石市县领导王某、万某等参加活动。"
            "大冶市市长万某作招商项目推介。黄石市今年共签约项目33个，黄石将持续优化营商环境。")
    assert ("大冶市", "part_of", "黄石市") in relations_of(text)


def test_rank_within_the_city_places_the_county():
    text = "台州市召开会议\n仙居县委书记说，仙居县今年一季度经济指标综合得分排全市第一。台州市将继续支持。"
    assert ("仙居县", "part_of", "台州市") in relations_of(text)


def test_a_body_named_after_another_city_is_not_part_of_the_later_one():
    rels = relations_of("成都市武侯区与北京大学成都研究院签约，武侯区发展改革局参加。")
    assert ("武侯区发展改革局", "part_of", "武侯区") in rels
    assert not {r for r in rels if r[0] == "北京大学成都研究院" and r[1] == "part_of"}
