"""Own probe texts for officials and discourse, round 2: reports of an official's inspection tour,
names of minority officials without a Han surname, leagues and prefectures in title chains, and
departments whose field words no list knows: what each must name and relate, and must not."""

from __future__ import annotations

import pytest

from tests.conftest import entities_of, relations_of

VISIT = (
    "王建华到赣州吉安两市调研时强调\n\n"
    "本报讯 6月11日至12日，省委副书记、省长王建华到赣州、吉安两市调研制造业发展。他强调，要坚持制造强省战略，"
    "为江西高质量发展注入强劲动能。\n\n"
    "在赣州经济技术开发区，王建华走进江西晶泰新能源科技有限公司，察看动力电池生产线。\n\n"
    "12日，王建华来到吉安市。在吉安市井冈山经济技术开发区，他考察了江西瑞丰电子有限公司。\n\n"
    "调研期间，王建华主持召开座谈会。他强调，要深入实施“映山红行动”，帮助企业解决融资难题。\n\n"
    "省政府秘书长刘振东，赣州市委书记周国平，吉安市委副书记、市长赵海涛等陪同调研。\n"
)
VISIT_CITY = (
    "6月18日，省长李国华到四平、通化两市调研。在梨树县，李国华走进吉林梨丰农业科技有限公司，了解黑土地保护情况。"
    "在通化市，李国华考察了通化东宝药业股份有限公司。李国华强调，要深入实施“千亿斤粮食产能建设工程”，推动全省农业现代化。\n"
)
VISIT_TOWN = (
    "8月2日，自治区党委副书记、自治区主席扎西次仁到林芝市调研旅游产业发展。\n\n"
    "在巴宜区鲁朗镇，扎西次仁察看了鲁朗国际旅游小镇项目。扎西次仁强调，要深入实施“乡村振兴战略”，推动文旅融合发展。\n"
)
LEAGUE = (
    "阿拉善盟：沙产业带动牧民致富\n\n"
    "本报讯 在阿拉善左旗巴彦浩特镇，阿拉善盟沙生植物开发有限公司建设的肉苁蓉深加工项目已建成投产。\n\n"
    "额济纳旗达来呼布镇则把胡杨林保护与旅游结合起来。旗里积极落实“防沙治沙和风电光伏一体化工程”，在达来呼布镇建设光伏治沙项目。\n"
)

VISIT_LAB = (
    "7月2日，省长刘宏到兰州市调研科技创新工作。\n\n"
    "兰州大学草地农业重点实验室是我省重点建设的创新平台。刘宏察看了实验室培育的牧草新品种。"
    "得知实验室已与甘肃亚盛实业（集团）股份有限公司联合攻关种业技术，他表示肯定。\n"
)
VISIT_ONE = (
    "6月3日，市委书记陈刚到永胜县调研。\n\n"
    "陪同调研的有：永胜县委书记王涛、县长杨光。随后，陈刚走进云南程海蓝藻生物科技有限公司，了解螺旋藻产品研发情况。"
    "陈刚强调，要深入推进“绿色能源强市”战略。\n"
)
SPEECHES = (
    "全盟新能源产业发展推进会发言摘登\n\n"
    "锡林郭勒盟委委员、副盟长 乌力吉巴特尔\n\n"
    "今年以来，我们深入实施新能源倍增行动，推动风光储一体化发展。\n\n"
    "阿巴嘎旗委书记 额尔敦毕力格\n\n"
    "我们积极落实“千乡万村驭风行动”，推进分散式风电项目建设。\n"
)
VISIT_DIRECT = (
    "6月5日，市长张伟带队调研重点项目建设。在偃师区，他察看了伊洛河生态廊道项目建设进展。"
    "张伟强调，要深入开展“项目建设攻坚年”活动，确保全年目标完成。副市长王磊参加调研。\n"
)

