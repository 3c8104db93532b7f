"""Relation rules: the speaker's context, partners, owners (own sentences)."""

import pytest

from tests.conftest import relations_of

SPEECH = ("简阳市委书记 孙晓霞\n\n"
          "简阳市引进四川蓝翼航空科技有限公司，建成三岔湖智慧农业示范园。"
          "实施“三湖两山”生态修复工程。与天府大学合作共建临空物流研究院。"
          "联合中国移动打造智慧城市运行中心。\n")


def test_relations_speaker_context_hosts_and_implements():
    rels = relations_of(SPEECH)
    assert ("简阳市", "hosts", "三岔湖智慧农业示范园") in rels
    assert ("简阳市", "hosts", "四川蓝翼航空科技有限公司") in rels
    assert ("简阳市", "implements", "三湖两山生态修复工程") in rels


def test_relations_partners_cue():
    rels = relations_of(SPEECH)
    assert ("简阳市", "partners_with", "中国移动") in rels


def test_relations_owner_named_in_project_name():
    rels = relations_of("长寿区委书记 刘强\n\n上汽云计算中心启动建设。")
    assert ("上汽", "develops", "上汽云计算中心") in rels
    assert ("长寿区", "hosts", "上汽云计算中心") in rels


def test_relations_every_edge_has_rule_and_evidence():
    from kg.nlp.extract import extract
    from kg.schema import Document

    res = extract(Document(id="t.txt", text=SPEECH))
    assert res.relations
    assert all(r.rule and r.evidence for r in res.relations)


def test_relations_partner_that_builds_the_project_develops_it():
    rels = relations_of(SPEECH)
    assert ("中国移动", "develops", "智慧城市运行中心") in rels


@pytest.mark.parametrize("text, host, thing", [
    ("隆基绿能在鄂尔多斯建设的光伏产业园已投产。", "鄂尔多斯市", "光伏产业园"),
    ("特斯拉在上海浦东新区建设的特斯拉超级工厂已投产。", "浦东新区", "特斯拉超级工厂"),
    ("比亚迪在合肥市长丰县投资建设的新能源汽车产业园开工。", "长丰县", "新能源汽车产业园"),
])
def test_relations_company_builds_in_a_region_that_hosts_it(text, host, thing):
    rels = relations_of(text)
    owner = text[: text.index("在")]
    assert (owner, "develops", thing) in rels and (host, "hosts", thing) in rels


def test_relations_managing_body_develops_what_it_manages():
    rels = relations_of("简阳市委书记 孙晓霞\n\n成立智能制造产业园管理委员会，启动建设简阳智能制造产业园。")
    assert ("智能制造产业园管理委员会", "develops", "简阳智能制造产业园") in rels


def test_relations_partner_written_with_its_province_and_city_is_the_last_region_only():
    text = ("苏州市委常委、昆山市委书记 周建平\n\n"
            "昆山市携手上海市嘉定区打造数字经济产业园项目。我们与浙江省嘉兴市嘉善县签署战略合作协议。")
    partners = {t for h, r, t in relations_of(text) if r == "partners_with"}
    assert partners == {"嘉定区", "嘉善县"}


def test_relations_township_before_its_village_is_still_placed_in_the_speakers_region():
    text = "梅州市梅县区委书记 邝志强\n\n我们在南口镇侨乡村试点乡村振兴示范带建设。"
    rels = relations_of(text)
    assert {("南口镇", "part_of", "梅县区"), ("侨乡村", "part_of", "南口镇")} <= rels


def test_relations_head_of_government_who_is_also_deputy_secretary_holds_both_posts():
    # SCHEMA: serves_in is any other office tied to the region, and the deputy secretary's is one.
    rels = relations_of("仁寿县委副书记、县长 马骏\n\n仁寿县引进四川文宫食品有限公司。")
    assert {("马骏", "governs", "仁寿县"), ("马骏", "serves_in", "仁寿县")} <= rels


