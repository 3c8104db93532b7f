"""Own probe sentences for officials in running text and speakers' lines, in layouts and provinces
the dev set lacks: who is an official, where a name ends, which region a post ties them to, and
whose speech a paragraph is. Every text is written for these tests; the names are made up."""

from __future__ import annotations

import pytest

from tests.conftest import entities_of, relations_of

PEOPLE = ("governs", "serves_in", "leads")


def officials(text: str) -> set[str]:
    return {n for t, n in entities_of(text) if t == "official"}


def people_relations(text: str) -> set[tuple[str, str, str]]:
    return {r for r in relations_of(text) if r[1] in PEOPLE}


# fmt: off
PROBES = [
    # (text, officials that must be found, names that must not be officials, people's relations that must be found,
    #  people's relations that must not)
    # a numeral after a name ends it when a follower comes next
    ("白杨镇红柳村成立了合作社。红柳村党支部书记王加一说，村里今年分红20万元。",
     {"王加一"}, {"王加"}, {("王加一", "governs", "红柳村")}, set()),
    ("宁阳县召开会议。县长赵刚强出席会议。", {"赵刚强"}, {"赵刚"}, {("赵刚强", "governs", "宁阳县")}, set()),
    ("县长王明新表示，要抓好落实。", {"王明新"}, {"王明"}, set(), set()),
    ("区委书记刘东和区长李娜一同调研。", {"刘东", "李娜"}, {"李娜一"}, set(), set()),
    # a meeting verb that jieba files as a noun ends a three-character name
    ("红河州召开会议。州委常委、常务副州长陈立新通报了全州经济运行情况。",
     {"陈立新"}, set(), {("陈立新", "serves_in", "红河哈尼族彝族自治州")}, set()),
    # one deputy's post before a list of names is each name's
    ("保定市召开会议。副市长韩建民、宋晓燕参加会议。",
     {"韩建民", "宋晓燕"}, set(), {("韩建民", "serves_in", "保定市"), ("宋晓燕", "serves_in", "保定市")}, set()),
    ("德阳市召开会议。副市长罗志远、区委书记邵伟出席。", {"罗志远", "邵伟"}, set(),
     {("罗志远", "serves_in", "德阳市")}, {("邵伟", "serves_in", "德阳市")}),
    # names of minority people, their parts joined by a middle dot
    ("温宿县委副书记、县长买买提·吐尔洪介绍，全县棉花种植面积达到80万亩。",
     {"买买提·吐尔洪"}, set(), {("买买提·吐尔洪", "governs", "温宿县")}, set()),
    ("托乎拉乡党委书记阿依古丽·热合曼说，乡里建起了棉花加工厂。",
     {"阿依古丽·热合曼"}, set(), {("阿依古丽·热合曼", "governs", "托乎拉乡")}, set()),
    # a chain of posts none of which writes its unit
    ("驻村工作队队长、第一书记柯晓东也表示，今年村集体收入突破50万元。", {"柯晓东"}, set(), set(), set()),
    ("第一书记柯晓东介绍，村里建起了冷库。", {"柯晓东"}, set(), set(), set()),
    # a first secretary serves in the village; he is not its party secretary
    ("长教村第一书记陈志鸣说，村里引进了电商企业。", {"陈志鸣"}, set(),
     {("陈志鸣", "serves_in", "长教村")}, {("陈志鸣", "governs", "长教村")}),
    # 社区 is no bare 区: a residents' committee of no named community ties to no district
    ("梅县区召开会议。社区居委会主任林美琴又说，社区建起了便民服务站。", {"林美琴"}, set(),
     set(), {("林美琴", "governs", "梅县区")}),
    ("梅县区召开会议。社区党委书记林美琴说，社区建起了便民服务站。", {"林美琴"}, set(),
     set(), {("林美琴", "governs", "梅县区")}),
    # words of a clause before 村 are no village: the village named before
    ("宁远县湾井镇下灌村发展烤烟。见到村支书苏德胜时，他正在烤房忙碌。", {"苏德胜"}, set(),
     {("苏德胜", "governs", "下灌村")}, {("苏德胜", "governs", "见到村")}),
    ("宁远县湾井镇下灌村发展烤烟。记者见到村党支部书记苏德胜时，他正在查看烟叶。", {"苏德胜"}, set(),
     set(), {("苏德胜", "governs", "记者见到村")}),
    # a preposition glued before a chain of implicit units
    ("湄潭县召开会议。据县委常委、宣传部部长胡丽霞介绍，全县接待游客500万人次。", {"胡丽霞"}, set(),
     {("胡丽霞", "serves_in", "湄潭县")}, set()),
    # village and town posts in other phrasings
    ("宁远县湾井镇下灌村发展烤烟。村主任苏德胜介绍，全村烤烟面积800亩。", {"苏德胜"}, set(),
     {("苏德胜", "governs", "下灌村")}, set()),
    ("宁远县湾井镇下灌村发展烤烟。“今年收入翻了一番。”下灌村党支部书记、村委会主任苏德胜高兴地说。",
     {"苏德胜"}, set(), {("苏德胜", "governs", "下灌村")}, set()),
    ("宁远县湾井镇下灌村发展烤烟。村支部书记苏德明说，今年烤烟增收。", {"苏德明"}, set(),
     {("苏德明", "governs", "下灌村")}, set()),
    ("宁远县湾井镇下灌村发展烤烟。村监委会主任苏德明介绍，今年烤烟增收。", {"苏德明"}, set(),
     {("苏德明", "serves_in", "下灌村")}, {("苏德明", "governs", "下灌村")}),
    ("宁远县湾井镇下灌村发展烤烟。村民小组长苏德明说，今年烤烟增收。", set(), {"苏德明"}, set(), set()),
    ("宁远县湾井镇下灌村发展烤烟。网格员苏德明说，今年烤烟增收。", set(), {"苏德明"}, set(), set()),
    ("宁远县湾井镇召开会议。湾井镇党委委员、副镇长司马健表示，全镇新建烤房50座。", {"司马健"}, set(),
     {("司马健", "serves_in", "湾井镇")}, {("司马健", "governs", "湾井镇")}),
    ("岳阳市委常委、岳阳经开区党工委书记柳俊介绍，园区新签约项目10个。", {"柳俊"}, set(),
     {("柳俊", "governs", "岳阳经开区"), ("柳俊", "serves_in", "岳阳市")}, set()),
    # banners and leagues of Inner Mongolia, and acting heads of government
    ("准格尔旗是产煤大旗。旗长贾志成说，全旗新能源装机容量突破500万千瓦。", {"贾志成"}, set(),
     {("贾志成", "governs", "准格尔旗")}, set()),
    ("准格尔旗是产煤大旗。旗委书记郝建平介绍，全旗新建光伏电站3座。", {"郝建平"}, set(),
     {("郝建平", "governs", "准格尔旗")}, set()),
    ("淄博市张店区人民政府代区长孙明远作政府工作报告。", {"孙明远"}, set(), {("孙明远", "governs", "张店区")}, set()),
    # 兼 joins two posts of one chain; a bare post opening a chain names the text's county
    ("洛川县召开会议。副县长兼县公安局局长马晓辉通报了全县治安形势。", {"马晓辉"}, set(),
     {("马晓辉", "serves_in", "洛川县"), ("马晓辉", "leads", "县公安局")}, set()),
    ("洛川县副县长兼公安局长马晓辉出席。", {"马晓辉"}, set(), {("马晓辉", "serves_in", "洛川县")},
     {("马晓辉", "serves_in", "公安县")}),
    ("延长县委书记兼县长张晓川表示，要加快油气开发。", {"张晓川"}, set(), {("张晓川", "governs", "延长县")}, set()),
    ("湖北省公安县县长王刚毅介绍，全县粮食增产。", {"王刚毅"}, set(), {("王刚毅", "governs", "公安县")}, set()),
    # a speech verb before a colon ends the name; it is no speaker's line
    ("张家港市委书记韩卫说：“我们要在开放上走在前列。”", {"韩卫"}, {"韩卫说"}, {("韩卫", "governs", "张家港市")}, set()),
    ("张家港市委书记韩卫强调：要在开放上走在前列。", {"韩卫"}, {"韩卫强"}, {("韩卫", "governs", "张家港市")}, set()),
    # appointments and elections give the post; a candidate or a post taken away does not
    ("泰安市召开会议。会议决定任命张志恒为泰安市副市长。", {"张志恒"}, set(), {("张志恒", "serves_in", "泰安市")}, set()),
    ("王海波同志任肥城市委书记。", {"王海波"}, set(), {("王海波", "governs", "肥城市")}, set()),
    ("省委决定：李建成同志任宁阳县委委员、常委、书记。", {"李建成"}, set(), {("李建成", "governs", "宁阳县")}, set()),
    ("经选举，刘丽君当选为东平县人民政府县长。", {"刘丽君"}, set(), {("刘丽君", "governs", "东平县")}, set()),
    ("会议表决通过，任命陈明达为泰安市商务局局长。", {"陈明达"}, set(), {("陈明达", "leads", "泰安市商务局")}, set()),
    ("提名赵刚毅为新泰市市长候选人。", set(), {"赵刚毅"}, set(), set()),
    ("免去孙强国的泰安市副市长职务。", set(), {"孙强国"}, set(), set()),
    ("张三任务繁重，县委书记也很忙。", set(), {"张三"}, set(), set()),
    # a party school is the party's
    ("县委党校校长吴平安说，将加强干部培训。", {"吴平安"}, set(), set(), set()),
    # surnames of Korean Chinese; Tibetan names, which have none
    ("珲春市委副书记、市长朴成学介绍，珲春正在建设国际物流园。", {"朴成学"}, set(), {("朴成学", "governs", "珲春市")}, set()),
    ("日喀则市委副书记、市长扎西多吉说，全市青稞增产。", {"扎西多吉"}, set(), {("扎西多吉", "governs", "日喀则市")}, set()),
    ("县长达瓦说，要抓好草场保护。", {"达瓦"}, set(), set(), set()),
    # a former post: an official, tied to no region now (原平市 is a city)
    ("原宁阳县委书记王建业接受审查调查。", {"王建业"}, set(), set(), {("王建业", "governs", "宁阳县")}),
    ("宁阳县召开会议。原县委书记王建业接受审查调查。", {"王建业"}, set(), set(), {("王建业", "governs", "宁阳县")}),
    ("原平市委书记王建业出席。", {"王建业"}, set(), {("王建业", "governs", "原平市")}, set()),
    # party groups of congresses, conferences and governments; assistants to a head of government
    ("宁阳县县长助理王强军出席。", {"王强军"}, set(), {("王强军", "serves_in", "宁阳县")}, set()),
    ("宁阳县政府党组成员刘洋帆出席。", {"刘洋帆"}, set(), {("刘洋帆", "serves_in", "宁阳县")}, set()),
    ("宁阳县政协党组书记、主席孙丽萍出席。", {"孙丽萍"}, set(), {("孙丽萍", "serves_in", "宁阳县")},
     {("孙丽萍", "governs", "宁阳县")}),
    ("宁阳县人大常委会党组书记、主任赵志刚出席。", {"赵志刚"}, set(), {("赵志刚", "serves_in", "宁阳县")},
     {("赵志刚", "governs", "宁阳县")}),
    ("宁阳县政府党组书记、县长赵志刚出席。", {"赵志刚"}, set(), {("赵志刚", "governs", "宁阳县")}, set()),
    # lists of leaders after a colon; words before the first post of a chain
    ("出席会议的市领导有：张明高、刘佳音、陈卫华。", {"张明高", "刘佳音", "陈卫华"}, set(), set(), set()),
    ("保定市召开会议。陪同调研的有市委常委、秘书长张明高，副市长刘佳音。", {"张明高", "刘佳音"}, set(),
     {("张明高", "serves_in", "保定市"), ("刘佳音", "serves_in", "保定市")}, set()),
    ("近日，李亚萍被提拔为江北区商务局局长。", {"李亚萍"}, set(), {("李亚萍", "leads", "江北区商务局")}, set()),
    ("王海波同志被任命为肥城市副市长。", {"王海波"}, set(), {("王海波", "serves_in", "肥城市")}, set()),
    ("张建文升任宁阳县委书记。", {"张建文"}, set(), {("张建文", "governs", "宁阳县")}, set()),
    # a résumé: the person first in the sentence, then 现任 and the post
    ("张建文，男，汉族，1972年5月生，现任宁阳县委书记。", {"张建文"}, set(), {("张建文", "governs", "宁阳县")}, set()),
    ("张建文同志现任宁阳县委副书记、县长。", {"张建文"}, set(), {("张建文", "governs", "宁阳县")}, set()),
    ("今年，全县现任村干部500人。", set(), set(), set(), set()),
    ("宁阳县政协主席王强生表示，要加强文化保护。", {"王强生"}, set(), {("王强生", "serves_in", "宁阳县")}, set()),
    # the person in charge of a department, and a spokesman, hold office
    ("惠安县科技局负责人张伟明介绍，全县高新技术企业达到120家。", {"张伟明"}, set(), set(), set()),
    ("国家统计局新闻发言人付凌云表示，经济运行总体平稳。", {"付凌云"}, set(), set(), set()),
    # people without office
    ("一拖集团有限公司工业旅游负责人张迎春介绍，这里每年接待游客10万人次。", set(), {"张迎春"}, set(), set()),
    ("该公司负责人李强说，订单排到了年底。", set(), {"李强"}, set(), set()),
    ("项目负责人王刚介绍，工程进度过半。", set(), {"王刚"}, set(), set()),
    ("村民王加一说，今年收成不错。", set(), {"王加一", "王加"}, set(), set()),
    ("致富带头人、种粮大户张建军说，今年亩产提高了。", set(), {"张建军"}, set(), set()),
    ("合作社理事长李国富介绍，社员增加到300户。", set(), {"李国富"}, set(), set()),
    ("北疆农垦集团党委书记、董事长王守成表示，集团将加大科技投入。", set(), {"王守成"}, set(), set()),
    ("省农科院院长王建勋介绍，全院育成新品种20个。", set(), {"王建勋"}, set(), set()),
    ("市农业科学院党委书记张华强说，要加强科研。", set(), {"张华强"}, set(), set()),
    ("县人民医院院长张明远说，医院新增床位200张。", set(), {"张明远"}, set(), set()),
    ("中国银行泉州分行行长李伟成说，将加大信贷投放。", set(), {"李伟成"}, set(), set()),
    ("县政协委员王强生表示，要加强文化保护。", set(), {"王强生"}, set(), set()),
    ("宁阳县政协委员王强生表示，要加强文化保护。", set(), {"王强生"}, set(), set()),
    ("全国人大代表、远航集团董事长张国强说，要支持民营经济。", set(), {"张国强"}, set(), set()),
    ("本报记者 李明 通讯员 王芳", set(), {"李明", "王芳"}, set(), set()),
]
# fmt: on


