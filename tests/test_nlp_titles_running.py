"""Officials in running text, by layout: who holds a post, and what the post relates them to.

Every text is written for these tests; the names are made up.
"""

import pytest

from tests.conftest import entities_of, relations_of


def officials(text: str) -> set[str]:
    return {n for t, n in entities_of(text) if t == "official"}


def people_relations(text: str) -> set[tuple[str, str, str]]:
    return {r for r in relations_of(text) if r[1] in ("governs", "serves_in", "leads")}


# fmt: off
LAYOUTS = [
    # (layout, text, officials, relations of the people)
    ("speech title line",
     "浙江省省长 王浩\n\n今年全省生产总值增长5.5%。",
     {"王浩"}, {("王浩", "governs", "浙江省")}),
    ("quote, then attribution",
     "“要为企业做好服务。”成都市经济和信息化局局长李明杰表示，全市新增规上企业300家。",
     {"李明杰"}, {("李明杰", "leads", "成都市经济和信息化局")}),
    ("quote, then a deputy of a department",
     "宜宾市叙州区召开招商推进会。“要盯紧产业链。”区投资促进局副局长刘文涛坦言，新签约项目12个。",
     {"刘文涛"}, set()),
    ("introduction with a verb after the name",
     "绵阳市举办招商大会。绵阳市委副书记、市长赵建国代表市政府致辞。",
     {"赵建国"}, {("赵建国", "governs", "绵阳市"), ("赵建国", "serves_in", "绵阳市")}),
    ("name glued to a time word",
     "在汉源县采访时，记者见到雅安市委书记张勇时，他正在查看工地。",
     {"张勇"}, {("张勇", "governs", "雅安市")}),
    ("name glued to an adverb",
     "成都市武侯区城市管理局组织夜间巡查，区城市管理局副局长何东便带队赶到现场。",
     {"何东"}, set()),
    ("bare deputy mayor: the document's city",
     "德阳市召开重大项目推进会。会议由副市长刘志远主持。",
     {"刘志远"}, {("刘志远", "serves_in", "德阳市")}),
    ("bare head of the agency named before",
     "成都市青羊区供水管理所完成管网改造。所长黄伟介绍，今年更换旧管道30公里。",
     {"黄伟"}, {("黄伟", "leads", "成都市青羊区供水管理所")}),
    ("street office deputy",
     "成都市锦江区春熙路街道办事处副主任罗丹的一条建议被采纳。",
     {"罗丹"}, {("罗丹", "serves_in", "春熙路街道")}),
    ("party committee department in a chain",
     "德阳市委常委、政法委书记李建华出席会议。",
     {"李建华"}, {("李建华", "serves_in", "德阳市"), ("李建华", "leads", "政法委")}),
    ("two posts joined by 和, a verb after the second name",
     "成都市金牛区召开会议。区委书记王伟和区长李娜一同调研。",
     {"王伟", "李娜"}, {("王伟", "governs", "金牛区"), ("李娜", "governs", "金牛区")}),
    ("a chain whose places the text never names",
     "省委常委、市委书记王建军主持会议并讲话。",
     {"王建军"}, set()),
    ("a first secretary stationed in a village",
     "“今年村里修了路。”村民王大爷笑着说。驻村第一书记刘洋说，要发展产业。",
     {"刘洋"}, set()),
    ("a national commission by its usual name",
     "国家发展改革委主任李文博介绍，前三季度经济运行平稳。",
     {"李文博"}, {("李文博", "leads", "国家发展改革委")}),
    ("collective title before a list of names",
     "德阳市召开重大项目推进会。出席活动的市领导还有张明远、刘佳宁、陈卫东等。",
     {"张明远", "刘佳宁", "陈卫东"}, set()),
]
# fmt: on


@pytest.mark.parametrize("layout, text, names, rels", LAYOUTS, ids=[row[0] for row in LAYOUTS])
def test_titles_running_officials_by_layout(layout, text, names, rels):
    assert officials(text) == names
    assert people_relations(text) == rels


# fmt: off
VILLAGES = [
    ("眉山市东坡区复兴镇桂花村发展茶叶种植。村支书周海林介绍，村里今年种了300亩茶叶。",
     "周海林", "桂花村"),
    ("眉山市东坡区复兴镇桂花村发展茶叶种植。村党总支书记周海林介绍，村里种了300亩茶叶。",
     "周海林", "桂花村"),
    ("宜宾市兴文县石桥村推广林下种植。村委会主任李光明说，今年户均增收两万元。",     # a village after its county
     "李光明", "石桥村"),
    ("武汉市武昌区中南路街道东湖社区完成小区改造。“居民满意最要紧。”东湖社区党委书记、居委会主任陈红梅说。",
     "陈红梅", "东湖社区"),
]
# fmt: on