def test_relations_owner_of_a_project_develops_it_and_is_not_hosted_for_it():
    text = ("眉山市东坡区委书记 何刚\n\n"
            "签约四川锂源新材料有限公司总投资45亿元的锂电正极材料项目。"
            "通威集团投资2亿美元建设的光伏组件基地投产。")
    rels = relations_of(text)
    assert ("四川锂源新材料有限公司", "develops", "锂电正极材料项目") in rels
    assert ("东坡区", "hosts", "锂电正极材料项目") in rels
    assert ("东坡区", "hosts", "四川锂源新材料有限公司") not in rels
    assert ("通威集团", "develops", "光伏组件基地") in rels


def test_relations_project_placed_in_a_township_is_hosted_there_only():
    """The gold's notes: "only the most specific region hosts" (SCHEMA: the speaker's region hosts
    what the speech reports "without naming another place")."""
    text = ("眉山市东坡区委书记 何刚\n\n"
            "在修文镇建设东坡泡菜产业园。万胜镇石桥村引进四川川派农业开发有限公司。"
            "新材料产业基地项目已落户尚义镇。组织企业赴越南参展。"
            "在太和镇，东坡区引进四川蜀味食品有限公司，投资3亿元建设川菜调味品产业园。")
    rels = relations_of(text)
    assert ("修文镇", "hosts", "东坡泡菜产业园") in rels       # (东坡区 too, by the place its name opens with)
    assert ("石桥村", "hosts", "四川川派农业开发有限公司") in rels
    assert ("尚义镇", "hosts", "新材料产业基地项目") in rels
    assert {("太和镇", "hosts", "川菜调味品产业园"), ("太和镇", "hosts", "四川蜀味食品有限公司")} <= rels
    assert ("东坡区", "hosts", "川菜调味品产业园") not in rels
    assert not {t for h, r, t in rels if h == "越南"}


def test_relations_where_partners_build_is_not_a_partner():
    rels = relations_of("眉山市东坡区委书记 何刚\n\n与成都市双流区深化合作，在修文镇共建双东协作产业园。")
    assert ("东坡区", "partners_with", "双流区") in rels
    assert not {t for h, r, t in rels if r == "partners_with"} & {"修文镇"}


def test_relations_a_sentence_about_another_region_of_the_speech_is_that_regions_too():
    text = ("眉山市委常委、常务副市长 李军\n\n"
            "彭山区依托四川天府新材料有限公司建设锂电材料循环利用基地。"
            "青神县与夹江县探索“竹编+陶瓷”协同发展模式。")
    rels = relations_of(text)
    assert ("彭山区", "hosts", "锂电材料循环利用基地") in rels
    assert ("眉山市", "hosts", "锂电材料循环利用基地") in rels      # the speaker's too
    assert ("青神县", "partners_with", "夹江县") in rels
    assert ("眉山市", "partners_with", "夹江县") not in rels


def test_relations_an_article_section_follows_the_region_it_is_about():
    text = ("眉山：新材料产业成势见效\n\n"
            "眉山市把新材料作为首位产业。眉山市今年新签约项目40个。\n"
            "一条链带动一片\n"
            "在眉山市彭山区，锂电产业链加快成形。彭山区引进四川天府新材料有限公司，建成锂电材料循环利用基地。"
            "这里还实施“链长+链主”协同机制。\n"
            "一片园聚起一群\n"
            "眉山市建设东坡数字经济产业园，眉山市还在推进眉山天府新区建设。\n")
    rels = relations_of(text)
    assert ("彭山区", "hosts", "锂电材料循环利用基地") in rels
    assert ("彭山区", "implements", "链长+链主协同机制") in rels
    assert ("眉山市", "hosts", "锂电材料循环利用基地") not in rels
    assert ("眉山市", "hosts", "东坡数字经济产业园") in rels


def test_relations_a_department_that_acts_in_its_sentence_partners_itself():
    text = ("眉山市经济和信息化局党组书记、局长 王平\n\n"
            "市经济和信息化局联合四川大学建设新材料中试平台。")
    rels = relations_of(text)
    assert not {h for h, r, t in rels if r == "partners_with" and t == "市经济和信息化局"}


