"""Recognize projects, and programs, by the kind word that ends their name; listed applications.

``数字经济产业园``, ``“浙里办”应用``, ``“千万工程”``, ``渝自和渝毕城际``: a name runs left
from its kind word (``project_kinds.txt``, ``program_kinds.txt``, see
:mod:`.kinds`) as far as the name grammar allows (:func:`kg.nlp.names.left_extent`);
the kind word says whether it is a project or a program. Weak kinds (项目, 中心;
机制, 体系) name something only when quoted or coined. Applications listed before
a count (五环智控、亲农在线等10余个特色应用) are projects too.
"""

from __future__ import annotations

import re

from kg.nlp.components.entities.enterprises import listed_before
from kg.nlp.components.entities.categories import (
    AND, COUNT_AFTER, COUNTED_CODE, COUNTED_PACKAGE, DESIGNATION, FIVE_YEAR_PLAN, MACRO_AREA, OPENS, PARKS, PILOT_WORDS,
    PROPER_KINDS, SHOPPING_KINDS, SPEC_BEFORE, SPEC_UNIT, WATER_TRANSFER, distinctive_or_landmark, generic_core,
    generic_lasts, landmark_before, lead_strip_set, names_a_category, owned_trade, past_address, past_first_of_two,
    place_in_clause,
)
from kg.nlp.components.entities.kinds import infrastructure_regex, infrastructure_words, kind_patterns
from kg.nlp.components.entities.project_lists import (
    LINE_KINDS, coordinated_lines,
    by_end, drop_appositions, find_routes, past_inner_verb, straddled, kind_end_of, list_neighbours, may_follow, past_stage, past_time_lead, place_list_members,
    kind_chain, last_word_on,
    ROUTE_NAME, quote_open, quoted_neighbours, widen_link, widen_route,
    COUNTED_HEAD, LISTED_BEFORE, LIST_ITEM, counted_members, names_inside,
)
from kg.nlp.components.entities.programs import (
    QUOTED_KIND, SLOGAN, WEAK_PROGRAM_KINDS, coined_system, counted_list, no_program, quote_inside,
    quote_opening, strategy_regex, verb_before, verb_core,
)
from kg.nlp.mention import Mention
from kg.nlp.names import (
    BOUNDARY, CLOSE_QUOTES, OPEN_QUOTES, cjk, cjk_or_alnum, distinctive, ends_with_kind, generic_heads, lead_strips,
    lead_lasts, left_extent, stops, unquote, word_end,
)
from kg.nlp.wordclass import may_follow_a_name, word_classes
from kg.schema import ENTERPRISE, OFFICIAL, ORGANIZATION, PROGRAM, PROJECT, REGION

# A phase of a named undertaking: 理文二期, 荣成石岛湾核电扩建一期.
PHASES = {"一期", "二期", "三期", "四期", "五期"}
WEAK_PROJECT_KINDS = {"项目", "一期", "二期", "三期", "四期", "五期", "城", "谷", "中心", "平台", "服务平台", "系统", "应用",
                      "商圈", "园区", "枢纽", "通道", "快速通道", "街区", "示范区", "公路", "延线", "延伸线", "支线", "基础设施", "一件事", "校区", "数谷", "度假区", "景区", "飞地", "班列", "应用场景"}
# Weak kinds a coined two-character core names all the same: 中欧班列, 深中通道 (two places' short forms).
TWO_CHARACTER_KINDS = {"班列", "通道", "快速通道"}
# Heritage sites are projects where they operate (门票, 演艺), not as the object of other work
# (对福昌城遗址进行考古发掘): their kind word must end the phrase.
HERITAGE_KINDS = {"遗址", "石窟", "古城", "古街"}
# Between quoted members and their kind word: “甲”“乙”3个专项行动, “甲”“乙”两大工程.
MEMBER_COUNT = re.compile(r"(?:[\d]+|[一二三四五六七八九十两]+)(?:个|大|项|类|条|张)?|等|等\d+个")
APPLICATION_LIST_CUE = re.compile(r"等(?:\d+|[一二三四五六七八九十]+)(?:余|多)?(?:个|项|款)"
                                  r"[\u4e00-\u9fff]{0,6}?(?:应用|应用场景|平台|小程序|APP|App|app)")
