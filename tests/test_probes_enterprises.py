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
    ('推动农村商业银行改革，发展养老保险，扩大城乡居民养老保险覆盖面。', [], ['发展养老保险', '城乡居民养老保险', '农村商业银行'], []),
    # two neighbouring places open a joint company name
    ('区里主动对接宁波舟山港集团有限公司。', [('enterprise', '宁波舟山港集团有限公司')], ['舟山港集团有限公司'], []),
    ('襄阳高新区湖北汉江智行汽车科技有限公司落户。', [('enterprise', '湖北汉江智行汽车科技有限公司')], [], []),
]
# fmt: on


@pytest.mark.parametrize("text, want, bad, rel", PROBES)
def test_enterprise_probe(text, want, bad, rel):
    ents = entities_of(text)
    assert set(want) <= ents
    assert not set(bad) & {n for _, n in ents}
    if rel:
        assert set(rel) <= relations_of(text)
