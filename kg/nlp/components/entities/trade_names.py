"""Companies named by their trade name alone, where the language shows they are companies.

- a later stretch of a registered name found earlier (:func:`find_trade_names`);
- a 、-list whose items end with industry words (:func:`trade_name_lists`), or a coined name
  listed right after a brand or listed company (:func:`known_company_mates`);
- the owner a project's name opens with: before a place (方大|重庆|航空城), named elsewhere
  in the text, a proper noun and a phase only (华能|四期), a name jieba knows opening a project
  that is signed or lands (惠普|AI智创中心项目落地) (:func:`with_project_owners`);
- before a company post (X有关负责人), a company's own action (X石化转型升级) or a maker's
  milestone (X智能无人车实现批量交付); an estate (X咖啡庄园), a quoted shop (“X”餐饮店) and a
  quoted 中华老字号 (:func:`trade_names_in_context`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from kg.nlp.components.entities.enterprises import (
    known_short_name, PLACE_IN_BRACKETS_ANY, trade_ending, trade_endings, trade_named, enterprise_patterns,
)
from kg.nlp.components.entities.short_forms import after_short_form, short_names_of_registered
from kg.nlp.gazetteer import gazetteer
from kg.nlp.lexicon import alternation, read_lines
from kg.nlp.mention import Mention
from kg.nlp.names import (
    BOUNDARY, cjk, distinctive, generic_heads, is_kind_word, left_extent, occurrences, stops, word_end,
)
from kg.nlp.tokenizer import shared_cutter
from kg.nlp.wordclass import is_function_word, word_classes
from kg.schema import ENTERPRISE, ORGANIZATION, PROJECT, REGION


def trade_name_lists(text: str, bounds: frozenset[int]) -> list[Mention]:
    """A 、-list of companies by trade name, without a cue: 鲁南物流、华盛实业外贸额增长….

    Two or more items end with an industry word (``trade_name_endings.txt``), one of them
    after a proper or coined core, and every item is named so or is coined itself; the
    last item ends at its industry word. Lists of industries (生物医药、现代物流、电子信息)
    hold common words only.
    """
    out: list[Mention] = []
    for m in _trade_tail().finditer(text):
        end = m.end(1)
        if end not in bounds or m.start(1) not in bounds:
            continue
        items = [Mention(m.start(1), end, ENTERPRISE, m.group(1), "enterprise_trade_list")]
        sep = m.start()
        while sep > 0:          # back over the list: whole items between 、, the first one cut by the grammar
            prev = text.rfind("、", max(0, sep - 11), sep)
            st = prev + 1 if prev >= 0 and not any(c in BOUNDARY for c in text[prev + 1:sep]) \
                else left_extent(text, sep, max_len=10, bounds=bounds)
            if st < 0 or sep - st < 2 or not cjk(text[st]):
                break
            items.append(Mention(st, sep, ENTERPRISE, text[st:sep], "enterprise_trade_list"))
            if st != prev + 1:
                break
            sep = prev
        ending = [e for e in items if trade_ending(e.name)]
        common = sum(_common_word(_core(e.name)) for e in items)      # 生物|医药, 现代|物流: industries
        if INDUSTRIES_AFTER.match(text, end) or all(gazetteer().candidates(_core(e.name)) for e in ending):
            continue                 # 兰山|物流、罗庄|化工等产业板块: a place's industries
        if len(ending) >= 2 and any(trade_named(e.name) for e in ending) and 2 * common < len(items) \
                and all(trade_ending(e.name) or distinctive(e.name) and not is_kind_word(e.name) for e in items):
            for e in items:
                e.attrs["hosted"] = True         # the region's companies, reported by their figures
            out += items
    return out


def _core(name: str) -> str:
    """``name`` without its longest industry word (及时达|物流), or whole."""
    cut = max((len(w) for w in trade_endings() if name.endswith(w) and len(name) - len(w) >= 2), default=0)
    return name[: len(name) - cut]


def _common_word(word: str) -> bool:
    """A word of the dictionary that is no proper noun (生物, 现代, 小传): common vocabulary."""
    return list(shared_cutter()(word)) == [word] and word_classes().get(word) not in PROPER


PROPER = ("ns", "nr", "nz", "nt", "nrt", "nrfg", "j")


# What a list of industries ends with (…等产业板块, …产业集群).
INDUSTRIES_AFTER = re.compile(r"(?:等[^，。；、]{0,4}?)?(?:产业|板块|行业|集群|领域|业态)")


@functools.lru_cache(maxsize=1)
def _trade_tail() -> re.Pattern:
    """The last item of a 、-list, ending with an industry word (、小传实业|外贸额)."""
    return re.compile(f"、([\u4e00-\u9fff]{{2,6}}?(?:{alternation(trade_endings())}))(?!、)")


def find_trade_names(text: str, found: list[Mention]) -> list[Mention]:
    """Later mentions of a company by its trade name: 四川锐芯微电子科技有限公司 … 锐芯微电子投资….

    The trade name is what follows the region prefix (and a place in brackets).
    A later stretch that starts with its first two characters and goes on with
    characters of the name, in order (瑞能重装 of 德阳瑞能重型装备…), three or more in
    all, names the company where it ends a word (a verb or punctuation follows) or
    opens a project's name (醇窖酒业数字化勾调中心). Not inside another name, and
    not when two companies of the text share the two characters. The stretch is
    no alias of the company: across documents it may name another.
    """
    regions = {m.start: m for m in found if m.label == REGION and m.region is not None}
    short_names_of_registered(found, regions)
    names = [m for m in found if m.label in (ENTERPRISE, ORGANIZATION)]
    project_starts = {m.start for m in found if m.label == PROJECT}
    cores: list[tuple[Mention, str]] = []
    for m in found:
        if m.label != ENTERPRISE or m.rule != "enterprise_suffix":
            continue
        core, pos = m.name, m.start
        while (r := regions.get(pos)) is not None and r.end < m.end:     # 四川|泸州|醇窖酒业…
            core, pos = core[r.end - pos:], r.end
        suffix = enterprise_patterns()["company_end"].search(core)
        core = PLACE_IN_BRACKETS_ANY.sub("", core[: suffix.start()] if suffix else core)
        if len(core) >= 3 and cjk(core[0]) and cjk(core[1]):
            cores.append((m, core))
    heads = Counter(core[:2] for core in {m.name: core for m, core in cores}.values())   # per company
    out: list[Mention] = []
    for m, core in cores:
        if heads[core[:2]] > 1:
            continue                      # 重庆新视通汽车… and 万州新视通食品…: whose is 新视通?
        declared_end = after_short_form(text, m.end)
        for k in occurrences(text, core[:2]):
            if m.start <= k < declared_end:
                continue          # the name itself, or its short form declared in brackets
            end, rest = k + 2, iter(core[2:])
            while end < len(text) and cjk(text[end]) and text[end] in rest:
                end += 1
            if end - k < 3 or any(n.start <= k < n.end for n in names):
                continue
            if k in project_starts or not cjk(text[end:end + 1]) or stops().match(text, end):
                # Not an alias: another text's 新视通 may be another company.
                out.append(Mention(k, end, ENTERPRISE, m.name, "enterprise_trade_name",
                                   attrs={"not_alias": True}))
    return out


# A phase (四期) after a company's word: 华能四期煤电项目.
PHASE = re.compile(r"[一二三四五六七八九十\d]+期")


def _county_at(text: str, k: int) -> bool:
    """Does a county's (or larger unit's) short form start at ``k`` (大唐|郓城…)?"""
    return any(gazetteer().candidates(text[k:k + n]) for n in (2, 3))
# jieba's classes of proper nouns that are not places or persons: organizations, other proper nouns, abbreviations.
COMPANY_TAGS = ("nt", "nz", "j")
# Posts that only a company has (a 负责人 heads a department too): a coined name before one is a company.
OWN_POSTS = ("董事长", "首席执行官", "总裁", "创始人")
# Company posts after a company's name (美国爱琅医疗有关负责人): the name before them is a company's.
COMPANY_POST = re.compile("|".join(("负责人", "总经理", *OWN_POSTS)))
POST_SCOPE = re.compile(r"(?:全球|中国区|大中华区|亚太区)$")
# What only a company does (推进X石化转型升级, 支持X科技上市): the trade name before it is a company's.
COMPANY_ACTION = re.compile(r"(?:转型升级|上市|扩产|扩能|增资扩股|兼并重组|技改扩能)")
# A maker's milestone (X智能无人车实现批量交付): the trade name opening the clause is a company's.
MILESTONE = re.compile(r"(?:实现批量交付|批量交付|实现量产|量产下线|首台[^，。；]{0,4}下线|正式投产)")
# A farm estate or winery run as a business (X咖啡庄园, X酒庄): its coined name before the kind.
# (Each alternative opens with its own character, tried in the order of ``(?:咖啡|茶|葡萄酒|酒)?(?:庄园|酒庄)``:
# ``re`` then skips in C to where one of them starts, instead of trying the optional group everywhere.)
ESTATE = re.compile("|".join((*(f"{crop}(?:庄园|酒庄)" for crop in ("咖啡", "茶", "葡萄酒", "酒")), "庄园", "酒庄")))
# “宴天下”餐饮店: a shop by its quoted name; the name alone is an alias.
QUOTED_SHOP = re.compile(r"“([\u4e00-\u9fff]{2,6})”(餐饮店|饭店|餐馆|餐厅|商店|超市|门店|专卖店|体验店|茶馆|工作室)")
# “邓家刀”获评“中华老字号”: the honour goes to a company's brand.
TIME_HONOURED = re.compile(r"“([\u4e00-\u9fff]{2,8})”(?:获评|荣获|获得|入选|被认定为|被评为)“?中华老字号")


def known_company_mates(text: str, found: list[Mention], bounds: frozenset[int]) -> list[Mention]:
    """The coined names listed right after a known company (大洋电机、X建成投产; 华为、X等): companies too.

    Only a brand or a listed company's short name vouches for its list; a mate is coined
    (:func:`kg.nlp.names.distinctive`), two to six characters, no place, no kind word, and ends
    where a verb or function word starts.
    """
    out: list[Mention] = []
    known = [m for m in found if m.label == ENTERPRISE and m.rule in KNOWN_RULES and text[m.end:m.end + 1] == "、"]
    taken = {(m.start, m.end) for m in found if m.label != ENTERPRISE}
    countries = {r.start: r.end for r in found if r.label == REGION and r.region is not None
                 and r.region.level == "country"}
    for m in known:
        st = k = countries.get(m.end + 1, m.end + 1)       # 博世、日本|电装: the country is no part of it
        sep = LIST_END.search(text, st, st + 7)
        if sep and 2 <= sep.start() - st and all(cjk(c) for c in text[st:sep.start()]):
            k = sep.start()            # 博世、电装等: the item runs to the list's next mark
        while k < len(text) and k - st < 6 and cjk(text[k]):
            w = text[k:word_end(bounds, k, min(len(text), k + 6))]
            if is_function_word(w) or _stage().match(w) or k > st and NUMBER_LEAD.match(w):
                break           # 蒙牛|两大乳企: a count of the list ends its last item
            k += len(w)
        name = text[st:k]
        nxt = text[k:word_end(bounds, k, min(len(text), k + 6))]
        if 2 <= len(name) <= 6 and k in bounds and (not nxt or not cjk(nxt[0]) or is_function_word(nxt)
                                                    or _stage().match(nxt)) and distinctive(name) \
                and not is_kind_word(name) and not gazetteer().candidates(name) and (st, k) not in taken:
            mate = Mention(st, k, ENTERPRISE, name, "enterprise_list_mate")
            if _stage().match(nxt):          # 大洋电机、川渝时代建成投产: their plants run there
                m.attrs["hosted"] = mate.attrs["hosted"] = True
            out.append(mate)
    return out


@functools.lru_cache(maxsize=1)
def _stage() -> re.Pattern:
    """A project's stage word (建成, 投产, 签约…, ``project_stages.txt``): what a company in a list does next."""
    return re.compile(alternation(read_lines("project_stages.txt")))


