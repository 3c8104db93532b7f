"""Recognize organizations: government departments (``区发展改革委``), known bodies, institutions.

A department is an optional region (or implicit 省/市/区/县) + a department core
from ``departments.txt`` + an ending (委, 局, 厅, 办…); a party committee's
department is its region + 委 + a department of ``party_departments.txt``
(``和平区委组织部``, ``中共自贡市委宣传部``); an office in another city is
``黄石市驻汉办``; a public agency is its region + a name + an ending of
``agency_endings.txt`` (``和平区排水管理所``). Region party committees and
governments (区委, 县政府) are not organizations: the region stands for them.
Known organizations come from ``organizations.txt``, institutions by their ending
(``organization_suffixes.txt``: …研究院, …实验室), and centres by the verb that
founds them (成立…中心). A name found by its ending starts after the verbs and
function words before it (:func:`kg.nlp.names.left_extent`): ``联动市考古研究院``
is 市考古研究院.
"""

from __future__ import annotations

import functools
import re

from kg.nlp.components.entities.kinds import kind_patterns
from kg.nlp.lexicon import alternation, first_chars, read_lines
from kg.nlp.mention import Mention
from kg.nlp.names import crosses_boundary, distinctive, generic_heads, is_kind_word, left_extent, stops, unquote, word_end
from kg.nlp.tokenizer import shared_cutter
from kg.nlp.wordclass import is_connective, is_function_word, word_classes
from kg.schema import ORGANIZATION, REGION

ORG_VERBS = ("成立", "组建", "筹办", "设立", "发起成立", "挂牌")
REGION_PREFIX = r"(?P<region>[\u4e00-\u9fff]{0,12}?(?:省|市|区|县|州|旗|镇|乡))"
# An office of a region in another city: 黄石市驻汉办, 重庆市驻京办事处.
LIAISON = re.compile(r"驻[\u4e00-\u9fff]{1,3}?(?:办事处|联络处|办)")
# A department of a ministry, written after it: 农业农村部|种植司, 商务部|外贸司.
BUREAU = re.compile(r"[\u4e00-\u9fff]{2,4}?司(?![机法令仪])")
# A count right after a name makes it a kind of thing: 建成智慧医院10家; one before it too:
# 五大博物馆, 两所大学.
COUNTED_AFTER = re.compile(r"[\d０-９]+[余多]?[家所个座]")
COUNTED_BEFORE = re.compile(r"[\d０-９一二三四五六七八九十两几多]+[大所家个]")


@functools.lru_cache(maxsize=1)
def _department_core_regex() -> re.Pattern:
    """:func:`department_regex` without its region group: a department's core and ending, for scanning.

    A lookahead of the two characters a department can open with (a core's first two, or a
    one-character core's and then 和 or an ending's first) holds at every match, and turns
    most positions away before ``re`` tries the cores one by one (0.07 -> 0.05 ms a document).
    """
    cores, endings = read_lines("departments.txt"), read_lines("department_endings.txt")
    seconds = {w[1] for w in cores if len(w) > 1} | {w[0] for w in endings} | {"和"}
    ahead = f"(?=[{first_chars(cores)}][{first_chars(seconds)}])"
    return re.compile(ahead + department_regex().pattern.split(")(?P<core>", 1)[1].join(["(?P<core>", ""]))


@functools.lru_cache(maxsize=1)
def department_regex() -> re.Pattern:
    """``(?P<region>…)?(?P<core>发展改革)(?P<ending>委)`` for whole strings or scanning."""
    cores = alternation(read_lines("departments.txt"))
    endings = alternation(read_lines("department_endings.txt"))
    region = r"(?P<region>[\u4e00-\u9fff]{0,12}?(?:省|市|区|县|州|旗|镇|乡)?)"
    # Merged departments join two cores with 和: 科技和经济信息化局, 农业农村和水利局.
    return re.compile(rf"{region}(?P<core>(?:{cores})(?:和(?:{cores}))?)(?P<ending>{endings})")


@functools.lru_cache(maxsize=1)
def party_department_regex() -> re.Pattern:
    """``(中共)?(?P<region>和平区)委(?P<core>组织部)`` for whole strings (title units)."""
    return re.compile(rf"(?:中共)?{REGION_PREFIX}委(?P<core>{alternation(read_lines('party_departments.txt'))})")


