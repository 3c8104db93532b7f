"""Own probe sentences for enterprises and organizations, in the phrasings of news of provinces and
layouts the dev corpus lacks: what each must name, what it must not, and the relations it must hold."""

from __future__ import annotations

import pytest

from tests.conftest import entities_of, relations_of

# fmt: off
PROBES = [
    # a verb before a listed or registered company is no part of its name
    ('新区积极协调甘肃银行、兰州银行为企业提供融资，吸引宁德时代、比亚迪等龙头企业前来考察。',
     [('enterprise', '宁德时代'), ('enterprise', '比亚迪'), ('enterprise', '甘肃银行')], ['吸引宁德时代'], []),
    ('我们先后对接华为、比亚迪等龙头企业。', [('enterprise', '华为')], ['对接华为'], []),
    ('委托广西投资集团有限公司开展片区综合开发。', [('enterprise', '广西投资集团有限公司')], ['委托广西投资集团有限公司'], []),
    ('区里主动协调重庆长安汽车股份有限公司解决用地问题。', [('enterprise', '重庆长安汽车股份有限公司')], [], []),
    ('来自浙江大华技术股份有限公司的代表发言。', [('enterprise', '浙江大华技术股份有限公司')], ['来自浙江大华技术股份有限公司'], []),
    # a list of companies before its cue: named items vouch for their mates; a count ends a list
    ('晋江的安踏、特步、361度、恒安等一批知名品牌走向世界。',
     [('enterprise', '安踏'), ('enterprise', '特步'), ('enterprise', '361度'), ('enterprise', '恒安')], [], []),
    ('经开区成功引进孚能科技、国机智骏等链主企业。', [('enterprise', '国机智骏'), ('enterprise', '孚能科技')], [], []),
    ('蜜雪冰城、茶百道等茶饮品牌在当地设立配送中心。', [('enterprise', '蜜雪冰城'), ('enterprise', '茶百道')], [], []),
    ('此外，华夏科技、联创光电两家企业营业收入均突破百亿元。', [('enterprise', '华夏科技'), ('enterprise', '联创光电')], ['光电'], []),
    ('国轩高科、阳光电源两家企业营收突破百亿元。', [('enterprise', '阳光电源')], [], []),
    ('当地积极发展物流、电商等企业。', [], ['物流', '电商'], []),
    ('街镇选派助企干部对口服务681家企业。', [], ['助企干部对口服务'], []),
    ('全市446家规模以上企业实施智能化改造。', [], ['全市'], []),
    # a short name and the registered name it goes by are one company, named in full
    ('合肥先后引进蔚来、大众安徽等整车企业。蔚来控股有限公司在合肥设立中国总部。',
     [('enterprise', '蔚来控股有限公司'), ('enterprise', '大众安徽')], ['蔚来'], []),
    ('经开区成功引进孚能科技等链主企业。如江西孚能科技有限公司，投资120亿元建设动力电池基地。',
     [('enterprise', '江西孚能科技有限公司')], ['孚能科技', '如江西孚能科技有限公司'], []),
    ('安踏、特步等品牌走向世界。安踏体育用品集团有限公司董事局主席表示，企业发展离不开营商环境。',
     [('enterprise', '安踏体育用品集团有限公司'), ('enterprise', '特步')], ['安踏'], []),
    ('恒安等企业发展很好。恒安集团有限公司总裁出席座谈会，恒安集团表示将扩大投资。',
     [('enterprise', '恒安集团有限公司')], ['恒安', '恒安集团'], []),
    ('新疆天业（集团）有限公司与浙江吉利控股集团有限公司签署合作协议，吉利将投资50亿元。',
     [('enterprise', '浙江吉利控股集团有限公司'), ('enterprise', '新疆天业（集团）有限公司')], ['吉利', '浙江吉利控股集团'], []),
    ('特变电工股份有限公司投资建设多晶硅项目，特变电工董事长表示项目将带动就业。',
     [('enterprise', '特变电工股份有限公司')], ['特变电工'], []),
    # a subsidiary named after its group is a company of its own
    ('洛阳文旅集团成立洛阳文旅集团资产运营公司。',
     [('enterprise', '洛阳文旅集团'), ('enterprise', '洛阳文旅集团资产运营公司')], [], []),
    # banks whose whole name is one word of the dictionary
    ('松北区政府与中国建设银行黑龙江省分行签订战略合作协议。', [('enterprise', '中国建设银行')], [], []),
    ('协调中国农业发展银行昌吉州分行加大信贷投放。', [('enterprise', '中国农业发展银行')], [], []),
    ('区里与中国工商银行签订协议。', [('enterprise', '中国工商银行')], [], []),
    ('今年以来，晋江市工信局协调中国银行晋江支行设立专项信贷额度。', [('enterprise', '中国银行'), ('organization', '晋江市工信局')],
     ['晋江市工信局协调中国银行'], []),
    ('推动农村商业银行改革，发展养老保险，扩大城乡居民养老保险覆盖面。', [], ['发展养老保险', '城乡居民养老保险', '农村商业银行'], []),
    # two neighbouring places open a joint company name
    ('区里主动对接宁波舟山港集团有限公司。', [('enterprise', '宁波舟山港集团有限公司')], ['舟山港集团有限公司'], []),
    ('襄阳高新区湖北汉江智行汽车科技有限公司落户。', [('enterprise', '湖北汉江智行汽车科技有限公司')], [], []),
    # departments with a bare or zone prefix, merged cores, people's organizations
    ('区人社局、区科工信局联合开展招聘活动。', [('organization', '区人社局'), ('organization', '区科工信局')], [],
     [('区人社局', 'partners_with', '区科工信局')]),
    ('崖州区农业农村局、区科技和工业信息化局积极做好服务保障。',
     [('organization', '崖州区农业农村局'), ('organization', '区科技和工业信息化局')], [], []),
    ('州发改委、州商务局主动对接。', [('organization', '州发改委'), ('organization', '州商务局')], [], []),
    ('昌吉州工商联、昌吉州浙江商会组织会员企业赴东部考察。',
     [('organization', '昌吉州工商联'), ('organization', '昌吉州浙江商会')], [], []),
    ('区妇联、县残联、市科协负责。', [('organization', '区妇联'), ('organization', '县残联'), ('organization', '市科协')], [], []),
    ('新区经济发展局局长李明介绍，新区商务和经济合作局将建立专班。',
     [('organization', '新区经济发展局'), ('organization', '新区商务和经济合作局')], ['区商务和经济合作局'], []),
    ('县委宣传部、县融媒体中心联合举办活动。', [('organization', '县委宣传部'), ('organization', '县融媒体中心')], [], []),
    # hospitals by level and kind only are no names; branches and faculties are named whole
    ('县人民医院、乡镇卫生院服务能力不断提升，全区新增三甲医院1家。', [], ['县人民医院', '乡镇卫生院', '三甲医院'], []),
    ('州人民医院、州中医医院与北京协和医院建立远程会诊合作。', [('organization', '北京协和医院')],
     ['州人民医院', '州中医医院'], []),
    ('勐海县人民医院挂牌。', [('organization', '勐海县人民医院')], [], []),
    ('三亚市人民医院崖州分院、崖州区中心卫生院提升基层医疗水平。',
     [('organization', '三亚市人民医院崖州分院'), ('organization', '崖州区中心卫生院')], [], []),
    ('合肥工业大学汽车与交通工程学院院长说，学院将持续输送人才。',
     [('organization', '合肥工业大学汽车与交通工程学院')], ['交通工程学院'], []),
    # a centre a company sets up is a kind of centre, not a named body
    ('隆平高科、大北农等种业企业设立研发中心。', [('enterprise', '隆平高科')], ['研发中心'], []),
    ('蜜雪冰城在江南区设立区域配送中心。', [], ['区域配送中心'], []),
    ('市里成立市数字经济促进中心。', [('organization', '市数字经济促进中心')], [], []),
    # a company's name going on past an institution's ending is the company's alone
    ('中车株洲电力机车研究所有限公司负责人作交流发言。', [('enterprise', '中车株洲电力机车研究所有限公司')],
     ['中车株洲电力机车研究所'], []),
    # a university's hospital is one name; the university is no body of its own there
    ('吉林大学第一医院有关负责同志参加会议。', [('organization', '吉林大学第一医院')], ['吉林大学'], []),
    # a university opening a project's name is no company
    ('我们与宜宾学院、四川大学宜宾园区开展合作。', [('organization', '宜宾学院')], [], []),
    # a listed company's short name that is a place's own part
    ('我们还积极对接北京中关村，推动合作。', [], ['中关村'], []),
    ('市商务局、市口岸办、市税务局、蒙自海关联合开展专项行动。',
     [('organization', '市口岸办'), ('organization', '蒙自海关')], [], []),
    ('依托蒙自市农业技术推广中心推广新品种。', [('organization', '蒙自市农业技术推广中心')], [], []),
    # a company named by a jieba word of organizations (石药集团) with its legal form
    ('石药集团有限公司总裁介绍，新园区投产后年产值可达80亿元。', [('enterprise', '石药集团有限公司')], [], []),
    # a known company vouches for the trade names beside it in a list of signed projects
    ('去年以来，我们先后引进理想汽车、中创新航、蜂巢能源等重大项目。',
     [('enterprise', '理想汽车'), ('enterprise', '中创新航'), ('enterprise', '蜂巢能源')], [], []),
    ('签约智能装备、新材料等项目。', [], ['智能装备', '新材料'], []),
    # a verb after 企业 names no company; a company's classifier is no part of its name
    ('推动河北医科大学与区内企业开展合作。', [('organization', '河北医科大学')], ['开展'], []),
    ('区属国企武进城投集团牵头成立产业基金。', [('enterprise', '武进城投集团')], ['区属国企武进城投集团'], []),
    # a brand inside a registered name is that company; a JV named after two brands is neither
    ('伊金霍洛旗委书记 刘建华\n\n内蒙古伊泰煤炭股份有限公司与华为技术有限公司合作打造矿山工业互联网平台。',
     [('enterprise', '华为技术有限公司'), ('enterprise', '内蒙古伊泰煤炭股份有限公司')], ['华为'],
     [('内蒙古伊泰煤炭股份有限公司', 'partners_with', '华为技术有限公司')]),
    # a group named without its industry word, before its head's post, is the group named in full
    ('远景科技集团在我旗建设零碳产业园，远景集团高级副总裁表示，园区将实现绿电供应。',
     [('enterprise', '远景科技集团')], ['远景集团'], []),
    ('科技公司总经理说，该集团董事长表示同意。', [], ['科技公司', '该集团'], []),
    # an association's name goes on past 协; a clinic of the townships is a kind
    ('市科学技术协会、区文化馆参加。', [('organization', '市科学技术协会')], ['市科学技术协'], []),
    ('县委书记到乡镇卫生院调研，看望县医院医务人员。', [], ['书记到乡镇卫生院', '乡镇卫生院', '县医院'], []),
]
# fmt: on