LIST_END = re.compile(r"[、，。；]|等")
NUMBER_LEAD = re.compile(r"[\d一二三四五六七八九十两几]")


# Rules whose companies are known without the text's word: brands and listed companies.
KNOWN_RULES = ("enterprise_brand", "enterprise_listed_company")


def trade_names_in_context(text: str, found: list[Mention], bounds: frozenset[int]) -> list[Mention]:
    """A trade name that a company post follows (爱琅医疗有关负责人, after its country or region) or
    a company's own action (X石化转型升级), an estate run as a business (X咖啡庄园), a shop by its
    quoted name (“宴天下”餐饮店), and a quoted name honoured as 中华老字号."""
    region_end = {m.start: m.end for m in found if m.label == REGION}
    out: list[Mention] = []
    for m in COMPANY_POST.finditer(text):
        end = m.start() - 2 if text.startswith("有关", m.start() - 2) else m.start()      # X有关负责人
        if (scope := POST_SCOPE.search(text, max(0, end - 4), end)) is not None:
            end = scope.start()          # 阿斯利康|全球首席执行官: the company's scope is no part of its name
        st = left_extent(text, end, max_len=12, bounds=bounds)
        if st < 0:
            continue
        if region_end.get(st, end) <= end - 4:
            st = region_end[st]          # 美国|爱琅医疗: the country is no part of the trade name
        name = text[st:end]
        if all(cjk(c) for c in name) and not enterprise_patterns()["company_end"].search(name) and (
                trade_named(name) or m.group() in OWN_POSTS and 2 <= len(name) <= 6 and distinctive(name)
                and not is_kind_word(name) and not gazetteer().candidates(name) and st not in region_end):
            out.append(Mention(st, end, ENTERPRISE, name, "enterprise_post"))
    for m in COMPANY_ACTION.finditer(text):
        if not text.endswith(trade_endings(), 0, m.start()):
            continue       # (one test in C: trade_named needs the name, which ends here, to end so)
        st = left_extent(text, m.start(), max_len=8, bounds=bounds)
        name = text[st:m.start()] if st >= 0 else ""
        if st in bounds and all(cjk(c) for c in name) and trade_named(name) \
                and not gazetteer().candidates(_core(name)):          # 罗庄|化工转型升级: a place's industry
            out.append(Mention(st, m.start(), ENTERPRISE, name, "enterprise_action",
                               attrs={"hosted": True}))      # the region supports what it does
    for m in MILESTONE.finditer(text):
        st = max(text.rfind(c, max(0, m.start() - 16), m.start()) for c in "，。；：\n") + 1
        for k in range(st + 4, min(st + 8, m.start()) + 1):      # 九识智能|无人车实现批量交付
            if k in bounds and st in bounds and trade_named(text[st:k]) and not gazetteer().candidates(_core(text[st:k])):
                out.append(Mention(st, k, ENTERPRISE, text[st:k], "enterprise_action", attrs={"hosted": True}))
                break
    for m in ESTATE.finditer(text):
        end = m.end()
        if end < len(text) and cjk(text[end]) and not stops().match(text, end):
            continue                 # 爱伲庄园|咖啡工厂: the estate's name goes on
        st = left_extent(text, m.start(), max_len=24, bounds=bounds)
        while st >= 0 and region_end.get(st, m.start()) < m.start():
            st = region_end[st]      # 宁洱哈尼族彝族自治县|淳乐咖啡庄园: where it is
        core = text[st:m.start()] if st >= 0 else ""
        if 2 <= len(core) <= 3 and all(cjk(c) for c in core) and distinctive(core):
            out.append(Mention(st, end, ENTERPRISE, text[st:end], "enterprise_estate"))
    for m in QUOTED_SHOP.finditer(text):
        out.append(Mention(m.start(), m.end(), ENTERPRISE, m.group(1) + m.group(2), "enterprise_shop",
                           (m.group(1),)))
    for m in TIME_HONOURED.finditer(text):
        out.append(Mention(m.start(1), m.end(1), ENTERPRISE, m.group(1), "enterprise_time_honoured"))
    return out