@pytest.mark.parametrize("text, names, not_names, rels, not_rels", PROBES)
def test_officials_probe(text, names, not_names, rels, not_rels):
    found = officials(text)
    assert names <= found
    assert not not_names & found
    got = people_relations(text)
    assert rels <= got
    assert not not_rels & got


def _speeches(text: str) -> set[tuple[str, str, str]]:
    return {r for r in relations_of(text) if r[1] in ("hosts", "implements", "partners_with", *PEOPLE)}


def test_speaker_lines_ending_at_a_colon_head_their_speeches():
    text = ("广西柳州市各县区负责人谈发展\n\n"
            "柳南区委书记覃永昌：柳南区坚持工业强区，今年柳南汽车产业园产值突破300亿元。\n\n"
            "鹿寨县县长韦凤仪：鹿寨县深入实施“强工兴县”行动，新入驻企业15家。\n\n"
            "柳州高新区管委会主任陆志诚：高新区联合上汽通用五菱建设新能源汽车创新中心。\n")
    rels = _speeches(text)
    assert {("覃永昌", "governs", "柳南区"), ("韦凤仪", "governs", "鹿寨县"),
            ("陆志诚", "governs", "柳州高新区"), ("鹿寨县", "implements", "强工兴县行动"),
            ("柳州高新区", "hosts", "新能源汽车创新中心")} <= rels
    assert ("柳南区", "implements", "强工兴县行动") not in rels
    assert ("柳南区", "hosts", "新能源汽车创新中心") not in rels