# fmt: off
# (text, must-have entities, must-not names, must-have relations, must-not relations)
PROBES = [
    # inspection tours: the visitor's region carries out what the visitor calls for; a stop's companies are its own
    (VISIT, [('official', '王建华'), ('enterprise', '江西瑞丰电子有限公司')], [],
     [('江西省', 'implements', '映山红行动'), ('赣州经开区', 'hosts', '江西晶泰新能源科技有限公司'),
      ('井冈山经开区', 'hosts', '江西瑞丰电子有限公司'), ('王建华', 'governs', '江西省'),
      ('赵海涛', 'governs', '吉安市'), ('周国平', 'governs', '赣州市')],
     [('赣州市', 'implements', '映山红行动'), ('赣州市', 'hosts', '江西瑞丰电子有限公司')]),
    (VISIT_CITY, [], [],
     [('吉林省', 'implements', '千亿斤粮食产能建设工程'), ('梨树县', 'hosts', '吉林梨丰农业科技有限公司'),
      ('通化市', 'hosts', '通化东宝药业股份有限公司')],
     [('通化市', 'implements', '千亿斤粮食产能建设工程'), ('通化市', 'hosts', '吉林梨丰农业科技有限公司')]),
    (VISIT_TOWN, [('official', '扎西次仁')], [],
     [('西藏自治区', 'implements', '乡村振兴战略'), ('扎西次仁', 'governs', '西藏自治区')],
     [('鲁朗镇', 'implements', '乡村振兴战略')]),
    (VISIT_ONE, [], [], [('永胜县', 'hosts', '云南程海蓝藻生物科技有限公司'), ('丽江市', 'implements', '绿色能源强市战略')],
     [('丽江市', 'hosts', '云南程海蓝藻生物科技有限公司'), ('永胜县', 'implements', '绿色能源强市战略')]),
    (VISIT_LAB, [], [], [('兰州大学草地农业重点实验室', 'partners_with', '甘肃亚盛实业（集团）股份有限公司')], [('甘肃省', 'partners_with', '甘肃亚盛实业（集团）股份有限公司'),
                              ('兰州市', 'partners_with', '甘肃亚盛实业（集团）股份有限公司')]),
    (VISIT_DIRECT, [], [], [('偃师区', 'hosts', '伊洛河生态廊道项目')], [('偃师区', 'implements', '项目建设攻坚年活动')]),
    # minority names without a Han surname, to their true end
    (SPEECHES, [('official', '额尔敦毕力格')], [],
     [('阿巴嘎旗', 'implements', '千乡万村驭风行动'), ('额尔敦毕力格', 'governs', '阿巴嘎旗')],
     [('锡林郭勒盟', 'implements', '千乡万村驭风行动')]),
    ('陈巴尔虎旗旗长巴图孟和介绍，项目带动当地牧民增收明显。', [('official', '巴图孟和')], ['巴图孟'],
     [('巴图孟和', 'governs', '陈巴尔虎旗')], []),
    ('“我们把草原生态保护放在首位。”呼伦贝尔市委常委、副市长乌力吉巴特尔说。', [('official', '乌力吉巴特尔')],
     ['乌力吉'], [('乌力吉巴特尔', 'serves_in', '呼伦贝尔市')], []),
    ('鄂温克族自治旗副旗长宝音德力格尔表示，全旗将继续推进生态保护。', [('official', '宝音德力格尔')], ['宝音德'], [], []),
    ('林芝市委副书记、市长旺堆多吉，米林市委书记次仁罗布等陪同。', [('official', '旺堆多吉'), ('official', '次仁罗布')],
     ['旺堆多'], [('旺堆多吉', 'governs', '林芝市')], []),
    ('凉山州委副书记、州长阿苏拉格出席会议。', [('official', '阿苏拉格')], [], [('阿苏拉格', 'governs', '凉山彝族自治州')], []),
    ('和田地区行署专员热合曼吐尔逊出席会议。', [('official', '热合曼吐尔逊')], [], [('热合曼吐尔逊', 'governs', '和田地区')], []),
    ('喀什地委副书记、行署专员买买提依明·吐尔逊陪同调研。', [('official', '买买提依明·吐尔逊')], ['买买提依明·吐尔逊陪同'],
     [('买买提依明·吐尔逊', 'governs', '喀什地区')], []),
    ('阿图什市委副书记、市长阿不都克尤木说，今年将加快园区建设。', [('official', '阿不都克尤木')], ['阿不都克'],
     [('阿不都克尤木', 'governs', '阿图什市')], []),
    ('吉忽伦图苏木苏木达阿拉坦仓介绍，今年新建了牧民合作社。', [('official', '阿拉坦仓')], [],
     [('阿拉坦仓', 'governs', '吉忽伦图苏木')], []),
    ('宝力格嘎查党支部书记、嘎查达乌日图说，嘎查集体经济收入突破百万元。', [('official', '乌日图')], [],
     [('乌日图', 'governs', '宝力格嘎查')], []),
    ('县长达瓦介绍，全县游客增长。副县长卓玛表示同意。', [('official', '达瓦'), ('official', '卓玛')], ['达瓦介绍', '卓玛表示同意'],
     [], []),
    ('盟旗领导乌力吉巴特尔、巴图孟和、张伟等出席活动。', [('official', '乌力吉巴特尔'), ('official', '巴图孟和'), ('official', '张伟')],
     [], [], []),
    ('副盟长乌力吉巴特尔、巴图孟和出席会议。', [('official', '乌力吉巴特尔'), ('official', '巴图孟和')], [], [], []),
    ('记者见到正蓝旗副旗长其木格时，她正在查看项目进度。', [('official', '其木格')], ['其木格时'], [], []),
    ('锡林郭勒盟能源局介绍了情况。“今年来了很多游客。”锡林郭勒盟副盟长张伟说。昌都市委书记多吉次珠、市长旺堆出席。',
     [('official', '旺堆'), ('official', '多吉次珠')], [], [('旺堆', 'governs', '昌都市')], [('旺堆', 'governs', '锡林郭勒盟')]),
    ('县长王刚主持会议，副县长李明出席。', [('official', '王刚'), ('official', '李明')], [], [], []),
    # leagues and prefectures written short in title chains
    ('锡盟盟委书记张宏伟出席会议并讲话。', [('official', '张宏伟')], [], [('张宏伟', 'governs', '锡林郭勒盟')], []),
    ('阿盟盟委委员、副盟长其其格介绍了全盟情况。', [('official', '其其格')], [], [('其其格', 'serves_in', '阿拉善盟')], []),
    ('锡林郭勒盟盟委副书记、盟长那顺孟和主持会议。', [('official', '那顺孟和')], ['那顺孟'],
     [('那顺孟和', 'governs', '锡林郭勒盟')], []),
    ('伊犁州党委书记周涛出席会议。', [], [], [('周涛', 'governs', '伊犁哈萨克自治州')], []),
    ('内蒙古自治区副主席王伟出席。', [], [], [('王伟', 'serves_in', '内蒙古自治区')], []),
    ('黔东南州委书记杨明华出席会议。', [], [], [('杨明华', 'governs', '黔东南苗族侗族自治州')], []),
    # a department whose field words no list knows
    ('宜宾市经济合作和新兴产业局局长刘海介绍，一季度签约项目较多。', [('official', '刘海')], [],
     [('刘海', 'leads', '宜宾市经济合作和新兴产业局')], []),
    ('该市今年新成立的大数据局局长王强说，数据共享成效明显。', [], ['市今年新成立的大数据局'], [], []),
    # a dateline opens no sentence's subject; 旗里 is the banner named last
    (LEAGUE, [], [], [('巴彦浩特镇', 'hosts', '阿拉善盟沙生植物开发有限公司')],
     [('达来呼布镇', 'hosts', '防沙治沙和风电光伏一体化工程'), ('阿拉善盟', 'hosts', '肉苁蓉深加工项目')]),
]
# fmt: on


@pytest.mark.parametrize("text, want, bad, rel, no_rel", PROBES)
def test_officials2_probe(text, want, bad, rel, no_rel):
    ents = entities_of(text)
    assert set(want) <= ents
    assert not set(bad) & {n for _, n in ents}
    if rel or no_rel:
        rels = relations_of(text)
        assert set(rel) <= rels
        assert not set(no_rel) & rels