@functools.lru_cache(maxsize=1)
def agency_regex() -> re.Pattern:
    """``(?P<region>和平区)(?P<core>排水)(?P<ending>管理所)`` for whole strings (title units)."""
    return re.compile(rf"{REGION_PREFIX}(?P<core>[\u4e00-\u9fff]{{2,12}}?)"
                      rf"(?P<ending>{alternation(read_lines('agency_endings.txt'))})")


@functools.lru_cache(maxsize=1)
def _scans() -> tuple[re.Pattern, re.Pattern]:
    """A party department's ``委`` + department, and a public agency's ending, for scanning text."""
    return (re.compile(f"委(?:{alternation(read_lines('party_departments.txt'))})"),
            re.compile(alternation(read_lines("agency_endings.txt"))))


@functools.lru_cache(maxsize=1)
def known_organizations() -> re.Pattern:
    return re.compile(alternation(read_lines("organizations.txt")))


@functools.lru_cache(maxsize=1)
def events() -> re.Pattern:
    """Event words that end like institutions (招商会): ``event_words.txt``."""
    return re.compile(f"(?:{alternation(read_lines('event_words.txt'))})$")


@functools.lru_cache(maxsize=1)
def sectors() -> re.Pattern:
    """Nouns that make an institution word a modifier (博物馆|事业): ``sector_words.txt``."""
    return re.compile(alternation(read_lines("sector_words.txt")))


@functools.lru_cache(maxsize=1)
def institution_endings() -> re.Pattern:
    return re.compile(alternation(read_lines("organization_suffixes.txt")))


def find_organizations(text: str, known: list[Mention], bounds: frozenset[int]) -> list[Mention]:
    """Known organizations, departments of a region, institutions by their ending, and founded centres.

    ``known`` are the mentions found so far (a department starts at the region before it);
    ``bounds`` are the word starts of the segmenter (see :func:`kg.nlp.names.left_extent`).
    """
    out = []
    for m in known_organizations().finditer(text):
        out.append(Mention(m.start(), m.end(), ORGANIZATION, m.group(), "organization_known"))
        bureau = BUREAU.match(text, m.end())
        if bureau and not stops().search(bureau.group()):      # 农业农村部种植司: a ministry's department
            out.append(Mention(m.start(), bureau.end(), ORGANIZATION, text[m.start():bureau.end()],
                               "organization_known"))
    regions_end = {k.end: k for k in known if k.label == REGION}
    out += _regional_bodies(text, regions_end, bounds)
    for m in _department_core_regex().finditer(text):
        s = region_start(text, m.start(), regions_end)
        if s is None:
            continue          # a department needs its region: 区发展改革委, 永川区商务委
        if text[m.end():m.end() + 1] in ("门", "署") or m.group("ending") in ("联", "协") and text[m.end():m.end() + 1] == "会":
            continue          # 商务部门: a kind of department, not one; 科学技术协|会: an association's name goes on
        if text[s] in "和与及" and text[s + 1] in "省市区县" and any(o.end == s for o in out):
            s += 1            # 县住建局和|县自然资源局: a conjunction between two departments, not 和县
        out.append(Mention(s, m.end(), ORGANIZATION, text[s:m.end()], "organization_department"))
    for m in institution_endings().finditer(text):
        if events().search(text, max(0, m.end() - 4), m.end()) or sectors().match(text, m.end()):
            continue          # 招商会 is no 商会; 博物馆事业 is a sector
        if m.end() < len(text) and m.end() not in bounds and m.start() not in bounds:
            continue          # 扩大|学位: the ending straddles the segmenter's words
        if _company_after(text, m.end()):
            continue          # 中车株洲电力机车研究所|有限公司: a company's name goes on
        start = left_extent(text, m.start(), max_len=20, bounds=bounds)
        if start >= 0:
            start = _past_connectives(text, start, m.start(), bounds)
        if start > 0 and text[start - 1] in "与和及" and m.group() in FACULTY_ENDINGS:
            start = _faculty_start(text, start - 1, out)     # 合肥工业大学|汽车与交通工程学院
        name = unquote(text[start:m.end()])
        if start < 0 or len(name) - len(m.group()) < 2 or COUNTED_AFTER.match(text, m.end()) \
                or COUNTED_BEFORE.match(name) or not _core_names(text, start, m.start(), bounds) \
                or m.group() in CLINIC_ENDINGS and (LEVEL_CLINIC.fullmatch(name[: -len(m.group())])
                                                    or name.endswith("乡镇", 0, len(name) - len(m.group()))):
            continue          # 智慧医院10家, 五大博物馆, 三甲医院: kinds of institutions; 县人民医院, 乡镇卫生院
        if out and out[-1].rule == "organization_institution" and out[-1].start == start and out[-1].end < m.end() \
                and _verb_between(text, out[-1].end, m.start(), bounds):
            continue          # organization_acts: 北京大学口腔医院|合作建设|分院: the institution acts, what it builds is a kind
        if out and out[-1].rule == "organization_institution" and out[-1].start == start and out[-1].end < m.end():
            out.pop()         # 吉林大学|第一医院: the university's own hospital, one name (the university is no body here)
        out.append(Mention(start, m.end(), ORGANIZATION, name, "organization_institution"))
    regions_start = {r.start for r in regions_end.values()}
    for verb in ORG_VERBS:
        for m in re.finditer(verb, text):
            km = kind_patterns()["kind"].search(text, m.end(), m.end() + 24)
            if km and km.group() in ("中心", "创新中心", "研究中心") and not crosses_boundary(text, m.end(), km.start()):
                st = max(m.end(), left_extent(text, km.start(), max_len=24, bounds=bounds))
                if not distinctive(text[st:km.start()]) and st not in regions_start \
                        and not (text[st] in "省市区县州" and st + 1 in bounds):
                    continue      # 设立研发中心, 设立区域配送中心: a kind of centre a company sets up
                out.append(Mention(st, km.end(), ORGANIZATION, unquote(text[st:km.end()]),
                                   "organization_founded"))
    return out