def with_project_owners(text: str, found: list[Mention], bounds: frozenset[int]) -> list[Mention]:
    """Add the owner a project's name opens with, where a place follows it: 方大|重庆|航空城,
    山钢|日照|基地二期, 腾讯云|（自贡）|数字经济产业基地 (then no shorter brand 腾讯 there); and the
    company the text names elsewhere, where a project's name opens with it (方大|食品产业园); and a
    name (惠普) opening a project that is signed or lands (:func:`_investor_name`).

    A company builds in a place, and names its plant owner first, place second; a place
    never comes after another place's name this way. The owner is a proper or coined word,
    no place (its words not place names, not 中|新 of 中新重庆… whose 中 is a direction).
    """
    cued = {(m.start, m.end) for m in found if m.label == ENTERPRISE and m.rule == "enterprise_listed"}
    if cued:        # 蜜雪冰城、茶百道等茶饮品牌: a list's company cue outweighs the kind word (…城) it ends with
        found = [m for m in found if not (m.label == PROJECT and (m.start, m.end) in cued)]
    places = {m.start for m in found if m.label == REGION and m.region is not None}
    owners: list[Mention] = []
    classes = word_classes()
    for p in found:
        if p.label != PROJECT:
            continue
        k = word_end(bounds, p.start, p.end)
        if k - p.start >= 2 and p.end - k >= 2 and classes.get(text[p.start:k]) in COMPANY_TAGS \
                and (PHASE.match(text, k) or _county_at(text, k)) and _owner_word(text[p.start:k]):
            owners.append(Mention(p.start, k, ENTERPRISE, text[p.start:k], "enterprise_project_owner"))
            continue         # 华能|四期煤电项目, 大唐|郓城煤电项目: a company's word before a phase or a county
        owner = None
        for k in range(p.start + 2, min(p.start + 4, p.end - 2) + 1):
            if k in bounds and (k in places or _PLACE_OR_BRANCH.match(text, k)):
                owner = k if _owner_word(text[p.start:k]) else None
                break
        if owner is None and p.start in bounds:
            owner = _listed_owner(text, p.start, p.end, bounds)     # 中天科技|海缆数字化工厂
        if owner is None and INVESTED.match(text, p.end) and (k := p.start + 2) in bounds \
                and _investor_name(text[p.start:k]) and p.end - k >= 3:     # 惠普|AI智创中心项目落地
            owner = k
        if owner is not None:
            owners.append(Mention(p.start, owner, ENTERPRISE, text[p.start:owner], "enterprise_project_owner"))
    # …and where the text names the company elsewhere: 方大|食品产业园 beside 方大重庆航空城
    named = {m.name for m in owners} | {m.name for m in found if m.label == ENTERPRISE and cjk(m.name[:1])}
    owned = {m.start for m in owners} | {m.start for m in found if m.label == ENTERPRISE}
    for p in found:
        if p.label == PROJECT and p.start not in owned:
            for k in range(p.start + 2, min(p.start + 6, p.end - 2) + 1):
                if k in bounds and text[p.start:k] in named:
                    owners.append(Mention(p.start, k, ENTERPRISE, text[p.start:k], "enterprise_project_owner"))
                    owned.add(p.start)
                    break
    bodies = {(m.start, m.end) for m in found if m.label == ORGANIZATION}
    owners = [o for o in owners if (o.start, o.end) not in bodies]     # 四川大学|宜宾园区: a university's
    # 浙江大学|绍兴研究院二期: an institution that owns the project is no company (organization_project_owner)
    owners = [Mention(o.start, o.end, ORGANIZATION, o.name, "organization_project_owner")
              if o.name.endswith(INSTITUTION_OWNERS) else o for o in owners]
    if not owners:
        return found
    longer = {m.start: m.end for m in owners}
    return [m for m in found if not (m.label == ENTERPRISE and m.end < longer.get(m.start, -1))] + owners