def test_speaker_lines_writing_the_name_before_its_posts_head_their_speeches():
    text = ("陕西汉中市区县长访谈\n\n"
            "黄晓鸣（南郑区委副书记、区长）\n南郑区大力发展现代农业，建设了南郑茶叶产业园，引进茶企12家。\n\n"
            "李华清（城固县委书记）\n城固县推进“链长制”，城固航空零部件产业园加快建设。\n")
    rels = _speeches(text)
    assert {("黄晓鸣", "governs", "南郑区"), ("李华清", "governs", "城固县"),
            ("城固县", "hosts", "城固航空零部件产业园")} <= rels
    assert ("南郑区", "hosts", "城固航空零部件产业园") not in rels


def test_a_speaker_without_office_at_a_colon_ends_the_speech_before():
    text = ("【代表委员说】\n\n"
            "全国人大代表、长治市潞州区区长郭志远：\n潞州区将继续推进老旧小区改造，今年改造小区120个。\n\n"
            "全国政协委员、太原理工大学教授王宏达：\n要加大科技成果转化力度，建设山西科创中心。\n")
    assert officials(text) == {"郭志远"}
    assert ("郭志远", "governs", "潞州区") in relations_of(text)


def test_a_quotation_is_the_region_of_the_official_it_is_attributed_to():
    text = ("江苏常州：新能源之都加速崛起\n\n"
            "常州市新能源产业产值突破7000亿元。常州市委书记陈金龙介绍，常州已经形成了完整的产业链。\n\n"
            "“今年我们又引进了中创新航二期项目。”溧阳市委书记徐华明说，溧阳正在打造动力电池之都。\n")
    rels = _speeches(text)
    assert ("溧阳市", "hosts", "中创新航二期项目") in rels
    assert ("常州市", "hosts", "中创新航二期项目") not in rels