QUOTED = re.compile(r"“([^”]+)”")
QUOTE_IN = re.compile("[" + re.escape(OPEN_QUOTES + "‘") + "]")
INNER_COUNT = re.compile(r"\d+个(?=[\u4e00-\u9fff])")
# A name of common words this short is a description (共性技术平台, 数字农业平台); a longer one may
# name a specific undertaking all the same (茶叶精深加工园区), unless it coordinates two things.
# Kinds that name a place (基地, 产业园) leave less room for a description (葡萄产业园 is one).
SHORT_NAME = 6
SHORT_PLACE_NAME = 4
# …unless an investment makes it one: 通威集团投资2亿美元建设的光伏组件基地.
INVESTED = re.compile(r"投资[^，。；;、]{0,14}的$")
LEAD_QUOTES = re.compile(r"^(?:“[^”]+”)+")


def find_kind_names(text: str, bounds: frozenset[int], named: list[Mention] = ()) -> list[Mention]:
    """Projects and programs named by the kind word that ends them (…产业园, …工程, …行动).

    ``bounds`` are the word starts of the segmenter (see :func:`kg.nlp.names.left_extent`);
    ``named`` the regions, enterprises and organizations found so far: a project's
    name needs a distinctive core, and a place or an owner in it is one
    (``临沂``\|商城, ``京东方``\|…产线), as is a proper or coined word (:func:`distinctive`).
    """
    whole: set[tuple[int, int]] = set()       # the regions, enterprises and organizations
    region_at: dict[int, Mention] = {}
    places: list[int] = []
    for m in named:       # (one pass over what was found so far)
        if m.label in (REGION, ENTERPRISE, ORGANIZATION):
            whole.add((m.start, m.end))
            if m.label == REGION:
                places.append(m.start)
                if m.region is not None:
                    region_at[m.start] = m      # (the last one found at a start)
    named_starts = sorted(a for a, _ in whole)
    whole_end = {a: b for a, b in whole}
    official_starts = sorted(m.start for m in named if m.label == OFFICIAL)     # 大冶市|市长万鼎|作招商项目
    whole_by_end = by_end(whole)
    out, held = [], []
    kinds = kind_patterns()["kinds"]
    generic = tuple(generic_heads())
    lasts, leads, stop_words = generic_lasts(), lead_strip_set(), stops()
    for m in kind_patterns()["kind"].finditer(text):
        kind = m.group()
        ks, ke = m.span()
        label = kinds[kind]
        attrs: dict = {"kind": kind}
        aliases: list[str] = []
        nxt = text[ke:ke + 1]
        if label == PROGRAM and kind == "试点" and nxt in ("县", "区", "市", "镇"):
            aliases.append(unquote(text[ks:ke + 1]))
        elif "\u4e00" <= nxt <= "\u9fff" and not (len(kind) > 1 and ks > 0 and text[ks - 1] in CLOSE_QUOTES) \
                and not may_follow(text, ke, kind, label):
            if not landmark_before(text, ks, kind, bounds) and (     # (解放碑商圈|客流量 is named)
                    label != PROJECT or kind in WEAK_PROJECT_KINDS or kind in HERITAGE_KINDS
                    or ke not in bounds or ks not in bounds
                    or not may_follow_a_name(text[ke:word_end(bounds, ke, len(text))])):
                continue      # the kind word is a modifier here: 中心城区, 铁路运价, 工程师, 制造
            attrs["loose"] = True      # 提速聊城机场前期工作: a proper name may go on (checked below)
        if label == PROJECT and text[ks - 1:ks] == "等" and kind not in WEAK_PROJECT_KINDS:
            out += _list_members(text, ks, ke, kind, named_starts, bounds, whole)
            continue          # 深地探测、电磁橇等大科学装置: the items are the names
        if text[ks - 2:ks - 1] != "、" and (counted := COUNTED_HEAD.search(text, max(0, ks - 8), ks)) is not None \
                and text[counted.start() - 1:counted.start()] != "、" \
                and cjk(text[counted.start() - 1:counted.start()]):
            members = counted_members(text, counted, ke, named_starts, bounds, whole)
            out += members
            if members or label == PROJECT or LISTED_BEFORE.search(text, max(0, counted.start() - 7), counted.start()):
                continue      # 马道枢纽、企石枢纽、青年枢纽三大船闸工程: the items counted are the names;
                              # 新材料三大产业基地, 消防安全、食品安全三大专项行动: a count inside, no name
        if text[ks - 1:ks] in BOUNDARY and text[ks - 1] not in "—)）" and text[ke:ke + 1] not in CLOSE_QUOTES \
                and ks not in region_at and (text[ks - 1] != "、" or label != PROJECT or kind in WEAK_PROJECT_KINDS):
            continue          # ，计划|投资: after punctuation the kind word is alone, a core of none (no call to ask)
        start = left_extent(text, ks, max_len=30 if label == PROGRAM else 26, bounds=bounds,
                            verbs_lead=label != PROGRAM)
        if start < 0 and label == PROGRAM:
            start = verb_core(text, ks, bounds)     # 资源型城市转型|升级|试验区: a verb may end the core
        if start < 0:
            continue
        if label == PROJECT:
            start = past_inner_verb(text, past_stage(text, start, ks), ks)     # 建成投产|大唐郓城, 拥有|数据中心
            start = straddled(past_time_lead(text, start, ks, bounds), ks, whole_by_end)    # 顺|丰华中…: 顺丰 is whole
            if AND.search(text, start, ks):
                start = past_first_of_two(text, start, ks, named_starts)
            if text[ke:ke + 1] in CLOSE_QUOTES and start > 0 and text[start - 1] not in OPEN_QUOTES \
                    and (q := quote_open(text, start, ks)) >= 0:
                start = q + 1   # “A学院和B学院独立校区项目”, “卫星…及系统生产制造项目”: the quote is the name
        if (label == PROJECT or kind == "工程") and (text[start - 1:start].isdigit() or text[start - 1:start] in "万千"
                                                  and text[start - 2:start - 1].isdigit()) \
                and (spec := SPEC_BEFORE.search(text, max(0, start - 8), start)) and SPEC_UNIT.match(text, start):
            start = spec.start()      # 建设|12英寸晶圆制造项目, 1000千伏…工程: the size specifies the works
        if label == PROJECT and start in region_at and (after := past_address(start, ks, region_at)) != start:
            aliases.append(unquote(text[start:ke]))     # 天津市和平区…社区|乐昌里小区: an address, then the name
            attrs["address"] = start
            start = after
        if label == PROJECT and text[ks - 1:ks] in CLOSE_QUOTES \
                and len((QUOTED_KIND.match(text, ks) or m).group()) > len(kind):
            continue          # “531”项目储备: a program's kind phrase that opens with a project kind word
        if label == PROGRAM and (c := INNER_COUNT.search(text, start, ks)) and ks - c.end() >= 4 \
                and not any(ch in OPEN_QUOTES for ch in text[start:ks]):
            start = c.end()       # 发挥济青烟3个|新业态…消费试点作用: the count ends what introduces the name
        if label == PROGRAM and (q := quote_opening(text, start, ke)) >= 0:
            start = q + 1         # “全国促进…试点”: the quoted whole is the name, its lead words too
        if "五" in text[start:ks] and (period := FIVE_YEAR_PLAN.search(text, start, ks)) is not None:
            start = period.end()  # 谋划“十五五”|重大项目: the plan's period dates the things, it names none
            if ks - start < 1 or text[start - 1] in OPEN_QUOTES:
                continue
        inner_quote = start > 0 and text[start - 1] in OPEN_QUOTES and text[ke:ke + 1] in CLOSE_QUOTES
        if inner_quote:
            core = text[start:ks]
            if label == PROGRAM and (len(core) < 2 or SLOGAN.search(core + kind)) \
                    and (listed := counted_list(text, start - 1, core + kind)) >= 0:
                aliases.append(core + kind)     # A、B、C、D、E“五大行动”: the list is the package's name
                start = listed
            elif label == PROGRAM and SLOGAN.search(core + kind) and verb_before(text, start - 1):
                attrs["quoted"] = attrs["coded"] = True      # 推进“一号工程”: the quoted code is the name
            elif len(core) < 2 or SLOGAN.search(core + kind):
                # “一号工程”, “五大体系”: the name is what the quote qualifies.
                outer = left_extent(text, start - 1, max_len=24, min_core=1, bounds=bounds,
                                    verbs_lead=label != PROGRAM)
                if outer >= 0 and outer < start - 1:
                    aliases.append(unquote(text[outer:start - 1]))
                    start = outer
                elif len(core) < 2 or COUNTED_PACKAGE.fullmatch(core):
                    continue      # 聚焦“七大行动”: a bare count that no verb carries out names nothing
            else:
                attrs["quoted"] = True
        raw = text[start:ke + (1 if inner_quote else 0)]
        if label == PROGRAM and not inner_quote and (q := quote_inside(raw)) > 0 \
                and not (kind == "工程" and infrastructure_regex().search(raw)) \
                and not strategy_regex().search(raw, 0, q):     # 以旧换新“五进”活动: a program's own campaign
            aliases.append(unquote(raw))       # 区领导“招引落服”机制: the coined name starts at its quote
            start, raw = start + q, raw[q:]
        has_quote = "“" in raw       # (most names hold none: no quote, no quoted group)
        groups = QUOTED.findall(raw) if has_quote else []
        lead_quotes = LEAD_QUOTES.match(raw) if has_quote else None
        between = raw[lead_quotes.end():len(raw) - len(kind)] if lead_quotes else ""
        if len(groups) >= 2 and lead_quotes and between and not MEMBER_COUNT.fullmatch(between) \
                and all(SLOGAN.search(g) for g in groups):
            # “T+1”“1+T”双向流通体系: codes, not names, that qualify one system
            name = "、".join(groups) + raw[lead_quotes.end():]
            out.append(Mention(start, ke, label, name, f"{label}_kind_word", (), dict(attrs)))
            continue
        if len(groups) >= 2 and lead_quotes:
            for g in groups:       # “甲”“乙”3个专项行动: each quoted name is one
                gs = text.index("“" + g + "”", start) + 1
                if not SLOGAN.search(g):
                    out.append(Mention(gs, gs + len(g), label, g, f"{label}_quoted_list", (), dict(attrs)))
            continue
        name = unquote(raw)
        core = name[: -len(kind)] if name.endswith(kind) else name
        if label == PROJECT and (kind == "城" and core.endswith("之")
                                 or kind == "项目" and kinds.get(kind_end_of(core)) == PROGRAM):
            continue          # “百馆之城”: a title; 体制改革项目: the projects of a program, not one
        if kind == "一期" and ends_with_kind(core):
            continue          # 花木冷链物流中心|一期: the first phase is the named thing itself
        if kind.endswith("试验区") and core.endswith(("自贸", "自由贸易")):
            continue          # 辽宁自贸试验区 is a zone (a region), not a pilot program
        quoted = inner_quote or bool(QUOTE_IN.search(raw))     # ‘…’ inside quoted speech
        if label == PROJECT and not quoted and raw == name and text[start - 1:start] in ("、", "等"):
            members = _list_members(text, start, ke, kind, named_starts, bounds, whole)
            if members:       # 杨家坪、万象城、动物园商圈; 大唐郓城、华能四期等煤电项目
                out += members
                continue
        if attrs.get("coded"):
            pass
        elif len(core) < 2 or not cjk_or_alnum(core[0]) or core[-1] in "个家项" \
                or (core[-1] in lasts and core.endswith(generic) and not quoted
                    and generic_core(core, kind, generic, kind in WEAK_PROJECT_KINDS)
                    and not (label == PROJECT and ((owned := owned_trade(start, core, generic, whole_end)) >= 0
                                                   and not names_inside(official_starts, owned, ks)
                                                   or "（" in core and names_inside(named_starts, start, ks)))) \
                or stop_words.fullmatch(core) \
                or core in leads:
            continue
        if label == PROJECT and COUNT_AFTER.match(text, ke):
            continue          # “5G+”智能工厂1个: counted, quoted or not
        inside = names_inside(named_starts, start, ks)       # a place or an owner opens or is in the name
        if attrs.pop("loose", False) and not (inside or distinctive_or_landmark(core, kind)):
            continue          # …only a proper name: 机场建设 alone says nothing
        if not quoted:
            if label == PROGRAM and kind in WEAK_PROGRAM_KINDS and not coined_system(text, start, core, kind):
                continue
            if label == PROGRAM and kind.endswith("行动") and text[start - 1:start] == "、" and len(core) <= 4 \
                    and not distinctive(core):
                continue      # 开展征迁攻坚、治理攻坚行动: short items of a list of kinds of work
            if label == PROGRAM and kind == "大通道" and not (inside or distinctive(core) or MACRO_AREA.match(core)):
                continue      # 物流大通道, 出海大通道: a route of a trade (东北海陆大通道 is a strategy)
            if label == PROGRAM and kind == "基金" and not distinctive(core):
                continue      # 人才创业基金: a fund named by its purpose only (科学城产业发展基金 has a place)
            if label == PROJECT and kind in WEAK_PROJECT_KINDS and (len(core) < 3 or core in kinds) \
                    and not ((kind in PHASES or kind in TWO_CHARACTER_KINDS) and len(core) == 2 and core not in kinds
                             and distinctive(core)):
                continue          # 产业园二期, 园区项目: a kind word is no name (理文二期, 中欧班列 are)
            if label == PROJECT and kind in PROPER_KINDS and not (inside or distinctive(core)):
                continue      # 关停淘汰落后燃煤电厂, 乡村旅游示范区, 城区主干道延伸线: kinds of things, no name
            if label == PROJECT and kind.endswith("通道") and not inside and not (len(core) <= 3 and distinctive(core)):
                continue      # 国际贸易通道, 人才引进绿色通道: a route or a procedure of a trade (深中通道 is named)
            if kind == "应用" and word_classes().get(core[-2:]) in ("v", "vn"):
                continue      # 科技成果转化|应用, 推广|应用: 应用 is the verb's object, not an application
            if label == PROJECT and names_a_category(text, name, start, ks, ke, inside):
                continue      # 国家级旅游度假区, 四大…基地, 康养景区12个: a category, not a name
            if label == PROJECT and not inside \
                    and (len(name) <= (SHORT_NAME if kind in WEAK_PROJECT_KINDS else SHORT_PLACE_NAME)
                         or AND.search(core)) \
                    and not distinctive_or_landmark(core, kind) and not INVESTED.search(text, max(0, start - 20), start) \
                    and not (kind in SHOPPING_KINDS and OPENS.match(text, ke)):     # 光环花园城即将开业: one place opens
                if kind in LINE_KINDS and not AND.search(core):
                    held.append(Mention(start, ke, label, name, f"{label}_list_neighbour", (), attrs=attrs))
                continue      # 交流合作平台, 低空装备制造和低空物流枢纽: a description, not a name
            if label == PROJECT and len(core) <= 2 and kind.endswith(PARKS) and not distinctive(core) \
                    and not inside and not place_in_clause(text, start, places):
                continue      # 规划建设物流产业园: a trade and a kind word, no place of its own (村建成葡萄产业园 has one)
        if kind == "示范区" and (DESIGNATION.match(core) or not quoted and not (
                names_inside(named_starts, start, ks) or distinctive(core[:3]) or distinctive(core[:2]))):
            continue          # 创建国家全域旅游示范区, 建设公园城市示范区: a designation won, sought or striven
                              # for; a zone is named after its place (黄瓜山…示范区, 津冀…示范区)
        if kind == "示范区" and PILOT_WORDS.search(core):
            label = PROGRAM       # 津冀协同发展示范区: a pilot of cooperation or reform (黄瓜山乡村振兴示范区 is a place)
        if label == PROJECT and text.startswith("成立", ke) and kind.endswith("中心"):
            label = ORGANIZATION
        if label == PROJECT and kind == "项目" and has_quote and raw == f"“{core}”项目" and COUNTED_CODE.match(core):
            label, name = PROGRAM, core     # 推进“三个一批”项目: a coded way of handling projects, no project
            aliases.append(core + kind)
        if label == PROJECT and kind == "一件事" and verb_before(text, start - (text[start - 1:start] in OPEN_QUOTES)):
            label = PROGRAM       # 推行“高效办成一件事”: a reform carried out (上线“出生一件事”: an application)
        if label == PROJECT and kind == "项目" and quoted and text.endswith(("实施", "启动", "开展", "推行"), 0, start) \
                and (q := QUOTED.search(raw)) and "建设" not in raw[q.end():]:
            label = PROGRAM       # 实施“人工智能+科学研究”重大研究项目: a coined scheme carried out (not …建设项目)
            aliases.append(q.group(1))
        if label == PROGRAM and no_program(text, name, ke):
            continue          # 以实际行动, 完成全年计划, 相关项目计划投资: no initiative named
        if kind == "工程" and core.endswith("主体"):
            continue          # 完成双堠水库主体工程: the main works of the named thing (双堠水库)
        if label == PROGRAM and kind == "工程" and (infrastructure_regex().search(core)
                                                   or ROUTE_NAME.search(core) or WATER_TRANSFER.search(core)):
            label = PROJECT       # 小清河航道连通工程, …康定至新都桥段改建工程 are built, 千万工程 is a campaign
        if label == PROGRAM and (lead := _lead_before(text, start)):
            aliases.append(lead + name)     # 深入|贯彻…学习教育: the adverb may belong to the name itself
        if len(groups) == 1 and groups[0] != name and not SLOGAN.search(groups[0]):
            aliases.append(groups[0])
        if label == PROJECT and name.endswith("项目") and len(name) > 4:
            aliases.append(name[:-2])
        members = coordinated_lines(name, kind) if label == PROJECT and raw == name else None
        if members:           # 渝自和渝毕城际, 甲和乙研学基地: two names sharing their kind words
            for a, b, member in members:
                out.append(Mention(start + a, start + b, label, member, f"{label}_coordinated", (), dict(attrs)))
            continue
        found = Mention(start, ke, label, name, f"{label}_kind_word",
                        tuple(a for a in dict.fromkeys(aliases) if a != name) if aliases else (), attrs=attrs)
        if label == PROJECT and start in region_at and (places := place_list_members(text, found, region_at)):
            out += places     # 济南、青岛、枣庄算力枢纽: one facility in each place
            continue
        if label == PROJECT and text[start - 1:start] in ("、", "与", "和"):     # (what either may widen over)
            found = widen_link(text, widen_route(text, found), bounds)
        out.append(found)
    out += find_routes(text, bounds)
    # A line of common words listed beside named ones is named all the same: 铁路二环线、沿江铁路、渝自城际.
    ends = {m.end for m in out if m.label == PROJECT}        # where the project before a 、 ends
    starts = {m.start - 1 for m in out if m.label == PROJECT}  # the 、 before a project
    out += [m for m in held if text[m.start - 1:m.start] == "、" and m.start - 1 in ends
            or text[m.end:m.end + 1] == "、" and m.end in starts]
    out += list_neighbours(text, [*named, *out], bounds, infrastructure_words())
    has_quotes = "”“" in text
    if has_quotes:      # (a quoted name right before a quoted project: none without two quotes side by side)
        out += [m for m in quoted_neighbours(text, out, {(n.start, n.end) for n in [*named, *out]})
                if not SLOGAN.search(m.name)]
    # 西部陆海新通道|江津班列: a name of another kind in the head. (Rarely asked: a scan, not an index per document.)
    out = drop_appositions(out, lambda head, s, e: not distinctive(head) and not any(
        s <= n.start < e for n in (*named, *out) if n.label != PROJECT))
    # “品牌之都”“海丝名城”“智造晋江”三大工程: a quoted member of a counted package is the package's kind
    # (a program here), whatever kind word its own name ends with (…城).
    members = {(m.start, m.end) for m in out if m.rule == "program_quoted_list"} if has_quotes else ()
    if members:
        out = [m for m in out if m.label != PROJECT or (m.start, m.end) not in members]
    # An item of a list that shares its kind word (大唐郓城、华能四期等煤电项目) is named with it.
    items = {(m.start, m.end) for m in out if m.rule == "project_list_member"}
    return [m for m in out if m.rule == "project_list_member" or (m.start, m.end) not in items]