# A zone named by its kind alone before its department (新区经济发展局, 高新区科技局).
ZONE_BEFORE = re.compile(r"(?:高新|经开|开发|新|园)区$")


# A hospital named by a level and a kind only (县人民医院, 州中医医院, 乡镇卫生院, 市第一人民医院): each county
# has one, and without its region the name says which of them it is no more than 县医院 does.
# So are a court, a library or a broadcaster (县人民法院, 市中级人民法院, 区文化馆).
CLINIC_ENDINGS = frozenset(("医院", "卫生院", "分院", "法院", "人民法院", "检察院", "人民检察院", "图书馆", "文化馆",
                            "科技馆", "美术馆", "纪念馆", "档案馆", "博物馆", "电视台", "广播电视台"))
LEVEL_CLINIC = re.compile(r"(?:[省市区县州旗乡镇村]|乡镇|社区|街道|全[省市区县])+(?:第[一二三四五六七八九十]+)?(?:高级|中级)?"
                          r"(?:人民|中医|中西医结合|妇幼保健|中心|儿童|肿瘤|精神|传染病|骨科|口腔)?")
# A university's faculty whose field joins two words (汽车与交通工程学院): the name starts at the university.
FACULTY_ENDINGS = frozenset(("学院", "研究院", "研究所", "研究中心", "实验室"))


def _verb_between(text: str, a: int, b: int, bounds: frozenset[int]) -> bool:
    """Do only verbs and adverbs stand between ``a`` and ``b``, one of them a verb that ends names (建设, 共建,
    设立: ``name_stops.txt``), right after an institution's name (…医院|合作|建设|分院, …学院|共同|建设|研究中心)?
    Then the institution acts and what it builds is a kind (not 继续|教育|学院, 技术|转移|中心)."""
    k, stop_verb = a, False
    classes = word_classes()
    while k < b:
        if k not in bounds:
            return False
        stop = word_end(bounds, k, b)
        word = text[k:stop]
        if classes.get(word) not in ("v", "vn", "d"):
            return False
        stop_verb = stop_verb or stop - k >= 2 and stops().fullmatch(word) is not None
        k = stop
    return stop_verb


def _company_after(text: str, end: int) -> bool:
    """Does a company's legal form follow right at ``end`` (…研究所|有限公司, …研究院|股份有限公司)?"""
    return text.startswith(("有限公司", "有限责任公司", "股份有限公司", "集团有限公司", "集团股份有限公司"), end)


def _faculty_start(text: str, conj: int, found: list[Mention]) -> int:
    """Where a faculty's name starts when its field opens with a conjunction at ``conj``
    (…大学汽车|与|交通工程学院): at the university found just before, whose name the field follows
    without punctuation, at most ten characters on (中国科学院|长春光学精密机械|与|物理研究所), a field that
    holds no verb or function word and ends in no person (…大学专家|与…); else after the conjunction."""
    for o in found:
        if o.label == ORGANIZATION and o.name.endswith(("大学", "学院", "科学院")) and 0 < conj - o.end <= 10 \
                and not crosses_boundary(text, o.end, conj) \
                and _field_words(text[o.end:conj]):
            return o.start
    return conj + 1