@pytest.mark.parametrize("text, official, village", VILLAGES)
def test_titles_village_and_community_posts_govern_their_village(text, official, village):
    assert (official, "governs", village) in relations_of(text)


def test_titles_community_named_only_in_the_title_is_a_region_part_of_its_street():
    text = "武汉市武昌区中南路街道东湖社区完成小区改造。“居民满意最要紧。”东湖社区党委书记陈红梅说。"
    assert ("region", "东湖社区") in entities_of(text)
    assert ("东湖社区", "part_of", "中南路街道") in relations_of(text)


# fmt: off
NATIONAL = [
    ("中共中央总书记、国家主席习近平在北京会见了外宾。", {"习近平"}),
    ("深入学习贯彻习近平总书记重要讲话精神。", {"习近平"}),
    ("李强总理主持召开国务院常务会议。会议指出，要稳定就业。", {"李强"}),
    ("中共中央政治局常委、国务院副总理丁薛祥出席会议。", {"丁薛祥"}),
]
# fmt: on


@pytest.mark.parametrize("text, names", NATIONAL)
def test_titles_national_leaders_are_officials_with_no_relation(text, names):
    assert officials(text) == names
    assert not people_relations(text)


@pytest.mark.parametrize("text", [
    "“市场在扩大。”远航科技有限公司首席执行官刘晓峰介绍，公司今年营收增长两成。",
    "四川省农业科学院研究员黄志强说，新品种亩产提高了一成。",
    "青山集团党委书记、董事长周明海表示，新工厂年底投产。",
    "由县长任组长，统筹推进项目建设。",
    "省农科院茶叶研究所副所长唐建平率团队选育新品种。",
])
def test_titles_business_people_experts_and_bare_posts_of_no_agency_are_not_officials(text):
    assert not officials(text)


def test_titles_committee_department_named_short_in_a_chain_is_the_one_named_in_full():
    from kg.nlp.extract import extract
    from kg.schema import Document

    text = "成华区委常委、组织部部长周立新说，成华区委组织部今年选派干部50名。"
    res = extract(Document(id="t.txt", text=text))
    orgs = {e.name: e.aliases for e in res.entities if e.type == "organization"}
    assert "组织部" in orgs["成华区委组织部"]
    rels = {(r.head[1], r.relation, r.tail[1]) for r in res.relations}
    assert {("周立新", "serves_in", "成华区"), ("周立新", "leads", "成华区委组织部")} <= rels


