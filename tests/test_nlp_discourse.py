"""The discourse stage: whose sentence is this, in each layout the genre comes in.

Every text here is written for the test; each layout gives the relations that
only a right reading of sections, speakers and sentence subjects yields, and
those a wrong one would give.
"""

import pytest

from tests.conftest import relations_of

# fmt: off
# (layout, text, relations that must be there, relations that must not)
LAYOUTS = [
    ("speech summary: headline, then the speaker's line, then the speech",
     "强化创新驱动 建设科技新城\n\n"
     "南岸区委书记 周立新\n\n"
     "南岸区加快建设广阳湾智创生态城，推行“科创券”机制。\n\n"
     "做强数字产业 培育发展动能\n\n"
     "巴南区委书记 王德明\n\n"
     "巴南区引进华熙生物科技有限公司，建成木洞水库。\n",
     {("南岸区", "hosts", "广阳湾智创生态城"), ("南岸区", "implements", "科创券机制"),
      ("巴南区", "hosts", "木洞水库"), ("巴南区", "hosts", "华熙生物科技有限公司")},
     {("南岸区", "hosts", "木洞水库"), ("巴南区", "hosts", "广阳湾智创生态城")}),

    ("speech summary signed at the end: the speaker's line closes the speech",
     "今年以来，全区加快建设明月山温泉度假区，推行“山长制”。\n\n"
     "邻水县委书记 杨建华\n\n"
     "全县建成铜锣山隧道，实施“千村示范”行动。\n\n"
     "大竹县委书记 刘晓波\n",
     {("邻水县", "hosts", "明月山温泉度假区"), ("大竹县", "hosts", "铜锣山隧道")},
     {("大竹县", "hosts", "明月山温泉度假区")}),

    ("one page, two articles, each under a headline that opens with its region",
     "涪陵 抓项目促投资\n\n"
     "近年来，涪陵区大力推行“链长制”，建成白涛化工园区污水处理厂，新引进项目40个。\n\n"
     "涪陵区还加快建设榨菜产业融合发展示范园。\n\n"
     "武隆 以旅游带动乡村振兴\n\n"
     "近年来，武隆区实施“旅游+”行动，建成仙女山游客集散中心，游客增长两成。\n\n"
     "武隆区还建成芙蓉洞景区。\n",
     {("涪陵区", "implements", "链长制"), ("武隆区", "implements", "旅游+行动"),
      ("武隆区", "hosts", "芙蓉洞景区")},
     {("涪陵区", "implements", "旅游+行动"), ("涪陵区", "hosts", "芙蓉洞景区")}),

    ("a feature article about one county, named again and again",
     "茶山新颜\n\n"
     "春日的安溪县，茶园满山。安溪县推行“茶园管家”模式，建成铁观音文化产业园。\n\n"
     "“今年茶叶卖了好价钱。”茶农说。安溪县还推动八马茶业有限公司入驻。\n",
     {("安溪县", "implements", "茶园管家模式"), ("安溪县", "hosts", "铁观音文化产业园")},
     set()),

    ("a report of a meeting where officials and a company's chairman speak",
     "宜昌（光谷）产业推介会在武汉举行\n\n"
     "宜昌市委副书记、市长 张海峰\n\n"
     "张海峰说，宜昌将加快建设三峡国际物流产业园。\n\n"
     "兴发集团党委书记、董事长 李国璋\n\n"
     "李国璋表示，将在宜昌建设猇亭精细化工产业园。\n",
     {("宜昌市", "hosts", "三峡国际物流产业园"), ("宜昌市", "hosts", "猇亭精细化工产业园")},
     {("武汉市", "hosts", "猇亭精细化工产业园")}),

    ("an investor's speech at a city's meeting, about the county it invests in",
     "荆州（光谷）产业推介会在武汉举行\n\n"
     "荆州市委副书记、市长 王明\n\n"
     "王明说，荆州将加快建设江陵煤炭储备基地。\n\n"
     "福娃集团党委书记、董事长 李强\n\n"
     "李强表示，公司投资40亿元建设粮食物流产业园。项目建成后，将助力公安县经济发展，带动公安县群众就业。\n",
     {("公安县", "hosts", "粮食物流产业园"), ("荆州市", "hosts", "江陵煤炭储备基地")},
     {("荆州市", "hosts", "粮食物流产业园")}),

    ("a meeting of a district's departments: each speaks of its own work, the district hosts it",
     "江津区部门一把手例会发言摘登\n\n"
     "抓项目 强投资\n\n"
     "江津区发展改革委党组书记、主任 陈立新\n\n"
     "江津区发展改革委加快推进“三线一单”改革，建成临江储能电站。\n\n"
     "江津区交通局聚焦交通强区，一是建成珞璜港物流产业园，二是推行“路长制”。\n\n"
     "强交通 促发展\n\n"
     "江津区交通局党委书记、局长 王建军\n",
     {("江津区", "hosts", "临江储能电站"), ("江津区", "hosts", "珞璜港物流产业园"),
      ("江津区交通局", "implements", "路长制"), ("江津区发展改革委", "implements", "三线一单改革")},
     {("江津区发展改革委", "implements", "路长制")}),

    ("a province's feature whose title names it, with a city named more often in the body",
     "福建以数字经济塑造发展新优势\n\n"
     "福州市的数字园区里，企业正在调试设备。福州市推动福州数字经济产业园扩容。福州市还建成榕城数据中心。\n\n"
     "福建省实施“数字福建”工程，建成闽东北算力枢纽。\n",
     {("福建省", "implements", "数字福建工程")},
     {("福州市", "implements", "数字福建工程")}),

    ("a province's feature that opens in one of its cities, then names the province again",
     "浙江以开放塑造发展新优势\n\n"
     "4月1日，浙江杭州武林广场，一名外国游客购买了一件丝绸衬衫。杭州市推出“入境游便利化”行动。\n\n"
     "总书记在浙江考察时强调，要持续深化“千万工程”。\n",
     {("浙江省", "implements", "千万工程"), ("杭州市", "implements", "入境游便利化行动")},
     {("杭州市", "implements", "千万工程")}),

    ("a city's feature that visits a project named after its district",
     "洛阳文旅新观察\n\n洛阳市推行“文旅+”行动。\n\n走进涧西区工业遗产文创产业园，游客络绎不绝。\n",
     {("涧西区", "hosts", "涧西区工业遗产文创产业园")},
     {("洛阳市", "hosts", "涧西区工业遗产文创产业园")}),

    ("a page that stops a speech mid-word and prints its rest after the next speech",
     "做强文旅 带动消费\n\n"
     "武隆区委书记 刘军\n\n"
     "一、景区提质扩容。建成芙蓉洞景区二期，游客增长两成。\n\n"
     "二、文旅融合推动消费高\n\n"
     "提升城市能级 建设智造新城\n\n"
     "璧山区委书记 杨长江\n\n"
     "一、智造提速。建成璧山智能制造产业园，引进长城汽车。\n\n"
     "速增长。武隆区建成仙女山游客集散中心，推出“武隆夜游”活动。\n",
     {("武隆区", "hosts", "仙女山游客集散中心"), ("武隆区", "implements", "武隆夜游活动"),
      ("璧山区", "hosts", "璧山智能制造产业园")},
     {("璧山区", "hosts", "仙女山游客集散中心")}),

    ("a page that cuts a numbered point's heading and prints its rest after the next speech",
     "做强文旅 带动消费\n\n"
     "武隆区委书记 刘军\n\n"
     "一、景区提质扩容。建成芙蓉洞景区二期，游客增长两成。\n\n"
     "二、强链条聚生态，推动产业集群\n\n"
     "提升城市能级 建设智造新城\n\n"
     "璧山区委书记 杨长江\n\n"
     "一、智造提速。建成璧山智能制造产业园，引进长城汽车。\n\n"
     "迭代提升。建成仙女山游客集散中心，推出“武隆夜游”活动，夜间消费增长三成。\n",
     {("武隆区", "hosts", "仙女山游客集散中心"), ("武隆区", "implements", "武隆夜游活动")},
     {("璧山区", "hosts", "仙女山游客集散中心"), ("璧山区", "implements", "武隆夜游活动")}),

    ("a page that cuts a speech after a clause and prints its rest, opening with a quoted name, later",
     "做强治理 提升效能\n\n"
     "武隆区委书记 刘军\n\n"
     "一、数字治理提速。建成武隆智慧治理中心，打造“城市大脑”场景，\n\n"
     "提升城市能级 建设智造新城\n\n"
     "璧山区委书记 杨长江\n\n"
     "一、智造提速。建成璧山智能制造产业园，引进长城汽车。\n\n"
     "“智慧河长”“平安巷道”入选全市场景大赛领跑榜，推行“院坝议事”机制，基层治理效能提升两成。\n",
     {("武隆区", "implements", "院坝议事机制")},
     {("璧山区", "implements", "院坝议事机制")}),

    ("a province's report: a project named after one of its cities is that city's",
     "2026年安徽省政府工作报告\n\n"
     "安徽省省长 王清宪\n\n"
     "合肥市、芜湖市经济总量再上台阶。加快建设芜湖机场二期，推进引江济淮二期工程。\n",
     {("芜湖市", "hosts", "芜湖机场二期")},
     {("安徽省", "hosts", "芜湖机场二期")}),

    ("a page that prints a unit's report under another speaker's line, or with no line of its own",
     "抓招商 强项目\n\n"
     "大渡口区招商局党组书记、局长 王明\n\n"
     "大渡口区招商局推行“链长制”，引进华熙生物科技有限公司。\n\n"
     "跃进村街道全面加强党建引领。实行“街巷长制”，建成义渡古镇文创产业园。\n\n"
     "强治理 优服务\n\n"
     "大渡口区跃进村街道党工委书记 李华\n\n"
     "建设和美乡村 发展特色产业\n\n"
     "大渡口区建胜镇党委书记 张强\n\n"
     "建胜镇推行“田长制”，建成建胜蔬菜产业园。\n\n"
     "跳磴镇突出数字赋能，推行“院坝议事”机制。\n\n"
     "建成跳磴河湿地公园。\n",
     {("跃进村街道", "implements", "街巷长制"), ("跃进村街道", "hosts", "义渡古镇文创产业园"),
      ("大渡口区招商局", "implements", "链长制"), ("建胜镇", "hosts", "建胜蔬菜产业园"),
      ("跳磴镇", "implements", "院坝议事机制"), ("跳磴镇", "hosts", "跳磴河湿地公园"),
      ("跳磴镇", "part_of", "大渡口区")},
     {("大渡口区招商局", "implements", "街巷长制"), ("建胜镇", "implements", "院坝议事机制"),
      ("建胜镇", "hosts", "跳磴河湿地公园")}),

    ("a department's speech that reports a district's work, the district speaking in its own right too",
     "市商务委党组书记、主任 张明\n\n"
     "市商务委推行“外贸优品”行动。\n\n"
     "渝北区依托临空经济示范区建成渝北跨境电商产业园，推行“跨境通”机制。\n\n"
     "强产业 促发展\n\n"
     "渝北区委书记 李华\n\n"
     "渝北区推行“链长制”，建成渝北智能终端产业园。\n",
     {("渝北区", "implements", "跨境通机制"), ("市商务委", "implements", "跨境通机制")},
     {("市商务委", "implements", "链长制")}),

    ("another city's department head, speaking at a city's meeting about that city",
     "黄石（光谷）产业推介会在武汉举行\n\n"
     "黄石市委副书记、市长 吴明\n\n"
     "吴明说，黄石将建成黄石临空产业园。\n\n"
     "武汉市委常委、政法委书记 张强\n\n"
     "张强指出，黄石市推行“同城化”行动，探索“研发在武汉、生产在黄石”模式。\n",
     {("黄石市", "implements", "同城化行动")},
     {("政法委", "implements", "同城化行动"), ("武汉市", "implements", "同城化行动")}),

    ("a city's feature that visits its counties and villages",
     "古都新貌\n\n"
     "近年来，开封市推行“宋韵研学”计划，建成清明上河园。开封市文旅局牵头组织研学活动。\n\n"
     "在兰考县，干部带着群众种泡桐。兰考县张庄村的民宿一房难求。\n",
     {("兰考县", "part_of", "开封市"), ("张庄村", "part_of", "兰考县")},
     set()),

    ("speech summary whose speaker's line gives the name first and the posts in brackets",
     "【发言一】以链促产 壮大光伏产业\n"
     "发言人：许文斌（泰州市委书记）\n\n"
     "泰州引进晶澳太阳能科技股份有限公司，推行“链长制”。\n\n"
     "【发言二】县域也能做强数字经济\n"
     "发言人：郑秋萍（盐城市东台市市长）\n\n"
     "东台建成弶港风电产业园，实施“数字乡村”行动。\n\n"
     "【发言三】\n"
     "主讲人：韩志刚（省商务厅党组书记、厅长）\n\n"
     "我们推行“外贸贷”机制。\n",
     {("许文斌", "governs", "泰州市"), ("郑秋萍", "governs", "东台市"), ("东台市", "part_of", "盐城市"),
      ("韩志刚", "leads", "省商务厅"), ("泰州市", "implements", "链长制"),
      ("东台市", "hosts", "弶港风电产业园"), ("省商务厅", "implements", "外贸贷机制")},
     {("泰州市", "hosts", "弶港风电产业园"), ("东台市", "implements", "外贸贷机制")}),

    ("page of speeches opening with an editor's note: the note is about the region that convened",
     "——全县乡镇工作会议交流发言摘登\n\n"
     "编者按：日前，乐安县召开乡镇工作会议，部署实施“百镇千村提升行动”。会上，鳌溪镇、招携镇的党委书记作交流发言。\n\n"
     "鳌溪镇党委书记 周海平：我们建成鳌溪竹木加工产业园，推行“一村一品”。\n\n"
     "招携镇党委书记 李春燕：我们引进江西绿源竹业有限公司。\n",
     {("乐安县", "implements", "百镇千村提升行动"), ("鳌溪镇", "part_of", "乐安县"),
      ("招携镇", "part_of", "乐安县"), ("鳌溪镇", "hosts", "鳌溪竹木加工产业园"),
      ("招携镇", "hosts", "江西绿源竹业有限公司")},
     {("鳌溪镇", "implements", "百镇千村提升行动"), ("乐安县", "hosts", "江西绿源竹业有限公司")}),
]
# fmt: on