def _listed_owner(text: str, start: int, end: int, bounds: frozenset[int]) -> int | None:
    """enterprise_listed_owner: where a listed company's short name with its industry word (中天科技, 大洋电机)
    that opens a project's name ends, four characters or more of the project's own left; else ``None``."""
    for k in range(min(start + 6, end - 4), start + 3, -1):
        if k in bounds and known_short_name(text[start:k]) and trade_ending(text[start:k]):    # (a set first)
            nxt = text[k:word_end(bounds, k, end)]
            # (海川智能|科技…: another industry word makes a longer name, not the listed one)
            return None if nxt in trade_endings() or enterprise_patterns()["company"].match(nxt) else k
    return None


# Endings of institutions that own projects of their own (a university's campus, a hospital's branch).
INSTITUTION_OWNERS = ("大学", "学院", "科学院", "研究院", "研究所", "医院")


# A company's branch or seat after its name: 瑞幸咖啡|华中烘焙基地, 蜜雪冰城|区域总部 (a macro-region or a head office).
BRANCH_OF = re.compile(r"(?:华中|华南|华东|华北|西南|西北|东北|亚太|区域总部|第二总部|总部)")
# Either after an owner's name (one ``re`` call instead of two: only whether one matches is asked).
_PLACE_OR_BRANCH = re.compile(f"{PLACE_IN_BRACKETS_ANY.pattern}|{BRANCH_OF.pattern}")