# The last characters of people written after an institution (专家, 教授, 院士, 团队, 学生): no field of study.
PEOPLE_ENDS = frozenset("家授士队生员长")


def _field_words(field: str) -> bool:
    """Is ``field`` a field of study only: nouns, no verb or function word, no stop word, no person at its end?"""
    if field[-1] in PEOPLE_ENDS or stops().search(field):
        return False
    return not any(is_function_word(w) for w in shared_cutter()(field))


def region_start(text: str, at: int, regions_end: dict[int, Mention]) -> int | None:
    """Start of the region written right before ``at`` (a mention, or 省/市/区/县 alone), with a
    ``中共`` before it; ``None`` when no region is written there."""
    if at in regions_end:
        s = regions_end[at].start
        while s in regions_end:
            s = regions_end[s].start        # 沈阳市|沈北新区|科技局: the whole chain of regions
    elif text.startswith("自治区", at - 3):
        s = at - 3
    elif at > 1 and text[at - 1] == "区" and (z := ZONE_BEFORE.search(text, max(0, at - 4), at)) is not None:
        s = z.start()       # 新区|商务和经济合作局: a zone's department, named by the zone's kind
    elif at > 0 and text[at - 1] in "省市区县州旗":
        s = at - 1
    else:
        return None
    return s - 2 if text.startswith("中共", s - 2) else s


def _regional_bodies(text: str, regions_end: dict[int, Mention], bounds: frozenset[int]) -> list[Mention]:
    """Party departments (和平区委组织部), offices in other cities (黄石市驻汉办) and public
    agencies (和平区排水管理所), each written after its region."""
    party, agency = _scans()
    out = []
    for m in (*party.finditer(text), *LIAISON.finditer(text)):
        s = region_start(text, m.start(), regions_end)
        if s is not None:
            rule = "organization_party_department" if m.group().startswith("委") else "organization_liaison_office"
            out.append(Mention(s, m.end(), ORGANIZATION, text[s:m.end()], rule))
    regions_start = {r.start: r for r in regions_end.values()}
    for m in agency.finditer(text):
        start = left_extent(text, m.start(), max_len=16, bounds=bounds)
        if start < 0:
            continue
        # The name starts with its region: 和平区排水管理所, or 区 alone (区房产和物业管理服务中心).
        s = next((k for k in range(start, m.start() - 2) if k in regions_start), None)
        core = regions_start[s].end if s is not None else start + 1
        if s is None and text[start] in "省市区县":
            s = start
        if s is not None and m.start() - core >= 2 and not stops().search(text, core, m.start()):
            out.append(Mention(s, m.end(), ORGANIZATION, text[s:m.end()], "organization_agency"))
    return out


def _words(text: str, start: int, end: int, bounds: frozenset[int]) -> list[str]:
    """jieba's words of ``text[start:end]`` (cut at ``end`` too)."""
    out, k = [], start
    while k < end:
        stop = word_end(bounds, k, end)
        out.append(text[k:stop])
        k = stop
    return out


def _past_connectives(text: str, start: int, end: int, bounds: frozenset[int]) -> int:
    """Past the last preposition, conjunction or pronoun in a candidate: ``我希望和|中国医科大学``
    (also right after an opening quote, which :func:`left_extent` leaves alone)."""
    k = start
    for word in _words(text, start, end, bounds)[:-1]:
        k += len(word)
        if k in bounds and is_connective(word) and end - k >= 2:
            start = k
    return start


def _core_names(text: str, start: int, end: int, bounds: frozenset[int]) -> bool:
    """Does the core before an institution's ending name one? Not a generic modifier (三甲|医院),
    a verb alone (走出|实验室), or a description opening with a kind word (产业园嵌入式|幼儿园)."""
    core = unquote(text[start:end])
    if core in generic_heads() or is_function_word(core):
        return False
    words = _words(text, start, end, bounds)
    if words and word_classes().get(words[-1]) == "r" or all(word_classes().get(w) in REFERRING for w in words):
        return False      # 到该|研究院, 有关|协会: a pronoun or verbs only refer to a body, they name none
    return not (len(words) > 1 and is_kind_word(words[0]))


# The classes of words that, alone before an ending, refer to an institution (该, 有关, 到) and name none.
REFERRING = frozenset(("r", "v", "vn", "p", "d", "u", "c"))