def test_relations_a_township_whose_county_is_written_is_not_also_placed_in_the_article_city():
    text = ("眉山：乡村产业兴旺\n\n"
            "眉山市把乡村产业作为重点。眉山市今年新建示范园10个。"
            "彭山区公义镇建成葡萄产业园。公义镇岷江村村民说，日子越过越好。眉山市还在推进示范带建设。\n")
    rels = relations_of(text)
    assert ("公义镇", "part_of", "彭山区") in rels
    assert ("公义镇", "part_of", "眉山市") not in rels


def test_relations_company_named_again_by_its_trade_name_develops_its_project():
    text = ("德阳市旌阳区委书记 王林\n\n"
            "引进德阳东汽清能装备股份有限公司、四川川润智能流体科技有限公司。"
            "东汽清能投资12亿元的氢能装备项目已开工；川润智能在孝泉镇建设的流体装备基地投产。")
    rels = relations_of(text)
    assert ("德阳东汽清能装备股份有限公司", "develops", "氢能装备项目") in rels
    assert ("四川川润智能流体科技有限公司", "develops", "流体装备基地") in rels
    assert ("孝泉镇", "hosts", "流体装备基地") in rels


def test_relations_trade_name_needs_three_characters_of_the_name():
    from kg.nlp.extract import extract
    from kg.schema import Document

    res = extract(Document(id="t.txt", text="引进四川川润智能流体科技有限公司。川西地区川菜产业发展快。"))
    ents = {e.name: e for e in res.entities if e.type == "enterprise"}
    assert ents["四川川润智能流体科技有限公司"].mentions == 1


def test_relations_a_village_is_the_subject_of_its_paragraph_only():
    text = ("眉山：乡村产业兴旺\n\n"
            "眉山市把乡村产业作为重点。眉山市今年新建示范园10个。\n"
            "在彭山区公义镇岷江村，村民种葡萄致富。岷江村建成葡萄产业园。\n"
            "眉山市还建成东坡数字经济产业园。去年签约落户的川西新材料产业基地项目已投产。\n")
    rels = relations_of(text)
    assert ("岷江村", "hosts", "葡萄产业园") in rels
    assert ("岷江村", "hosts", "川西新材料产业基地项目") not in rels
    assert ("眉山市", "hosts", "川西新材料产业基地项目") in rels


def test_relations_partners_of_an_organization_named_before_yu_are_its_own():
    text = ("宜昌高新区党工委书记 刘勇\n\n"
            "高新区支持三峡实验室与湖北兴发化工集团股份有限公司、宜昌邦普时代新能源有限公司等企业联合攻关。")
    rels = relations_of(text)
    assert ("三峡实验室", "partners_with", "湖北兴发化工集团股份有限公司") in rels
    assert ("三峡实验室", "partners_with", "宜昌邦普时代新能源有限公司") in rels
    assert ("宜昌高新区", "partners_with", "湖北兴发化工集团股份有限公司") not in rels


def test_relations_a_zones_speech_holds_the_towns_of_its_city():
    text = ("宜昌高新区党工委书记 刘勇\n\n"
            "白洋镇建成新能源电池产业园。鸦鹊岭镇党委书记王强介绍，鸦鹊岭镇推行“园区吹哨、部门报到”机制。")
    rels = relations_of(text)
    assert ("白洋镇", "hosts", "新能源电池产业园") in rels
    assert ("鸦鹊岭镇", "implements", "园区吹哨、部门报到机制") in rels


def test_relations_trade_name_is_no_alias_that_joins_companies_across_documents():
    from kg.run.build import build_graph
    from kg.schema import Document

    docs = [Document(id="a.txt", text="万州区引进重庆新视通汽车零部件股份有限公司。新视通投资5亿元建设的车灯项目开工。"),
            Document(id="b.txt", text="丰都县引进丰都新视通食品有限公司。新视通投资2亿元的榨菜加工项目投产。")]
    G = build_graph(docs)
    companies = {d["label"] for _, d in G.nodes(data=True) if d["type"] == "enterprise"}
    assert {"重庆新视通汽车零部件股份有限公司", "丰都新视通食品有限公司"} <= companies


def test_relations_two_companies_sharing_a_trade_name_head_get_no_trade_name_mentions():
    text = "引进重庆渝泰汽车股份有限公司、重庆渝泰工业有限公司。渝泰汽车投资的新能源项目开工。"
    assert not {h for h, r, t in relations_of(text) if r == "develops"}