# fmt: off
ACROSS_PROVINCES = [
    # (text, relations of the people that must be found); the names are made up
    ("“要把服务做到企业心坎上。”温江区投资促进局局长郑海波坦言，今年已签约项目15个。",
     {("郑海波", "leads", "温江区投资促进局")}),
    ("合肥市肥西县三河镇杨湾村发展稻虾共养。村支书陈守富介绍，全村养殖面积达到2000亩。",
     {("陈守富", "governs", "杨湾村")}),
    ("苏州市召开开放大会。苏州市委副书记、市长吴庆文代表市政府作报告。",
     {("吴庆文", "governs", "苏州市"), ("吴庆文", "serves_in", "苏州市")}),
    ("在黄梅县采访时，记者见到黄冈市委书记李平时，他刚从码头回来。", {("李平", "governs", "黄冈市")}),
    ("据武汉市委常委、常务副市长程用文介绍，全市新开工项目500个。", {("程用文", "serves_in", "武汉市")}),
    ("宁乡市委副书记、市长李红卫在调研时强调，要加快园区建设。",
     {("李红卫", "governs", "宁乡市"), ("李红卫", "serves_in", "宁乡市")}),
    ("安吉县天荒坪镇发展竹产业。天荒坪镇党委书记徐建峰带领干部走访企业。", {("徐建峰", "governs", "天荒坪镇")}),
    ("杭州市上城区湖滨街道东坡路社区开展志愿服务。社区党委书记王晓燕说，居民参与热情很高。",
     {("王晓燕", "governs", "东坡路社区")}),
    # a residents' committee heads its community, named before
    ("广州市越秀区北京街道盐运西社区推进加装电梯。居委会主任黄丽娟介绍，已有12台电梯投用。",
     {("黄丽娟", "governs", "盐运西社区")}),
    # a zone's managing committee after a comma that ends no post: the zone named before
    ("在兰州新区，管委会主任刘剑介绍了园区规划。", {("刘剑", "governs", "兰州新区")}),
    ("福州市鼓楼区召开会议，区委书记林飞和区长陈斌出席。",
     {("林飞", "governs", "鼓楼区"), ("陈斌", "governs", "鼓楼区")}),
    ("陕西省委常委、西安市委书记方红卫主持会议。", {("方红卫", "governs", "西安市"), ("方红卫", "serves_in", "陕西省")}),
    ("大理州洱源县凤羽镇党委副书记、镇长杨丽芳告诉记者，全镇种植烤烟8000亩。", {("杨丽芳", "governs", "凤羽镇")}),
    ("台州市黄岩区北城街道党工委书记陈伟介绍，街道新引进企业20家。", {("陈伟", "governs", "北城街道")}),
    ("县农业农村局局长吴德明带领技术人员深入田间。", {("吴德明", "leads", "县农业农村局")}),
    ("“我们要把群众的事办好。”江西省赣州市于都县梓山镇潭头村党支部书记钟雄介绍。", {("钟雄", "governs", "潭头村")}),
    ("广西壮族自治区党委书记刘宁主持召开会议。", {("刘宁", "governs", "广西壮族自治区")}),
    # a second post after 、 and a name opens a new chain: its unit is implicit
    ("遂宁市委书记邓正权、市长杨自力出席会议。", {("邓正权", "governs", "遂宁市"), ("杨自力", "governs", "遂宁市")}),
    ("三门峡市副市长周晓丽、市政府秘书长王斌陪同调研。", {("周晓丽", "serves_in", "三门峡市")}),
    ("眉山市召开项目推进会。市委书记胡元坤在会上强调，要抓好项目落地。", {("胡元坤", "governs", "眉山市")}),
    ("兴文县县长张明亮介绍，全县竹林面积达到70万亩。", {("张明亮", "governs", "兴文县")}),
    ("修水县人大常委会主任陈建华带队视察。", {("陈建华", "serves_in", "修水县")}),
    ("桂林市七星区东江街道办事处主任蒋丽说，街道新增就业岗位500个。", {("蒋丽", "governs", "东江街道")}),
    ("金寨县花石乡党委书记余瑞介绍，全乡茶园面积2万亩。", {("余瑞", "governs", "花石乡")}),
    ("长沙经开区党工委书记李志明在签约仪式上致辞。", {("李志明", "governs", "长沙经开区")}),
    ("潭头村党支部书记、村委会主任钟雄带领村民种脐橙。", {("钟雄", "governs", "潭头村")}),
    ("江苏省南通市海门区委书记陈晓东介绍，全区引进项目30个。", {("陈晓东", "governs", "海门区")}),
    # a department head named inline leads the department, whatever word comes before its region
    ("据广汉市市场监管局局长赵刚介绍，已抽检食品500批次。", {("赵刚", "leads", "广汉市市场监管局")}),
    ("遂宁市发展改革委党组书记、主任刘军介绍，全市重大项目完成投资800亿元。", {("刘军", "leads", "遂宁市发展改革委")}),
    ("射洪市农业农村局党组书记、局长王建说，今年粮食产量稳定。", {("王建", "leads", "射洪市农业农村局")}),
    ("绵竹市委宣传部部长李梅说，要讲好绵竹故事。", {("李梅", "leads", "绵竹市委宣传部")}),
    ("罗江区大数据局局长孙磊说，数据平台已上线。", {("孙磊", "leads", "罗江区大数据局")}),
]
# fmt: on


@pytest.mark.parametrize("text, rels", ACROSS_PROVINCES)
def test_titles_running_officials_across_provinces(text, rels):
    assert {h for h, _, _ in rels} <= officials(text)
    assert rels <= people_relations(text)


@pytest.mark.parametrize("text", [
    "长沙远景能源科技有限公司董事长刘志刚表示，公司将扩大产能。",
    "中南大学教授张建华说，这项技术已经成熟。",
    "“日子越过越好了。”村民李桂兰笑着说。",
    "贵州茅台酒股份有限公司总经理王莉出席签约仪式。",
    "返乡创业青年刘小军说，现在村里的路好走了。",
    "在兰州，管委会主任刘剑介绍了规划。",          # no zone named before: no official
    "“今年的订单排到了年底。”宜宾丝丽雅集团董事长杨钦说。",
    "县中医院院长罗伟介绍，医院新增床位200张。",
    "四川省商会会长刘汉元致辞。",
    "合作社理事长张秀英介绍，社员年均增收1万元。",
])
def test_titles_running_people_of_no_office_are_not_officials(text):
    assert not officials(text)