@pytest.mark.parametrize("layout,text,present,absent", LAYOUTS, ids=[row[0] for row in LAYOUTS])
def test_discourse_layouts(layout, text, present, absent):
    rels = relations_of(text)
    assert present <= rels, (layout, present - rels)
    assert not absent & rels, (layout, absent & rels)


def test_discourse_every_hosts_and_implements_rule_says_how_its_region_was_chosen():
    from kg.nlp.extract import extract
    from kg.schema import Document

    article = extract(Document(id="a.txt", text=LAYOUTS[2][1]))
    assert {(r.relation, r.rule) for r in article.relations if r.relation in ("hosts", "implements")} \
        == {("hosts", "hosts_article"), ("implements", "implements_article")}
    speech = extract(Document(id="s.txt", text=LAYOUTS[0][1]))
    assert {r.rule for r in speech.relations if r.relation in ("hosts", "implements")} \
        == {"hosts_speaker", "implements_speaker"}


def test_discourse_a_report_printed_in_another_speech_says_so_in_its_rules():
    from kg.nlp.extract import extract
    from kg.schema import Document

    row = next(r for r in LAYOUTS if r[0].startswith("a page that prints a unit's report"))
    rules = {(r.head[1], r.tail[1]): r.rule for r in extract(Document(id="r.txt", text=row[1])).relations}
    assert rules[("跳磴镇", "院坝议事机制")] == "implements_report"
    assert rules[("跳磴镇", "跳磴河湿地公园")] == "hosts_report"
    assert rules[("跳磴镇", "大渡口区")] == "part_of_report"