def test_a_reported_clause_opening_with_a_region_is_that_regions():
    text = ("江苏常州：新能源之都加速崛起\n\n"
            "常州市新能源产业产值突破7000亿元。常州市委书记陈金龙介绍，常州已经形成了完整的产业链。\n\n"
            "武进区副区长李东升表示，武进高新区正在建设储能产业园。\n")
    rels = _speeches(text)
    assert ("武进高新区", "hosts", "储能产业园") in rels
    assert ("武进区", "hosts", "储能产业园") not in rels


def test_speaker_lines_in_brackets_head_their_speeches():
    text = ("南京市区县主要负责同志发言摘登\n\n"
            "【江宁区委书记 赵明达】\n江宁区聚焦新能源汽车产业，实施“链长制”。\n\n"
            "【浦口区区长 孙丽英】\n浦口区大力发展集成电路产业，建设浦口芯片产业园。\n")
    rels = _speeches(text)
    assert {("赵明达", "governs", "江宁区"), ("孙丽英", "governs", "浦口区"),
            ("江宁区", "implements", "链长制")} <= rels
    assert ("江宁区", "hosts", "浦口芯片产业园") not in rels


def test_appointments_find_their_verbs_quickly():
    from kg.nlp.components.bare_titles import appointed_verbs

    text = "经选举，刘丽君当选为东平县人民政府县长。王海波同志任肥城市委书记，主任张三兼任组长。"
    assert [text[s:e] for s, e in appointed_verbs(text)] == ["同志任", "任", "兼任", "当选为"]
    promoted = "她被提拔为局长，他被任命为县长"
    assert [promoted[s:e] for s, e in appointed_verbs(promoted)] == ["被任命为", "被提拔为"]


