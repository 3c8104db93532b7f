"""Organizations: departments named after their region, party committee departments, public
agencies, institutions by their ending; kinds of institutions are not names (own sentences)."""

import pytest

from tests.conftest import entities_of, relations_of


def organizations(text: str) -> set[str]:
    return {n for t, n in entities_of(text) if t == "organization"}


# fmt: off
ORGANIZATIONS = [
    # (text, organization, the region it is part_of, or None). The region is also named on its
    # own: a place named only inside an organization's name is no region of the text.
    ("江津区扩大就业。江津区人社局组织专场招聘会。", "江津区人社局", "江津区"),
    ("巫山县发展脆李产业。图片由巫山县委宣传部提供。", "巫山县委宣传部", "巫山县"),
    ("绵阳市建设科技城。数据来源：中共绵阳市委宣传部。", "中共绵阳市委宣传部", "绵阳市"),
    ("成都市培训文旅干部。成都市委组织部联合市文广旅局开设培训班。", "成都市委组织部", "成都市"),
    ("达州市引进企业。达州市驻京办联合商会举办推介会。", "达州市驻京办", "达州市"),
    ("青羊区改造管网。成都市青羊区供水管理所完成改造。", "成都市青羊区供水管理所", "青羊区"),
    ("宜宾市举办推介会。宜宾市招商服务中心组织企业参展。", "宜宾市招商服务中心", "宜宾市"),
    ("宜宾市保护文物。宜宾市文物局争取保护资金2000万元。", "宜宾市文物局", "宜宾市"),
    ("重庆召开会议。市农委牵头推进高标准农田建设。", "市农委", None),      # implicit region: as written
    ("联动市农业科学研究院开展技术攻关。", "市农业科学研究院", None),           # 联动 introduces the name
    ("我们希望和四川大学合作。", "四川大学", None),
    ("新华社记者摄。", "新华社", None),
    ("推进集团与乐山大佛博物馆等三家博物馆合作。", "乐山大佛博物馆", None),
    ("“我们希望和西南交通大学合作。”他说。", "西南交通大学", None),           # after an opening quote too
    ("商务部外贸司负责人介绍，出口增长5%。", "商务部外贸司", None),             # a ministry's department
    ("四川省推进科研合作。四川农业大学与企业共建实验室。", "四川农业大学", "四川省"),
]
# fmt: on


@pytest.mark.parametrize("text, org, region", ORGANIZATIONS)
def test_organizations_found_whole_and_placed_by_their_prefix(text, org, region):
    assert org in organizations(text)
    parts = {t for h, r, t in relations_of(text) if h == org and r == "part_of"}
    assert parts == ({region} if region else set())


@pytest.mark.parametrize("text", [
    "全市建成三甲医院5家，县医院全部达到二级以上。",
    "中小学校新建12所。",
    "在医疗领域，建成智慧医院10家，多家医院上线辅助诊断。",
    "推动成果转化，一批科研团队来到实验室。",
    "技术成果已走出实验室，进入车间。",
    "推广建设园区嵌入式幼儿园。",
    "参加香港招商会，签约项目8个。",
    "获评省级博物馆事业发展典型案例。",
    "推进集团与五大博物馆合作。",
    "联合当地商会开展活动。",
])
def test_organizations_kinds_of_institutions_are_not_names(text):
    assert not organizations(text)


def test_organizations_department_after_a_chain_of_regions_is_named_with_the_whole_chain():
    text = "成都市双流区科技局副局长张明介绍，区内聚集医药企业60余家。"
    assert organizations(text) == {"成都市双流区科技局"}


@pytest.mark.parametrize("text, org, region", [
    ("“西南医科大学就在泸州市龙马潭区。”他介绍。", "西南医科大学", "龙马潭区"),
    ("四川省科学技术协会位于成都市青羊区。", "四川省科学技术协会", "青羊区"),
])
def test_organizations_placed_by_the_text_are_part_of_the_place(text, org, region):
    assert (org, "part_of", region) in relations_of(text)


def test_organizations_where_a_body_holds_an_event_is_not_where_it_is():
    text = "成都市商务局在上海举办推介会。"
    assert not {t for h, r, t in relations_of(text) if h == "成都市商务局" and t != "成都市"}


def test_organizations_named_after_a_foreign_division_are_part_of_it():
    text = "江北区与越南广宁省旅游协会签署合作协议。"
    assert ("越南广宁省旅游协会", "part_of", "广宁省") in relations_of(text)


# fmt: off
DEPARTMENTS_ACROSS_PROVINCES = [
    # (text, organization, the region it is part_of, or None)
    ("浦东新区扩大就业。区人社局组织专场招聘会。", "区人社局", None),
    ("桐庐县发展文旅。桐庐县委宣传部组织采风活动。", "桐庐县委宣传部", "桐庐县"),
    ("南昌市推进农业现代化。南昌市农委制定实施方案。", "南昌市农委", "南昌市"),
    ("湖北省推进重大项目。湖北省发展改革委下达投资计划。", "湖北省发展改革委", "湖北省"),
    ("无锡市开展食品安全检查。无锡市市场监管局抽检食品2000批次。", "无锡市市场监管局", "无锡市"),
    ("天河区发展改革局公布重点项目名单。", "天河区发展改革局", None),
    ("南山区新增企业。深圳市南山区科技创新局发布扶持政策。", "深圳市南山区科技创新局", "南山区"),
    ("贵阳市发展数字经济。贵阳市大数据局推进数据开放。", "贵阳市大数据局", "贵阳市"),
    ("市卫健委组织专家义诊。", "市卫健委", None),
    ("中共济南市委组织部发布公告。", "中共济南市委组织部", None),
    # merged departments, short forms of academies and co-operatives
    ("县科技和经济信息化局组织企业申报项目。", "县科技和经济信息化局", None),
    ("县农业农村和水利局组织抗旱。", "县农业农村和水利局", None),
    ("省农科院专家到田间指导。", "省农科院", None),
    ("县供销社建设农资配送中心。", "县供销社", None),
    ("南充市推进招商。南充市投促局组织专题推介。", "南充市投促局", "南充市"),
    ("区经信局牵头推进企业技改。", "区经信局", None),
    ("县委统战部组织民营企业家座谈。", "县委统战部", None),
    ("市委网信办开展网络安全宣传。", "市委网信办", None),
    # 和 between two departments is a conjunction, not the county 和县
    ("县住建局和县自然资源局联合执法。", "县自然资源局", None),
]
# fmt: on


@pytest.mark.parametrize("text, org, region", DEPARTMENTS_ACROSS_PROVINCES)
def test_organizations_departments_across_provinces(text, org, region):
    assert org in organizations(text)
    parts = {t for h, r, t in relations_of(text) if h == org and r == "part_of"}
    assert parts == ({region} if region else set())


@pytest.mark.parametrize("text, bad", [
    ("县住建局和县自然资源局联合执法。", "和县自然资源局"),
    ("岳阳楼区扩大学位供给。", "岳阳楼区扩大学"),          # 扩大|学位: no 大学 here
    ("全县共有三甲医院2家，中小学校45所。", "三甲医院"),
    ("全县共有三甲医院2家，中小学校45所。", "中小学校"),
    ("县医院新建住院大楼投入使用。", "县医院"),
    ("镇卫生院和村卫生室实现全覆盖。", "镇卫生院"),
    ("全市新建幼儿园10所、养老院5家。", "幼儿园"),
])
def test_organizations_conjunctions_straddled_words_and_kinds_are_no_names(text, bad):
    assert bad not in {n for _, n in entities_of(text)}