def _list_members(text: str, start: int, end: int, kind: str, named_starts: list[int],
                  bounds: frozenset[int], whole: set[tuple[int, int]]) -> list[Mention]:
    """Projects listed before one kind word they share: each item with the kind word is a name.

    ``连片打造杨家坪、万象城、动物园商圈`` names three commercial areas; ``推进大唐郓城、
    华能四期等煤电项目`` two coal power projects (the kind phrase after 等 goes to each).
    The list is taken when one of its items is distinctive (a proper or coined
    word, a place or an owner): a list of common words is a list of kinds.
    """
    if start < 1 or text[start - 1] not in "、等" or text[end:end + 1] in ("、", "等"):
        return []          # 万象城、…: an item of the list, not the kind word the list shares
    shared = text[start:end] if text[start - 1] == "等" else kind_chain(text[start:end], kind)
    generic = tuple(generic_heads())
    if shared != kind and shared.startswith(generic) \
            and (trade := last_word_on(text, start, end - len(kind), bounds)) in infrastructure_words():
        shared = trade + kind       # 等大型清洁高效|煤电项目: the works the items are (not 等基层服务项目)
    if shared.startswith(generic) or not cjk(shared[0]) or len(shared) - len(kind) > 2 \
            or end - start <= len(kind) and kind in WEAK_PROJECT_KINDS:
        return []          # 等重大项目, 等基层服务项目: a category the items belong to, not their names' end
    last = (start, end) if text[start - 1] == "、" else None
    items: list[tuple[int, int]] = []
    e = start - 1
    while e > 0:
        s = e
        while s > 0 and cjk(text[s - 1]) and e - s < LIST_ITEM:
            s -= 1
        if e - s < 2 or e - s >= LIST_ITEM and cjk(text[s - 1:s]):
            break           # (the item only shrinks below: one character is none)
        lead = left_extent(text, e, max_len=LIST_ITEM, bounds=bounds)
        s = past_stage(text, s, e)          # 新建成|青山水库: a stage word the segmenter cut across
        s = past_stage(text, max(s, lead) if lead >= 0 else s, e)      # 建成投产|大唐郓城
        if e - s < 2:
            break
        items.insert(0, (s, e))
        if s > 0 and text[s - 1] == "、":
            e = s - 1
            continue
        break
    if len(items) + (last is not None) < 2:
        return []
    if items and items[0][0] > 0 and text[items[0][0] - 1] in OPEN_QUOTES:
        return []          # “大景区、青和力、幸福城”: a quoted motto
    if any((a, b) in whole for a, b in items):
        return []          # 上城、桐乡、越城…: places, not names of projects
    if not any(distinctive(text[a:b]) or names_inside(named_starts, a, b) for a, b in items):
        return []
    out = []
    for a, b in items:
        item = text[a:b]
        # 万象城 is named on its own; 大唐郓城 gets the trade its list shares (煤电项目).
        name = item if ends_with_kind(item) and shared == kind else item + shared
        if len(item) - len(kind_end_of(item)) >= 2:       # (吾|悦广场: a name cut to one character is none)
            out.append(Mention(a, b, PROJECT, name, "project_list_member", (item,) if name != item else ()))
    if last is not None:
        out.append(Mention(last[0], last[1], PROJECT, text[last[0]:last[1]], "project_list_member"))
    return out


def _lead_before(text: str, start: int) -> str:
    """The adverb of ``lead_strips.txt`` written right before ``start`` (深入, 全面), or ``""``;
    with the program verb after it (全面|深化|改革先行区: 全面深化改革 is a set phrase)."""
    verbs = ("深化", "推进", "实施")
    verb = next((v for v in verbs if text.startswith(v, start - 2)), "") if text.startswith(verbs, start - 2) else ""
    at = start - len(verb)
    lasts, longest = lead_lasts()
    if at >= longest and text[at - 1] not in lasts:
        return ""       # no adverb ends here: one set lookup instead of a test per adverb
    return next((w + verb for w in lead_strips() if text.startswith(w, at - len(w))), "")



def find_listed_applications(text: str, bounds: frozenset[int]) -> list[Mention]:
    """五环智控、亲农在线等10余个特色应用: the listed items are applications (projects)."""
    out = []
    for m in APPLICATION_LIST_CUE.finditer(text):
        out += listed_before(text, m.start(), "project_listed", PROJECT, bounds=bounds)
    return out