def test_a_headline_whose_last_words_start_with_a_surname_is_no_speaker():
    text = ("合肥市区县负责人谈发展\n\n"
            "肥东县将深入实施“工业强县”战略，今年计划引进项目50个。\n（作者系肥东县委书记）\n\n"
            "庐江县坚持招大引强，深入实施“双招双引”行动。\n（作者系庐江县县长）\n")
    rels = _speeches(text)
    assert {("肥东县", "implements", "工业强县战略"), ("庐江县", "implements", "双招双引行动")} <= rels
    assert ("肥东县", "implements", "双招双引行动") not in rels


def test_a_paragraph_set_in_a_town_is_that_towns():
    text = ("湖北宜昌市夷陵区：产业兴旺 乡村振兴\n\n"
            "夷陵区是湖北柑橘大县。近年来，夷陵区大力实施“柑橘提质”工程。\n\n"
            "走进小溪塔街道，一座座现代化的厂房拔地而起。街道引进了稻花香集团的酒厂项目。\n\n"
            "记者来到龙泉镇时，镇里正在建设柑橘冷链物流中心。\n\n"
            "夷陵区委书记王涛明表示，要把产业做大做强。\n")
    rels = _speeches(text)
    assert {("小溪塔街道", "hosts", "稻花香集团"), ("龙泉镇", "hosts", "柑橘冷链物流中心")} <= rels
    assert not {("夷陵区", "hosts", "稻花香集团"), ("夷陵区", "hosts", "柑橘冷链物流中心")} & rels