def test_relations_a_region_that_opens_a_sentence_of_a_departments_speech_is_its_subject():
    text = ("市商务局党组书记、局长 赵明\n\n"
            "市商务局推进“外贸优品”行动。彭山区依托四川天府新材料有限公司建设锂电材料循环利用基地。")
    rels = relations_of(text)
    assert ("彭山区", "hosts", "锂电材料循环利用基地") in rels
    assert ("市商务局", "implements", "外贸优品行动") in rels


def test_relations_a_short_form_in_its_brackets_is_no_entity_of_its_own():
    from tests.conftest import entities_of

    text = "义乌市依托浙江中国小商品城集团股份有限公司（以下简称“小商品城”）迭代数字贸易平台。"
    assert ("project", "小商品城") not in entities_of(text)


def test_relations_project_named_after_its_place_is_hosted_there():
    text = ("泸州市江阳区委书记 陈立\n\n"
            "支持四川醇香酒业有限公司建设黄舣智能酿造基地。在黄舣镇规划建设占地800亩的酒类包装产业园。"
            "与永川区共建川渝—江阳协作产业园。")
    rels = relations_of(text)
    assert ("黄舣镇", "hosts", "黄舣智能酿造基地") in rels
    assert ("黄舣镇", "hosts", "酒类包装产业园") in rels
    assert not {h for h, r, t in rels if r == "hosts" and t == "川渝—江阳协作产业园"} - {"江阳区"}


def test_relations_region_said_to_carry_out_a_program_implements_it():
    text = "市商务局党组书记、局长 赵明\n\n支持简阳市深化国际贸易综合改革试点。"
    rels = relations_of(text)
    assert ("简阳市", "implements", "国际贸易综合改革试点") in rels
    assert ("市商务局", "implements", "国际贸易综合改革试点") in rels


def test_relations_region_written_before_a_quoted_program_implements_it():
    text = "成都市委书记 张三\n\n我们借鉴浙江省“村民说事”模式，推进基层治理。"
    assert ("浙江省", "implements", "村民说事模式") in relations_of(text)


def test_relations_partner_an_organization_joins_implements_its_program_too():
    text = "成都市委书记 张三\n\n成都市委组织部联合成都市文广旅局，开设“蓉城大讲堂”系列培训。"
    rels = relations_of(text)
    assert ("成都市文广旅局", "implements", "蓉城大讲堂") in rels


def test_relations_owner_declared_with_a_short_form_develops_its_project():
    text = ("许昌市鄢陵县县长 马卫东\n\n"
            "由鄢陵县国有资本投资运营集团有限公司（以下简称鄢陵国投）投资8.6亿元建设的花木冷链物流中心一期已投入运营。")
    assert ("鄢陵县国有资本投资运营集团有限公司", "develops", "花木冷链物流中心") in relations_of(text)


def test_relations_owner_before_a_place_in_a_projects_name_develops_it():
    text = "綦江区委书记 王某\n\n鼎锐重庆智能制造基地开工，鼎锐汽车零部件产业园签约落地。"
    rels = relations_of(text)
    assert ("鼎锐", "develops", "鼎锐重庆智能制造基地") in rels
    assert ("鼎锐", "develops", "鼎锐汽车零部件产业园") in rels      # the company named elsewhere in the text


def test_relations_owner_before_a_place_in_brackets_replaces_the_shorter_brand():
    rels = relations_of("自贡市委书记 王某\n\n华为云（自贡）人工智能创新中心落地。")
    assert ("华为云", "develops", "华为云（自贡）人工智能创新中心") in rels
    assert ("华为", "develops", "华为云（自贡）人工智能创新中心") not in rels


def test_relations_a_place_before_a_place_is_no_owner():
    rels = relations_of("两江新区党工委书记 王某\n\n中新重庆枢纽港产业园加快建设，中欧班列（成都）集结中心投运，"
                        "打造成渝（重庆）产业园。")
    assert not {h for h, r, t in rels if r == "develops"}


def test_relations_partner_owned_by_a_body_is_the_partner_not_its_owner():
    rels = relations_of("长寿区委书记 刘强\n\n与国资委下属企业渝信科技共建智慧物流平台。")
    assert ("长寿区", "partners_with", "渝信科技") in rels
    assert not {t for h, r, t in rels if r == "partners_with" and t == "国资委"}