# Relations that must not be made: (text, triple).
NOT_RELATED = [
    # a clause's own actors are no one's partners
    ('南宁市江南区委书记 黄某\n\n区人社局、区科工信局等部门将建立专班。', ('江南区', 'partners_with', '区人社局')),
    ('蒙自市对外开放\n\n蒙自市发展外向型经济。市商务局、市口岸办、市税务局、蒙自海关联合开展专项行动。',
     ('蒙自市', 'partners_with', '蒙自海关')),
    ('合肥市委书记 王某\n\n中国科学技术大学、合肥工业大学与企业共建联合实验室。', ('合肥市', 'partners_with', '中国科学技术大学')),
    # bodies named by their kind cooperate, not the article's region
    ('昌吉州卫生工作\n\n昌吉州积极发展医疗事业。州人民医院、州中医医院与北京协和医院建立远程会诊合作。',
     ('昌吉回族自治州', 'partners_with', '北京协和医院')),
]


@pytest.mark.parametrize("text, want, bad, rel", PROBES)
def test_enterprise_probe(text, want, bad, rel):
    ents = entities_of(text)
    assert set(want) <= ents
    assert not set(bad) & {n for _, n in ents}
    if rel:
        assert set(rel) <= relations_of(text)


# Relations that must be made: (text, triple).
RELATED = [
    ('昌吉州工商联主席张三出席会议。', ('张三', 'leads', '昌吉州工商联')),
    ('区妇联主席李四介绍了情况。', ('李四', 'leads', '区妇联')),
    ('州发改委主任孙七主持会议。', ('孙七', 'leads', '州发改委')),
    ('新区商务和经济合作局局长赵六说，今年招商成效明显。', ('赵六', 'leads', '新区商务和经济合作局')),
    ('蒙自市委书记 杨华\n\n越南海防港务公司与我市签订合作备忘录。', ('蒙自市', 'partners_with', '越南海防港务公司')),
    ('渝北区委书记 王某\n\n华为携手渝北共建人工智能创新中心。', ('渝北区', 'partners_with', '华为')),
]


@pytest.mark.parametrize("text, triple", RELATED)
def test_enterprise_probe_related(text, triple):
    assert triple in relations_of(text)


@pytest.mark.parametrize("text, triple", NOT_RELATED)
def test_enterprise_probe_not_related(text, triple):
    assert triple not in relations_of(text)