def test_a_bare_county_post_names_the_one_county_the_text_names_even_after_it():
    text = ("我县召开招商引资工作推进会\n\n"
            "3月12日，我县召开招商引资工作推进会。县委书记邓晓明出席会议并讲话，县委副书记、县长罗春燕主持会议。\n\n"
            "剑阁县融媒体中心\n")
    rels = people_relations(text)
    assert {("邓晓明", "governs", "剑阁县"), ("罗春燕", "governs", "剑阁县")} <= rels


def test_a_bare_county_post_names_no_county_where_the_text_names_two():
    text = "县委书记邓晓明出席会议。会上，剑阁县和苍溪县作交流发言。"
    assert not people_relations(text)


def test_a_pronoun_given_a_post_is_the_one_person_named_before_it():
    text = ("这几天，李亚萍的笔记本记得密密麻麻。不久前，39岁的她被提拔为江北区商务局局长。"
            "翻看李亚萍的工作履历表，她干过很多岗位。")
    assert ("李亚萍", "leads", "江北区商务局") in people_relations(text)
    two = "张伟和李亚萍谈过之后，他被任命为江北区副区长。李亚萍很高兴，张伟也很高兴。"
    assert not officials(two)


def test_a_note_closing_a_speakers_line_leaves_it_a_speakers_line():
    text = ("南京市区县发言摘登\n\n江宁区委书记赵明达（发言摘要）\n江宁区实施“链长制”，引进比亚迪江宁基地项目。\n\n"
            "浦口区区长孙丽英（发言摘要）\n浦口区建设浦口芯片产业园。\n")
    rels = _speeches(text)
    assert ("浦口区", "hosts", "浦口芯片产业园") in rels
    assert ("江宁区", "hosts", "浦口芯片产业园") not in rels