def test_relations_region_before_with_is_the_partners_partner():
    text = "永川区交通局局长 王某\n\n开展物流规划研究,永川区与泰国曼谷农业商会共同打造果品交易中心。"
    rels = relations_of(text)
    assert ("永川区", "partners_with", "泰国曼谷农业商会") in rels
    assert ("永川区交通局", "partners_with", "泰国曼谷农业商会") not in rels


def test_relations_city_government_before_with_is_the_city():
    text = "梁平区委书记 王某\n\n抢抓市政府与航天科技集团战略合作机遇，重庆制造业加快升级。"
    rels = relations_of(text)
    assert ("重庆市", "partners_with", "航天科技集团") in rels
    assert ("梁平区", "partners_with", "航天科技集团") not in rels


def test_relations_we_in_a_quote_and_a_subject_before_its_verb_are_no_partners():
    rels = relations_of("普洱市委书记 王某\n\n“我们与云南大学合作开发了这条生产线。”经理说。")
    assert not {(h, t) for h, r, t in rels if r == "partners_with"}
    rels = relations_of("辽宁省省长 王某\n\n辽宁自贸试验区大连片区联合海事部门多方调研。")
    assert not {(h, t) for h, r, t in rels if r == "partners_with"}


def test_relations_group_named_again_by_its_kind_word_partners():
    text = "洛阳市委书记 王某\n\n洛阳文旅集团资产运营公司推进集团与洛阳博物馆合作。"
    assert ("洛阳文旅集团", "partners_with", "洛阳博物馆") in relations_of(text)


def test_relations_department_that_builds_an_application_develops_it():
    text = "市商务委党组书记、主任 王某\n\n建设跨境电商产业大脑，开发上线“外贸服务一件事”应用。举办商贸消费节。"
    rels = relations_of(text)
    assert ("市商务委", "develops", "跨境电商产业大脑") in rels
    assert ("市商务委", "develops", "外贸服务一件事应用") in rels


def test_relations_region_that_builds_an_application_does_not_develop_it():
    rels = relations_of("永川区委书记 王某\n\n建设智慧城管平台。")
    assert not {h for h, r, t in rels if r == "develops"}



def _owners(text: str, project: str) -> set[str]:
    """Owners :func:`with_project_owners` adds to one project mention of ``text``."""
    from kg.nlp.components.entities.trade_names import with_project_owners
    from kg.nlp.mention import Mention
    from kg.nlp.tokenizer import shared_cutter

    bounds, k = {len(text)}, 0
    for w in shared_cutter()(text):
        bounds.add(k)
        k += len(w)
    start = text.index(project)
    found = [Mention(start, start + len(project), "project", project, "project_kind_word")]
    return {m.name for m in with_project_owners(text, found, frozenset(bounds)) if m.label == "enterprise"}


def test_relations_company_word_and_a_phase_only_names_its_owner():
    assert _owners("建成华能四期。", "华能四期") == {"华能"}       # jieba: 华能 a proper noun
    assert _owners("投产华电四期煤电项目。", "华电四期煤电项目") == {"华电"}
    assert _owners("投产大唐邹县煤电项目。", "大唐邹县煤电项目") == {"大唐"}   # before a county's short form
    assert _owners("推进理文二期。", "理文二期") == set()          # a word jieba does not know: no owner
    assert _owners("推进梁山港二期。", "梁山港二期") == set()


def test_relations_later_items_of_a_partner_list_are_partners_too():
    rels = relations_of("仙居县委书记 王某\n\n对接省能源集团、中国电建等国企央企，推进片区开发。")
    assert ("仙居县", "partners_with", "中国电建") in rels


def test_relations_company_head_who_says_what_it_builds_speaks_for_the_company():
    text = ("黄石市委书记 王某\n\n华新集团董事长李明等客商代表出席。"
            "李明表示，公司将投资30亿元，建设年产500万吨绿色建材生产线。")
    assert ("华新集团", "develops", "年产500万吨绿色建材生产线") in relations_of(text)


