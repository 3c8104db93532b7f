"""Own probe sentences for where the names of enterprises and organizations start and end: the
nouns, classifiers, verbs and pronouns glued to a name's left, a parent written before its unit,
lines opened by dashes. Each probe: what must be named, what must not."""

from __future__ import annotations

import pytest

from tests.conftest import entities_of

# fmt: off
PROBES = [
    # the kind word 企业 and the classifiers before it are no part of a registered name
    ('今年新引进企业江西赣锋锂业股份有限公司落户高新区。', [('enterprise', '江西赣锋锂业股份有限公司')],
     ['企业江西赣锋锂业股份有限公司'], []),
    ('支持企业牧原食品股份有限公司延伸产业链。', [('enterprise', '牧原食品股份有限公司')], ['企业牧原食品股份有限公司'], []),
    ('在锡林浩特市，本地企业内蒙古草原晨光储能科技有限公司建设的储能电站已投运。',
     [('enterprise', '内蒙古草原晨光储能科技有限公司')], ['企业内蒙古草原晨光储能科技有限公司'], []),
    ('由盟属国有企业兴安绿能开发有限公司与合作社共同开发。', [('enterprise', '兴安绿能开发有限公司')],
     ['盟属国有企业兴安绿能开发有限公司'], []),
    ('截至目前，全县共招引企业浙江正泰新能源开发有限公司等12家。', [('enterprise', '浙江正泰新能源开发有限公司')],
     ['企业浙江正泰新能源开发有限公司'], []),
    # a pronoun before 公司 refers to a company, it names none
    ('他了解到该公司与河南师范大学共建实验室。', [('organization', '河南师范大学')], ['到该公司', '该公司'], []),
    ('我公司今年产值增长两成，各集团都在扩产。', [], ['我公司', '各集团'], []),
    # 企业家 is a word: nothing after it is a company named after 企业
    ('希望各位企业家把宜宾作为投资兴业的首选地。', [], ['家把宜宾作为'], []),
    ('欢迎企业家来柳州投资建设。', [], ['家来柳州'], []),
    # a parent and its unit written together are two companies
    ('宝鸡钛业股份有限公司下属宝钛特种材料有限公司投资建设钛带生产线。',
     [('enterprise', '宝鸡钛业股份有限公司'), ('enterprise', '宝钛特种材料有限公司')],
     ['宝鸡钛业股份有限公司下属宝钛特种材料有限公司'], []),
    ('引进山东魏桥创业集团有限公司旗下滨州魏桥铝深加工有限公司。',
     [('enterprise', '山东魏桥创业集团有限公司'), ('enterprise', '滨州魏桥铝深加工有限公司')], [], []),
    # a dash that opens a line joins no two places
    ('一季度签约项目如下：\n——宜昌华锦硅材料有限公司，投资18亿元建设多晶硅项目；\n——中国化学工程集团有限公司，与区里签约。',
     [('enterprise', '宜昌华锦硅材料有限公司'), ('enterprise', '中国化学工程集团有限公司')], [], []),
    # a long name cut by the scan's length starts at a word, not on a verb's last character
    ('加快埃夫特智能装备股份有限公司机器人产业园二期建设。', [('enterprise', '埃夫特智能装备股份有限公司')],
     ['快埃夫特智能装备股份有限公司机器人产业园二期'], []),
    # a verb's result complement (服务好, 对接好) opens no name
    ('全力服务好中国石化集团内蒙古分公司。', [('enterprise', '中国石化集团内蒙古分公司')],
     ['服务好中国石化集团内蒙古分公司'], []),
    ('积极对接好国家电网有限公司。', [('enterprise', '国家电网有限公司')], ['好国家电网有限公司'], []),
    ('要帮助好浙江吉利控股集团解决用工问题。', [('enterprise', '浙江吉利控股集团')], ['好浙江吉利控股集团'], []),
    ('支持好孩子集团扩大生产。', [('enterprise', '好孩子集团')], [], []),
    # an institution that builds: what it builds is a kind, not a body named after it
    ('我市与北京大学口腔医院合作建设分院。', [('organization', '北京大学口腔医院')], ['北京大学口腔医院合作建设分院'], []),
    ('与江南大学食品学院共同建设研究中心。', [('organization', '江南大学食品学院')],
     ['江南大学食品学院共同建设研究中心'], []),
    ('清华大学继续教育学院院长出席。', [('organization', '清华大学继续教育学院')], [], []),
    # a coined company name in a frame of support: 推动X在某地扩建…, 支持X拓展…
    ('推动中创新航在金坛区扩建动力电池生产基地。', [('enterprise', '中创新航'), ('project', '动力电池生产基地')],
     ['金坛区扩建动力电池生产基地'], []),
    ('支持上汽通用五菱拓展海外市场。', [('enterprise', '上汽通用五菱')], ['上汽'], []),
    ('支持企业在境外设立研发中心，推动龙头企业在县域扩建工厂，鼓励小微企业拓展市场。', [],
     ['企业', '龙头企业', '小微企业'], []),
    ('支持张家港在全省率先探索，支持青年人才在昆山创业，帮助他们拓展销路。', [],
     ['张家港', '青年人才', '他们'], []),
    # a works extended keeps its name
    ('加快田湾核电扩建一期建设。', [('project', '田湾核电扩建一期')], [], []),
    # a common noun of a company's role before a registered name that opens with its place
    ('投资方山西建设投资集团有限公司已完成注资。', [('enterprise', '山西建设投资集团有限公司')], [], []),
    ('牵头单位太原重型机械集团有限公司负责技术攻关。', [('enterprise', '太原重型机械集团有限公司')],
     ['单位太原重型机械集团有限公司'], []),
    ('合作伙伴江西铜业集团有限公司表示将继续加大投入。', [('enterprise', '江西铜业集团有限公司')],
     ['合作伙伴江西铜业集团有限公司'], []),
    ('全省民营企业百强湖北九州通医药集团股份有限公司入选。', [('enterprise', '湖北九州通医药集团股份有限公司')],
     ['百强湖北九州通医药集团股份有限公司'], []),
    ('其全资子公司海南炼化有限公司投产，项目业主方云南建投集团有限公司介绍了进展。',
     [('enterprise', '海南炼化有限公司'), ('enterprise', '云南建投集团有限公司')], [], []),
    # …but a company's short name opens its unit's name
    ('中铁北京工程局集团有限公司承建，国网甘肃省电力公司供电。',
     [('enterprise', '中铁北京工程局集团有限公司'), ('enterprise', '国网甘肃省电力公司')], [], []),
    # an insurance or a bank after a verb is a trade
    ('为项目提供保险服务。', [], ['项目提供保险'], []),
    # a quoted class of firms before a registered name is no part of it
    ('国家级专精特新“小巨人”企业江苏恒立液压股份有限公司再获殊荣。', [('enterprise', '江苏恒立液压股份有限公司')], [], []),
    ('省级“专精特新”企业常州天晟新材料股份有限公司新建生产线。', [('enterprise', '常州天晟新材料股份有限公司')], [], []),
    ('“瞪羚企业”南京云创大数据科技股份有限公司完成融资。', [('enterprise', '南京云创大数据科技股份有限公司')],
     ['瞪羚企业南京云创大数据科技股份有限公司'], []),
    # a registered name may open with capitals
    ('1.TCL科技集团股份有限公司：投资50亿元建设显示面板项目。', [('enterprise', 'TCL科技集团股份有限公司')], ['TCL'], []),
    ('此前，vivo移动通信有限公司已在长安镇布局。', [('enterprise', 'vivo移动通信有限公司')], [], []),
    # an institution's own unit is named whole: a field joined by 与, a graduate school
    ('中国科学院长春光学精密机械与物理研究所研究员介绍了成果。',
     [('organization', '中国科学院长春光学精密机械与物理研究所')], ['物理研究所'], []),
    ('北京大学深圳研究生院与企业合作。', [('organization', '北京大学深圳研究生院')], [], []),
    # …but people of an institution are no field: two bodies
    ('中国科学院院士专家与县农业科学研究所合作。', [('organization', '县农业科学研究所')],
     ['中国科学院院士专家与县农业科学研究所'], []),
    # where the firms are, before their classifier, is no part of a name either
    ('当地龙头企业皓月集团年屠宰肉牛30万头。', [('enterprise', '皓月集团')], ['当地龙头企业皓月集团'], []),
    ('辖区企业长春一汽富维汽车零部件股份有限公司扩产。', [('enterprise', '长春一汽富维汽车零部件股份有限公司')], [], []),
    # a preposition after a company opens a phrase of its own
    ('会议听取了吉林省交通投资集团有限公司关于高速公路建设情况的汇报。',
     [('enterprise', '吉林省交通投资集团有限公司')], ['吉林省交通投资集团有限公司关于高速公路'], []),
    # a listed company's short name with its industry word opens its plant's name
    ('一方面，抓龙头带动。中天科技海缆数字化工厂已建成投用。', [('enterprise', '中天科技')], [], []),
    # a group of a common word, in a frame of support, is a company
    ('支持海螺集团拓展海外市场。', [('enterprise', '海螺集团')], [], []),
    ('鼓励龙头集团在县里扩建，推动大型集团在省内新建基地，支持科技公司拓展市场。', [],
     ['龙头集团', '大型集团', '科技公司'], []),
    # a stop word inside one word of the segmenter that is a bank's name cuts nothing; a branch after a
    # registered name is named in full; a kind after 等 is no company
    ('中国建设银行股份有限公司宜宾分行与市政府签约。', [('enterprise', '中国建设银行股份有限公司宜宾分行')], [], []),
    ('长沙银行股份有限公司湘潭分行副行长李明说。', [('enterprise', '长沙银行股份有限公司湘潭分行')], [], []),
    ('积极对接国家开发银行、中国进出口银行等政策性银行。',
     [('enterprise', '国家开发银行'), ('enterprise', '中国进出口银行')], ['政策性银行'], []),
    # an institution opening a project's name is no company
    ('推进浙江大学绍兴研究院二期建设。', [], [('enterprise', '浙江大学')], []),
    # the bullets of lists and headings are no part of a name
    ('■江西晶科光伏材料有限公司\n▲赣州腾远钴业新材料股份有限公司董事长罗洁介绍了情况。',
     [('enterprise', '江西晶科光伏材料有限公司'), ('enterprise', '赣州腾远钴业新材料股份有限公司')], [], []),
    # a verb before an institution that jieba knows whole ends what comes before it
    ('市中心医院加挂北京医科大学附属医院分院牌子。', [], ['市中心医院加挂北京医科大学附属医院分院', '市中心医院加挂北京医科大学'], []),
    ('昆明海关所属机场海关通关时间压缩一半。', [('organization', '昆明海关'), ('organization', '机场海关')],
     ['昆明海关所属机场海关'], []),
    # a pronoun or verbs alone before an institution's ending refer to one, they name none
    ('他们到该研究院调研，有关协会积极参与。', [], ['到该研究院', '该研究院', '有关协会'], []),
    # courts, procuratorates, libraries and broadcasters are institutions; by a level alone they are kinds
    ('昆明市中级人民法院、盘龙区人民检察院、云南广播电视台、云南省图书馆参加。',
     [('organization', '昆明市中级人民法院'), ('organization', '盘龙区人民检察院'), ('organization', '云南广播电视台'),
      ('organization', '云南省图书馆')], [], []),
    ('县人民法院、市中级人民法院、全市博物馆、纪念馆参加。', [], ['县人民法院', '市中级人民法院', '全市博物馆'], []),
    # a verb that jieba files as a noun (服务) before a place ends what comes before, as a verb does
    ('拉萨经济技术开发区管委会要主动服务西藏奇正藏药股份有限公司等企业。',
     [('enterprise', '西藏奇正藏药股份有限公司')], ['拉萨经济技术开发区管委会要主动服务西藏奇正藏药股份有限公司'], []),
    # a verb or verbal noun before the place a registered name opens with is no part of it
    ('县里奖励贵州盘江精煤股份有限公司200万元，管委会指导安徽海螺水泥股份有限公司申报项目。',
     [('enterprise', '贵州盘江精煤股份有限公司'), ('enterprise', '安徽海螺水泥股份有限公司')], [], []),
    # a unit named after its parent group is named whole (the parent's 建设 is its industry)
    ('中国电力建设集团湖南电力有限公司承建，中铁建设集团北京工程有限公司参加。',
     [('enterprise', '中国电力建设集团湖南电力有限公司'), ('enterprise', '中铁建设集团北京工程有限公司')],
     ['集团湖南电力有限公司', '集团北京工程有限公司'], []),
]
# fmt: on


@pytest.mark.parametrize("text, want, bad, rel", PROBES)
def test_boundary_probe(text, want, bad, rel):
    ents = entities_of(text)
    assert set(want) <= ents
    names = {n for t, n in ents if t in ('enterprise', 'organization', 'project')}
    assert not {b for b in bad if isinstance(b, str)} & names
    assert not {b for b in bad if isinstance(b, tuple)} & ents
