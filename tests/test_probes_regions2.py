"""Own probe sentences for regions, second round: short forms of 盟 and 自治州, places inside coined
names that are no region (a village out of a township's name, an outlet's name), the areas of a free
trade zone, zones named after a port and border cooperation zones, bylines, foreign divisions."""

from __future__ import annotations

import pytest

from tests.conftest import entities_of, relations_of

R = "region"

# fmt: off
PROBES = [
    # short forms of 盟 and 自治州
    ('锡林郭勒盟大力发展现代畜牧业。锡盟已建成标准化养殖场300余个。', [(R, '锡林郭勒盟')], ['锡盟'], []),
    ('阿拉善盟推进荒漠化治理，阿盟今年完成治沙面积百万亩。', [(R, '阿拉善盟')], ['阿盟'], []),
    ('黔东南州州委书记表示，黔东南州将深入推进文旅融合。', [(R, '黔东南苗族侗族自治州')], ['黔东南州'], []),
    ('阿坝州、甘孜州等兄弟州也派员前来考察交流。', [(R, '阿坝藏族羌族自治州'), (R, '甘孜藏族自治州')], [], []),
    ('喀什地区外贸进出口快速增长。喀什地委书记表示，喀什将加快建设商贸物流中心。', [(R, '喀什地区')], ['喀什地'], []),
    # a border port named after its place is no region (满洲里口岸), its zones are
    ('满洲里口岸进出境货运量突破千万吨，满洲里边境经济合作区跨境电商交易额增长四成。',
     [(R, '满洲里边境经济合作区')], ['满洲里口岸', '口岸'], []),
    ('人民网乌鲁木齐5月6日电 新疆今年外贸进出口增长两成。', [(R, '新疆维吾尔自治区'), (R, '乌鲁木齐市')], [], []),
    ('伊犁州党委副书记、州长马某在霍尔果斯市调研。', [(R, '伊犁哈萨克自治州')], [], [('霍尔果斯市', 'part_of', '伊犁哈萨克自治州')]),
    ('巴音郭楞州加快发展特色林果业，巴州库尔勒香梨远销海外。', [(R, '巴音郭楞蒙古自治州')], [], []),
    ('二连浩特重点开发开放试验区管委会主任表示，试验区今年进出口增长三成。',
     [(R, '二连浩特重点开发开放试验区')], ['开放试验区'], []),
    # a far prefecture before its own body is a region, whatever province the text weighs most
    ('全县上下在临夏州委、州政府的坚强领导下取得新成效，深化与厦门市湖里区的东西部协作。',
     [(R, '临夏回族自治州'), (R, '湖里区')], [], []),
    # a community named after a place is no region of that place
    ('我们在西湖社区试点网格治理，在中山社区建成党群服务中心。', [], ['中山市'], []),
    # a village out of a township's name, or out of a coined name after it
    ('推进周村区王村镇国家农村产业融合发展示范园建设。', [(R, '王村镇')], ['王村', '国家农村'], []),
    ('北京市房山区阎村镇全力打造现代农业产业园。', [(R, '阎村镇')], ['阎村'], []),
    ('全力建设宣城市泾县桃花潭镇全国乡村旅游重点村。', [], ['全国乡村'], []),
    ('浙江省安吉县天荒坪镇余村持续推进绿色发展。', [(R, '余村')], [], [('余村', 'part_of', '天荒坪镇')]),
    ('英德市九龙镇把龙华村作为乡村振兴的样板来打造，龙华村建成农产品加工中心。', [(R, '龙华村')], [], [('龙华村', 'part_of', '九龙镇')]),
    ('英德市九龙镇的农村面貌焕然一新。', [(R, '九龙镇')], ['的农村', '农村'], []),
    ('英德市九龙镇的小山村也通了公路。', [(R, '九龙镇')], ['小山村', '的小山村'], []),
    ('英德市九龙镇把村集体经济作为工作重点。', [(R, '九龙镇')], ['村集体'], []),
    # a news outlet named after its place
    ('湖北日报讯（记者 张某）今年以来，宜昌市猇亭区招商引资成效显著。', [(R, '猇亭区')], ['湖北省'], []),
    ('四川日报讯 眉山市东坡区今年新签约项目56个。', [(R, '东坡区')], ['四川省'], []),
    # bylines name where the report was filed
    ('本报锡林浩特讯 今年以来，锡林郭勒盟坚持生态优先、绿色发展。', [(R, '锡林浩特市')], [], []),
    ('本报凯里5月3日电 黔东南州持续推进旅游产业化。', [(R, '凯里市')], [], []),
    # the areas of a free trade zone: one zone, the province inside its name is none
    ('依托中国（安徽）自由贸易试验区芜湖片区，扩大对外贸易规模。', [(R, '芜湖片区')], ['安徽省'], []),
    ('中国（广西）自由贸易试验区钦州港片区新增企业1200家。', [(R, '钦州港片区')], ['广西壮族自治区'], []),
    # zones named after a port, border and cross-border cooperation zones
    ('如东县把洋口港经济开发区作为临港产业主阵地。', [(R, '洋口港经济开发区')], [], []),
    ('省长在郑州航空港经济综合实验区调研智能终端产业。', [(R, '航空港经济综合实验区')], [], []),
    ('珲春边境经济合作区、瑞丽跨境经济合作区进出口额大幅增长。', [(R, '珲春边境经济合作区'), (R, '瑞丽跨境经济合作区')], [], []),
    ('上海临港新区和空港开发区加快发展。', [], ['临港新区', '空港开发区'], []),
    ('湖南省召开全省产业发展推进会。长沙、株洲、湘潭等市入选国家试点。', [(R, '长沙市')], [],
     [('长沙市', 'part_of', '湖南省'), ('株洲市', 'part_of', '湖南省'), ('湘潭市', 'part_of', '湖南省')]),
    ('河南省召开全省项目建设推进会。省长到郑州、新乡两市调研。', [(R, '郑州市')], [],
     [('郑州市', 'part_of', '河南省'), ('新乡市', 'part_of', '河南省')]),
    # a zone named after a local place that is also a far county's name: the city's zone
    ('重大项目集中签约仪式在宜宾三江新区举行，三江新区今年引进项目40个。', [(R, '宜宾三江新区')], ['三江新区'], []),
    ('宁波北仑经开区和杭州滨江高新区发展势头良好。', [(R, '北仑经开区'), (R, '滨江高新区')], [],
     [('北仑经开区', 'part_of', '宁波市'), ('滨江高新区', 'part_of', '杭州市')]),
    # a region said to be a place of the division above it
    ('锡林郭勒盟是内蒙古自治区重要的清洁能源输出基地。', [(R, '锡林郭勒盟')], [], [('锡林郭勒盟', 'part_of', '内蒙古自治区')]),
    ('如东县地处南通市东部沿海，风电资源丰富。', [(R, '如东县')], [], [('如东县', 'part_of', '南通市')]),
    # foreign divisions after their country, never spanning a list's 等
    ('深化与日本新潟、韩国釜山等城市的经贸合作。', [(R, '日本'), (R, '韩国')], ['釜山等城市', '釜山等城'], []),
    ('与越南广宁省芒街市开展边境贸易合作。', [(R, '广宁省'), (R, '芒街市')], [], [('芒街市', 'part_of', '广宁省')]),
]
# fmt: on