def test_relations_companies_reported_by_their_figures_or_counted_as_projects_are_hosted():
    rels = relations_of("渝北区委书记 王某\n\n汽车出口增长四成，天和资通、顺捷物流、丰源实业外贸额分别增长。")
    assert ("渝北区", "hosts", "顺捷物流") in rels
    rels = relations_of("山东省省长 王某\n\n抓好鲁北石化等一批竣工投产项目。")
    assert ("山东省", "hosts", "鲁北石化") in rels


def test_relations_company_whose_upgrade_a_region_pushes_is_hosted():
    rels = relations_of("山东省省长 王某\n\n推进鲁清石化转型升级。")
    assert ("山东省", "hosts", "鲁清石化") in rels


def test_relations_body_named_for_a_project_elsewhere_in_the_text_develops_it():
    text = "锦江区委书记 王某\n\n建成蟠龙智造产业园。\n\n她被提拔为蟠龙智造产业园管理委员会主任，负责招商。"
    assert ("蟠龙智造产业园管理委员会", "develops", "蟠龙智造产业园") in relations_of(text)


def test_relations_a_name_opening_a_signed_or_landed_project_is_its_investor():
    rels = relations_of("两江新区党工委书记 王某\n\n推动戴尔智能终端研发中心项目落地。")
    assert ("戴尔", "develops", "戴尔智能终端研发中心项目") in rels
    rels = relations_of("绍兴市委书记 王某\n\n鲁迅纪念馆改造提升，杜甫草堂文化园开园。")     # persons, not investors
    assert not {h for h, r, t in rels if r == "develops"}


def test_relations_we_in_a_quote_of_a_companys_manager_is_that_company():
    text = ("普洱市委书记 王某\n\n在普洱市思茅区新寨咖啡庄园，生产线正在运作。"
            "“我们与云南大学合作开发了这条生产线。”庄园负责人李某说。")
    assert ("新寨咖啡庄园", "partners_with", "云南大学") in relations_of(text)


def test_relations_known_company_and_its_list_mate_that_start_production_are_hosted():
    rels = relations_of("渝北区委书记 王某\n\n换流站、大洋电机、渝康时代建成投产，工业投资增长。")
    assert ("渝北区", "hosts", "渝康时代") in rels
    assert ("渝北区", "hosts", "大洋电机") in rels


def test_relations_company_head_who_speaks_in_the_sentence_that_names_him():
    text = "成都市委书记 王某\n\n东方电气集团董事长李某表示，将投资20亿元建设氢能装备产业基地。"
    assert ("东方电气集团", "develops", "氢能装备产业基地") in relations_of(text)


def test_relations_names_listed_that_act_together_partner_each_other():
    rels = relations_of("山东省省长 王某\n\n推动烟台、威海协同打造海洋经济示范区。")
    assert ("烟台市", "partners_with", "威海市") in rels
    assert ("山东省", "partners_with", "烟台市") not in rels


def test_relations_company_that_joins_hands_with_the_region_is_its_partner():
    rels = relations_of("渝北区委书记 王某\n\n华为携手渝北共建人工智能创新中心。")
    assert ("渝北区", "partners_with", "华为") in rels


def test_relations_city_ending_a_list_glued_to_the_shared_name_is_a_city_of_the_report():
    text = ("2026年安徽省政府工作报告\n\n安徽省省长 王清宪\n\n"
            "建好合肥、芜湖、蚌埠算力枢纽。加快建设蚌埠机场。")
    rels = relations_of(text)
    assert {("蚌埠市", "part_of", "安徽省"), ("蚌埠市", "hosts", "蚌埠机场")} <= rels
    assert ("安徽省", "hosts", "蚌埠机场") not in rels


def test_relations_project_named_with_its_city_in_brackets_is_hosted_by_that_city():
    text = ("湖北以开放促发展\n\n湖北省推进开放。武汉市离境退税开单量增长。"
            "湖北持续扩大开放，建成中欧班列（武汉）集结中心。\n")
    rels = relations_of(text)
    assert ("武汉市", "hosts", "中欧班列（武汉）集结中心") in rels
    assert ("湖北省", "hosts", "中欧班列（武汉）集结中心") not in rels