# Right after a project's name, the stages that say someone invested in it: signed, landed, settled.
INVESTED = re.compile(r"(?:正式|成功|顺利|已)?(?:签约|落地|落户)")


def _investor_name(word: str) -> bool:
    """A two-character word jieba knows as a name (nr: 惠普, 青莲) and not a place: an investor's
    brand, when it opens the name of a project signed or landed. Not two places' short forms
    (成渝: 渝 is 重庆's), no place of the gazetteer."""
    return word_classes().get(word) in ("nr", "nrt", "nrfg") and not gazetteer().candidates(word) \
        and not any(word_classes().get(c) == "j" for c in word)


def _owner_word(name: str) -> bool:
    """Can ``name`` be a company's trade name (方大, 山钢, 腾讯云), not a place or a common word?

    Not a word jieba tags as a person's name either (成渝, two cities' short forms, is one).
    """
    if not all(cjk(c) for c in name) or gazetteer().candidates(name) or not distinctive(name):
        return False
    words = list(shared_cutter()(name))
    tags = [word_classes().get(w) for w in words]
    return not (tags[0] == "f" or any(len(w) > 1 and t == "ns" for w, t in zip(words, tags))
                or len(words) == 1 and tags[0] in ("nr", "nrt", "nrfg")
                or is_kind_word(name) or name in generic_heads())