@pytest.mark.parametrize("text, want, bad, rel", PROBES)
def test_regions2_probe(text, want, bad, rel):
    ents = entities_of(text)
    assert set(want) <= ents
    assert not set(bad) & {n for _, n in ents}
    if rel:
        assert set(rel) <= relations_of(text)


def test_zone_alias_keeps_the_written_names():
    from kg.nlp.extract import extract
    from kg.schema import Document

    res = extract(Document(id="t.txt", text="在郑州航空港经济综合实验区，省长察看了项目建设现场。"
                                            "依托中国（安徽）自由贸易试验区芜湖片区扩大开放。"))
    aliases = {e.name: set(e.aliases) for e in res.entities if e.type == R}
    assert "郑州航空港经济综合实验区" in aliases["航空港经济综合实验区"]
    assert "中国（安徽）自由贸易试验区芜湖片区" in aliases["芜湖片区"]


def test_listed_county_goes_to_its_named_city_not_the_convening_province():
    text = ("浙江省召开全省数字经济推进会。会上，宁波市、安吉县和省经济和信息化厅负责同志作交流发言。\n\n"
            "发言人：李某（湖州市安吉县县长）\n安吉是生态县。")
    rels = relations_of(text)
    assert ("宁波市", "part_of", "浙江省") in rels
    assert ("安吉县", "part_of", "湖州市") in rels
    assert ("安吉县", "part_of", "浙江省") not in rels