def test_relations_a_city_departments_projects_are_hosted_by_the_city_the_text_is_about():
    text = ("重庆市部门一把手例会发言摘登\n\n稳外贸 扩消费\n\n市商务委党组书记、主任 张明\n\n"
            "市商务委推行“渝贸通”机制，建成西部国际消费品集散中心。\n")
    rels = relations_of(text)
    assert ("重庆市", "hosts", "西部国际消费品集散中心") in rels
    assert ("市商务委", "implements", "渝贸通机制") in rels


def test_relations_a_city_department_in_a_text_naming_two_cities_equally_has_no_implicit_city():
    text = ("市商务局党组书记、局长 赵明\n\n成都市、德阳市共建成德临港经济产业带。市商务局建成西部消费品集散中心。\n")
    assert not {h for h, r, t in relations_of(text) if r == "hosts" and t == "西部消费品集散中心"}


def test_relations_a_company_heading_a_list_that_settles_is_hosted():
    text = "南岸区委书记 周立新\n\n推动中国电子科技集团有限公司、华为西南研发中心等一批科技项目落户，建成广阳湾智创生态城。\n"
    assert ("南岸区", "hosts", "中国电子科技集团有限公司") in relations_of(text)


def test_relations_a_company_the_sentence_places_in_a_county_is_hosted_there():
    text = "普洱茶产业观察\n\n在西双版纳傣族自治州勐海县的勐海茶业有限责任公司，工人正在压制茶饼。\n"
    assert ("勐海县", "hosts", "勐海茶业有限责任公司") in relations_of(text)


def test_relations_a_company_said_to_lie_in_a_county_is_hosted_there():
    text = "普洱茶产业观察\n\n获奖茶叶的产地，位于西双版纳傣族自治州勐海县的勐海茶业有限责任公司，年产茶饼万吨。\n"
    assert ("勐海县", "hosts", "勐海茶业有限责任公司") in relations_of(text)


def test_relations_a_company_named_in_full_in_passing_is_hosted_by_the_speech_region():
    text = "南岸区委书记 周立新\n\n重庆华熙生物科技有限公司营收增长两成，建成广阳湾智创生态城。\n"
    assert ("南岸区", "hosts", "重庆华熙生物科技有限公司") in relations_of(text)


def test_relations_a_company_whose_name_opens_with_its_county_is_that_countys_in_an_article():
    text = ("云南咖啡观察\n\n云南省推行“咖啡庄园管家”模式。云南省建成咖啡交易中心。\n\n"
            "记者见到了西双版纳傣族自治州勐海县勐海茶业有限责任公司总经理李明，他说茶饼销往全国。\n")
    rels = relations_of(text)
    assert ("勐海县", "hosts", "勐海茶业有限责任公司") in rels
    assert ("云南省", "hosts", "勐海茶业有限责任公司") not in rels


def test_relations_a_company_that_invests_in_a_thing_is_its_owner_not_hosted_even_if_the_thing_is_unnamed():
    text = "綦江区委书记 张明\n\n如深圳市华星卫星科技有限公司投资10亿元打造的生产线已经投产。\n"
    assert ("綦江区", "hosts", "深圳市华星卫星科技有限公司") not in relations_of(text)


def test_relations_each_listed_city_hosts_its_facility_and_a_route_is_the_province_s():
    text = "安徽省省长 王某\n\n建好合肥、芜湖、蚌埠算力枢纽。新开工合肥至六安等2个项目。"
    rels = relations_of(text)
    assert ("芜湖市", "hosts", "芜湖算力枢纽") in rels
    assert ("蚌埠市", "hosts", "蚌埠算力枢纽") in rels
    assert ("合肥市", "hosts", "合肥至六安") not in rels      # a route is not its first place's


def test_relations_article_company_said_to_work_in_a_city_of_the_article_is_that_citys():
    text = ("辽宁：开放步伐加快\n\n辽宁省持续扩大开放。\n"
            "“过去运输成本高。”辽宁陆港国际物流有限公司负责人说，“如今报关都在沈阳一站式解决。”\n")
    rels = relations_of(text)
    assert ("沈阳市", "hosts", "辽宁陆港国际物流有限公司") in rels
    assert ("辽宁省", "hosts", "辽宁陆港国际物流有限公司") not in rels


def test_relations_partner_that_builds_a_described_project_develops_it():
    text = ("永川区商务委主任 王某\n\n永川区与泰国罗勇府农业商会共同打造集“物流+贸易”为一体的"
            "东盟榴莲(重庆)交易分拨中心。")
    assert ("泰国罗勇府农业商会", "develops", "东盟榴莲(重庆)交易分拨中心") in relations_of(text)


def test_relations_institution_opening_a_campus_name_develops_the_campus():
    rels = relations_of("梁平区委书记 王某\n\n推动重庆工程职业技术学院梁平校区落地。")
    assert ("重庆工程职业技术学院", "develops", "重庆工程职业技术学院梁平校区") in rels


def test_relations_a_program_named_again_without_its_quotes_is_implemented_there_too():
    text = ("区县委书记发言摘登\n\n文成县委书记 张明\n\n文成县推行“一企一策”机制，服务企业120家。\n\n"
            "苍南县委书记 李华\n\n苍南县全面落实一企一策，帮助企业解决难题。\n")
    rels = relations_of(text)
    assert ("文成县", "implements", "一企一策机制") in rels or ("文成县", "implements", "一企一策") in rels
    programs = {t for h, r, t in rels if r == "implements" and h == "苍南县"}
    assert programs & {"一企一策机制", "一企一策"}


SIGNED_LIST = (
    "本次集中签约项目具体如下：\n"
    "1. 锂电池回收利用项目，签约企业为赣州华友循环科技有限公司，落户赣县区，投资12亿元；\n"
    "2. 上饶光伏组件二期项目，签约企业为晶科集团下属江西晶科光伏材料有限公司，落户上饶经开区；\n"
    "3. 智能装备产业园项目（投资方：深圳市汇川技术股份有限公司），建设地点：南昌高新区；\n"
    "4. 冷链物流中心项目，签约单位为江西省供销冷链科技有限公司。\n")


def test_signed_items_say_who_builds_each_project_and_where_it_settles():
    rels = relations_of(SIGNED_LIST)
    assert {("赣州华友循环科技有限公司", "develops", "锂电池回收利用项目"),
            ("赣县区", "hosts", "锂电池回收利用项目"), ("赣县区", "hosts", "赣州华友循环科技有限公司"),
            ("江西晶科光伏材料有限公司", "develops", "上饶光伏组件二期项目"),   # the group's unit signed
            ("上饶经开区", "hosts", "上饶光伏组件二期项目"),
            ("深圳市汇川技术股份有限公司", "develops", "智能装备产业园项目"),
            ("南昌高新区", "hosts", "智能装备产业园项目"),
            ("江西省供销冷链科技有限公司", "develops", "冷链物流中心项目")} <= rels
    assert ("晶科集团", "develops", "上饶光伏组件二期项目") not in rels
    assert not {r for r in rels if r[1] == "hosts" and r[0] == "赣县区" and "光伏" in r[2]}


def test_signed_items_need_the_items_cue():
    """A company after a project in a sentence of another shape owns nothing by this rule."""
    text = "全市建成锂电池回收利用项目，赣州华友循环科技有限公司落户赣县区。\n"
    assert ("赣州华友循环科技有限公司", "develops", "锂电池回收利用项目") not in relations_of(text)


def test_a_thing_the_text_places_is_not_hosted_by_the_context_as_well():
    """SCHEMA: the speech's or article's region hosts what is reported "without naming another place"."""
    text = ("萍乡市一季度重大项目集中签约\n\n"
            "萍乡市今年一季度集中签约项目8个。其中：\n"
            "1. 工业陶瓷新材料产业园项目，签约企业为江西华瓷新材料有限公司，落户湘东区；\n"
            "2. 萍乡经开区引进江西赣锋锂业集团股份有限公司。\n")
    rels = relations_of(text)
    assert ("湘东区", "hosts", "工业陶瓷新材料产业园项目") in rels
    assert ("萍乡市", "hosts", "工业陶瓷新材料产业园项目") not in rels
    assert ("萍乡市", "hosts", "江西华瓷新材料有限公司") not in rels
