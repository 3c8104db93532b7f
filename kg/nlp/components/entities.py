"""Recognize enterprises, organizations, projects and programs; set ``doc.ents``.

All recognition is on characters (see :mod:`kg.nlp.names`); at the end the
tokens are split where an entity boundary falls inside a jieba token, so
``doc.ents`` carries exactly the recognized spans whatever jieba did.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections import Counter

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.components.organizations import department_regex, institution_endings, known_organizations
from kg.nlp.gazetteer import gazetteer, short_forms
from kg.nlp.lexicon import alternation, read_lines
from kg.nlp.mention import Mention, doc_text
from kg.nlp.names import (
    BOUNDARY, CLOSE_QUOTES, OPEN_QUOTES, generic_heads, inner_verbs, is_kind_word, lead_strips, left_extent,
    quote_nouns, quoted_spans, stops, unquote,
)
from kg.schema import ENTERPRISE, OFFICIAL, ORGANIZATION, PROGRAM, PROJECT, REGION

# Kinds that make a program only when the name is quoted or coined (机制, 体系…):
# unquoted they are mostly descriptions (招商引资评审机制).
WEAK_PROGRAM_KINDS = {"改革", "机制", "体制", "体系", "模式", "工作法", "战略", "活动", "大比武", "考评",
                      "对标分析", "制", "集成改革", "矩阵"}
WEAK_PROJECT_KINDS = {"项目", "二期", "三期", "四期", "五期", "城", "谷", "中心", "平台", "系统", "应用",
                      "商圈", "园区", "枢纽", "基础设施", "数谷", "度假区", "景区", "飞地", "班列", "应用场景"}
PROGRAM_VERBS = ("实施", "推进", "推行", "开展", "深化", "强化", "建立", "探索", "启动", "落实", "推广",
                 "抓实", "承接", "狠抓", "试点", "迭代实施", "大力实施", "创新实施", "率先实施", "全面推行",
                 "深入实施", "深入开展", "启动实施")
PROJECT_VERBS = ("上线", "搭建", "研发", "开发", "建成", "投用", "上架")
ORG_VERBS = ("成立", "组建", "筹办", "设立", "发起成立", "挂牌")
# A project "name" that starts with a level or a count, or is followed by a count, names
# a category of things: 打造国家级旅游度假区, 建设四大服务出口基地, 建成康养景区12个.
CATEGORY_LEAD = re.compile(r"国家级|省级|世界级|全球|[一二三四五六七八九十两]大")
COUNT_AFTER = re.compile(r"[\d０-９.]+[万千]?余?(?:个|家|处|座|所|条|项|亩|平方米|公里)")
# Between quoted members and their kind word: “甲”“乙”3个专项行动, “甲”“乙”两大工程.
MEMBER_COUNT = re.compile(r"(?:[\d]+|[一二三四五六七八九十两]+)(?:个|大|项|类|条|张)?|等|等\d+个")
SLOGAN = re.compile(r"^[一二三四五六七八九十两百千万\d]+(?:个|大|项|条|号)[\u4e00-\u9fff]{0,4}$|第一$|^[^\u4e00-\u9fff]*$")
ENTERPRISE_LIST_CUE = re.compile(r"等(?:头部|龙头|骨干|重点|链主型|优质)?(?:企业|公司|国企央企|央企|国企)")
APPLICATION_LIST_CUE = re.compile(r"等(?:\d+|[一二三四五六七八九十]+)(?:余|多)?(?:个|项|款)"
                                  r"[\u4e00-\u9fff]{0,6}?(?:应用|应用场景|平台|小程序|APP|App|app)")
QUOTED = re.compile(r"“([^”]+)”")
# Lines named by short forms share their kind words when coordinated: 渝自和渝毕城际, 渝西和成达万高铁.
LINE_KINDS = {"城际", "铁路", "高铁", "高速", "高速公路", "公路", "轨道交通", "快速路"}
COORDINATED = re.compile(r"([\u4e00-\u9fff]{2,4})[和及与]([\u4e00-\u9fff]{4,})")
LEAD_QUOTES = re.compile(r"^(?:“[^”]+”)+")
QUOTE_TAIL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9+·]{1,6}")
CLAUSE_SPLIT = re.compile(r"[，。、；：,;:\n]")
PLACE_IN_BRACKETS_ANY = re.compile(r"[（(][\u4e00-\u9fff]{2,6}[)）]")
PLACE_IN_BRACKETS = re.compile(PLACE_IN_BRACKETS_ANY.pattern + "$")   # ends where the company suffix starts
# A quoted sentence before 公司 (“…这就是高新区速度。”公司总经理) is no company name.
SENTENCE_PUNCT = re.compile(r"[。！？，；,;!?]")
# 区级强村公司, 省级平台公司: a level names a kind of company, not one.
LEVEL_LEAD = re.compile(r"(?:国家|省|市|区|县|镇|乡|村)级")
SIGNED_CUE = re.compile(r"(签约|引进|新引进|新增|落户|招引)")
AFTER_NAME = re.compile(r"主体|营收|竣工|投运|投产|完成|计划|预计|[一二三四]期|正式|顺利|成功|项目|建设|开工|运营|落地|启动|揭牌|"
                        r"纳入|获批|入选|获评|成为|基本|全面|累计|今年|上半年|年内|实现|等|已|正|将|于|内|成立|落户|和|并")


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    proj = read_lines("project_kinds.txt")
    prog = read_lines("program_kinds.txt")
    kinds = {k: PROJECT for k in proj}
    kinds.update({k: PROGRAM for k in prog})
    kinds["水利工程"] = PROJECT
    kinds["工程项目"] = PROJECT
    return {
        "kind": re.compile(alternation(kinds)),
        "kind_end": re.compile(f"(?:{alternation(kinds)})$"),
        "kinds": kinds,  # type: ignore[dict-item]
        "brand": re.compile(alternation(read_lines("brands.txt"))),
        "company": re.compile(alternation(read_lines("enterprise_suffixes.txt"))),
        "company_end": re.compile(f"(?:{alternation(read_lines('enterprise_suffixes.txt'))})$"),
        "strategy": re.compile(alternation(read_lines("strategies.txt"))),
        "initiative": _initiative_regex(),
    }


def _initiative_regex() -> re.Pattern:
    """数字重庆建设, 平安浙江: an initiative prefix + 中国 or a province-level name."""
    names = {"中国"}
    for r in gazetteer().by_code.values():
        if r.level == "province" and not r.until:
            names.update(f for f in short_forms(r.name, r.level) if len(f) >= 2)
    prefixes = alternation(read_lines("initiative_prefixes.txt"))
    return re.compile(rf"(?P<base>(?:{prefixes})(?:{alternation(names)}))(?:建设)?"
                      r"(?![\u4e00-\u9fff]{0,6}(?:公司|集团|中心|大学|学院|医院))")


class EntityRecognizer:
    """Finds the non-region, non-official entities and writes ``doc.ents``."""

    def __init__(self) -> None:
        self.p = _patterns()
        self.dept = department_regex()
        self.orgs = known_organizations()
        self.inst = institution_endings()
        self.bounds: frozenset[int] | None = None    # jieba's word starts in the current text

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        self.bounds = frozenset(doc.to_array([IDX]).tolist()) | {len(text)}
        found: list[Mention] = list(doc._.kg_mentions or [])
        found += self._strategies(text)
        found += self._organizations(text, found)
        found += self._enterprises(text, [m for m in found if m.label == REGION])
        found += self._kind_names(text)
        found += self._listed_applications(text)
        found += self._quoted(text, found)
        short, declared = _short_forms(text, found)
        if declared:     # （以下简称“小商品城”）: the bracket names no entity of its own
            found = [m for m in found if not any(a <= m.start and m.end <= b for a, b in declared)]
        found += short
        found += self._trade_names(text, found)
        found = [m for m in found if not (m.label == ORGANIZATION and text[m.end:m.end + 1] == "门")]
        mentions = _settle(found)
        doc._.kg_mentions = mentions
        set_ents(doc, [m for m in mentions if not m.attrs.get("nested")])
        return doc

    def _left(self, text: str, end: int, **kw) -> int:
        """:func:`left_extent` with this document's word boundaries (see there)."""
        return left_extent(text, end, bounds=self.bounds, **kw)

    def _strategies(self, text: str) -> list[Mention]:
        out = []
        for m in self.p["initiative"].finditer(text):
            aliases = (m.group("base"),) if m.group("base") != m.group() else ()
            out.append(Mention(m.start(), m.end(), PROGRAM, m.group(), "program_province_initiative", aliases))
        for m in self.p["strategy"].finditer(text):
            end = m.end() + 2 if text.startswith("建设", m.end()) and not m.group().endswith("建设") else m.end()
            aliases = (text[m.start():end],) if end != m.end() else ()
            out.append(Mention(m.start(), end, PROGRAM, m.group(), "program_strategy", aliases))
        return out

    # -- organizations ----------------------------------------------------
    def _organizations(self, text: str, known: list[Mention]) -> list[Mention]:
        out = []
        for m in self.orgs.finditer(text):
            out.append(Mention(m.start(), m.end(), ORGANIZATION, m.group(), "organization_known"))
        regions_end = {k.end: k for k in known if k.label == REGION}
        core_re = re.compile(self.dept.pattern.split(")(?P<core>", 1)[1].join(["(?P<core>", ""]))
        for m in core_re.finditer(text):
            s = m.start()
            if s in regions_end:
                s = regions_end[s].start
            elif text.startswith("自治区", s - 3):
                s -= 3            # 自治区商务厅: the province-level region of Guangxi, Tibet…
            elif s > 0 and text[s - 1] in "省市区县":
                s -= 1
            else:
                continue          # a department needs its region: 区发展改革委, 永川区商务委
            if text[m.end():m.end() + 1] in ("门", "署"):
                continue          # 商务部门: a kind of department, not one
            out.append(Mention(s, m.end(), ORGANIZATION, text[s:m.end()], "organization_department"))
        for m in self.inst.finditer(text):
            start = self._left(text, m.start(), max_len=20)
            name = unquote(text[start:m.end()])
            if start < 0 or len(name) - len(m.group()) < 2:
                continue
            out.append(Mention(start, m.end(), ORGANIZATION, name, "organization_institution"))
        for verb in ORG_VERBS:
            for m in re.finditer(verb, text):
                km = self.p["kind"].search(text, m.end(), m.end() + 24)
                if km and km.group() in ("中心", "创新中心", "研究中心") and not _cut(text, m.end(), km.start()):
                    st = max(m.end(), self._left(text, km.start(), max_len=24))
                    out.append(Mention(st, km.end(), ORGANIZATION, unquote(text[st:km.end()]),
                                       "organization_founded"))
        return out

    # -- enterprises ------------------------------------------------------
    def _enterprises(self, text: str, regions: list[Mention]) -> list[Mention]:
        out = []
        region_starts = sorted({r.start for r in regions})
        region_at = {r.start: r for r in regions if r.region is not None and not r.attrs.get("nested")}
        for m in self.p["brand"].finditer(text):
            out.append(Mention(m.start(), m.end(), ENTERPRISE, m.group(), "enterprise_brand"))
        for m in self.p["company"].finditer(text):
            # 信达生物制药（苏州）有限公司: the place of a branch, in brackets before the suffix.
            place = PLACE_IN_BRACKETS.search(text, max(0, m.start() - 8), m.start())
            before = place.start() if place else m.start()
            start = self._left(text, before, max_len=24)
            if start > 2 and text[start - 1] in ")）":
                # 彩虹（合肥）液晶玻璃有限公司: the place in brackets after the trade name
                inner = PLACE_IN_BRACKETS.search(text, max(0, start - 8), start)
                trade = self._left(text, inner.start(), max_len=10) if inner else -1
                if trade >= 0 and inner.start() - trade >= 2:
                    start = trade
            if start > 0:
                start = _registered_start(text, start, region_starts)
            start = _after_location(start, before, region_at)
            lead = _classifier_lead().match(text, start, before)       # 外资企业|晓星集团
            if lead and before - lead.end() >= 2:
                start = lead.end()
            name = unquote(text[start:m.end()])
            core = name[: before - m.end()]
            if start < 0 or len(core) < 2 or not _cjk(name[0]) or core in generic_heads() or LEVEL_LEAD.match(core) \
                    or SENTENCE_PUNCT.search(core) \
                    or core[-1] in "和与及的等":         # 国有资源和证券: 证券 is a thing here
                continue
            aliases = ()
            if name.startswith("国资"):
                aliases = (name[2:],)
            out.append(Mention(start, m.end(), ENTERPRISE, name, "enterprise_suffix", aliases))
        # X、Y等头部企业 / 签约X等项目 / 企业X
        for m in ENTERPRISE_LIST_CUE.finditer(text):
            out += self._listed_before(text, m.start(), "enterprise_listed")
        for m in re.finditer(r"等[^，。；、\n]{0,16}?项目", text):
            head = text[max(0, m.start() - 16):m.start()]
            if SIGNED_CUE.search(head):
                for e in self._listed_before(text, m.start(), "enterprise_signed"):
                    if not self.p["kind"].search(e.name[-4:]):
                        out.append(e)
        for m in re.finditer(r"(?:下属企业|企业)([\u4e00-\u9fff]{2,6}?)(?=共建|合作|投资|建设|打造|签约|落户)", text):
            out.append(Mention(m.start(1), m.end(1), ENTERPRISE, m.group(1), "enterprise_apposition"))
        return out

    def _trade_names(self, text: str, found: list[Mention]) -> list[Mention]:
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
        names = [m for m in found if m.label in (ENTERPRISE, ORGANIZATION)]
        project_starts = {m.start for m in found if m.label == PROJECT}
        cores: list[tuple[Mention, str]] = []
        for m in found:
            if m.label != ENTERPRISE or m.rule != "enterprise_suffix":
                continue
            core, pos = m.name, m.start
            while (r := regions.get(pos)) is not None and r.end < m.end:     # 四川|泸州|醇窖酒业…
                core, pos = core[r.end - pos:], r.end
            suffix = self.p["company_end"].search(core)
            core = PLACE_IN_BRACKETS_ANY.sub("", core[: suffix.start()] if suffix else core)
            if len(core) >= 3 and _cjk(core[0]) and _cjk(core[1]):
                cores.append((m, core))
        heads = Counter(core[:2] for core in {m.name: core for m, core in cores}.values())   # per company
        out: list[Mention] = []
        for m, core in cores:
            if heads[core[:2]] > 1:
                continue                      # 重庆新视通汽车… and 万州新视通食品…: whose is 新视通?
            declared_end = after_short_form(text, m.end)
            for hit in re.finditer(re.escape(core[:2]), text):
                k = hit.start()
                if m.start <= k < declared_end:
                    continue          # the name itself, or its short form declared in brackets
                end, rest = k + 2, iter(core[2:])
                while end < len(text) and _cjk(text[end]) and text[end] in rest:
                    end += 1
                if end - k < 3 or any(n.start <= k < n.end for n in names):
                    continue
                if k in project_starts or not _cjk(text[end:end + 1]) or stops().match(text, end):
                    # Not an alias: another text's 新视通 may be another company.
                    out.append(Mention(k, end, ENTERPRISE, m.name, "enterprise_trade_name",
                                       attrs={"not_alias": True}))
        return out

    def _listed_before(self, text: str, end: int, rule: str, label: str = ENTERPRISE) -> list[Mention]:
        """Items of a 、-list ending at ``end``."""
        # left_extent stops at 、; extend over list separators.
        items, s = [], end
        while True:
            st = self._left(text, s, max_len=12)
            if st < 0:
                break
            name = text[st:s]
            if 2 <= len(name) <= 10 and _cjk(name[0]):
                items.append(Mention(st, s, label, unquote(name), rule))
            if st > 0 and text[st - 1] == "、":
                s = st - 1
                continue
            break
        return items

    def _listed_applications(self, text: str) -> list[Mention]:
        """五环智控、亲农在线等10余个特色应用: the listed items are applications (projects)."""
        out = []
        for m in APPLICATION_LIST_CUE.finditer(text):
            out += self._listed_before(text, m.start(), "project_listed", PROJECT)
        return out

    # -- projects and programs by kind word -------------------------------
    def _kind_names(self, text: str) -> list[Mention]:
        out = []
        kinds = self.p["kinds"]
        generic = tuple(generic_heads())
        for m in self.p["kind"].finditer(text):
            kind, ks, ke = m.group(), m.start(), m.end()
            label = kinds[kind]
            attrs: dict = {"kind": kind}
            aliases: list[str] = []
            nxt = text[ke:ke + 1]
            if label == PROGRAM and kind == "试点" and nxt in ("县", "区", "市", "镇"):
                aliases.append(unquote(text[ks:ke + 1]))
            elif _cjk(nxt) and not (len(kind) > 1 and ks > 0 and text[ks - 1] in CLOSE_QUOTES) \
                    and not self._may_follow(text, ke, kind):
                continue          # the kind word is a modifier here: 中心城区, 铁路运价, 工程师, 制造
            start = self._left(text, ks, max_len=30 if label == PROGRAM else 20)
            if start < 0:
                continue
            inner_quote = start > 0 and text[start - 1] in OPEN_QUOTES and text[ke:ke + 1] in CLOSE_QUOTES
            if inner_quote:
                core = text[start:ks]
                if len(core) < 2 or SLOGAN.search(core + kind):
                    # “一号工程”, “五大体系”: the name is what the quote qualifies.
                    outer = self._left(text, start - 1, max_len=24, min_core=1)
                    if outer >= 0 and outer < start - 1:
                        aliases.append(unquote(text[outer:start - 1]))
                        start = outer
                    elif len(core) < 2:
                        continue
                else:
                    attrs["quoted"] = True
            raw = text[start:ke + (1 if inner_quote else 0)]
            groups = QUOTED.findall(raw)
            lead_quotes = LEAD_QUOTES.match(raw)
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
            quoted = inner_quote or any(q in raw for q in OPEN_QUOTES)
            if len(core) < 2 or not _cjk_or_alnum(core[0]) or core[-1] in "个家项" \
                    or (core.endswith(generic) and not quoted and _generic_core(core, kind, generic)) \
                    or stops().fullmatch(core) \
                    or core in lead_strips():
                continue
            if not quoted:
                if label == PROGRAM and kind in WEAK_PROGRAM_KINDS and not _coined_system(text, start, core, kind):
                    continue
                if label == PROJECT and kind in WEAK_PROJECT_KINDS and (len(core) < 3 or core in kinds):
                    continue          # 产业园二期, 园区项目: a kind word is no name
                if label == PROJECT and (CATEGORY_LEAD.match(name) or COUNT_AFTER.match(text, ke)):
                    continue      # 国家级旅游度假区, 四大…基地, 康养景区12个: a category, not a name
            if label == PROJECT and text.startswith("成立", ke) and kind.endswith("中心"):
                label = ORGANIZATION
            q = QUOTED.findall(raw)
            if len(q) == 1 and q[0] != name and not SLOGAN.search(q[0]):
                aliases.append(q[0])
            if label == PROJECT and name.endswith("项目") and len(name) > 4:
                aliases.append(name[:-2])
            members = _coordinated_lines(name) if label == PROJECT and kind in LINE_KINDS \
                and raw == name else None
            if members:           # 渝自和渝毕城际: two lines sharing their kind words
                for a, b, member in members:
                    out.append(Mention(start + a, start + b, label, member, f"{label}_coordinated", (), dict(attrs)))
                continue
            out.append(Mention(start, ke, label, name, f"{label}_kind_word",
                               tuple(a for a in dict.fromkeys(aliases) if a != name), attrs=attrs))
        return out

    def _may_follow(self, text: str, pos: int, kind: str) -> bool:
        """May this CJK text follow the end of a project name (a verb, a stage word…)?"""
        if kind in ("城", "谷", "制"):
            return bool(stops().match(text, pos)) or text.startswith(("建设", "等"), pos)
        if kinds_of(kind) == PROGRAM and not stops().match(text, pos) and not AFTER_NAME.match(text, pos):
            return not _cjk(text[pos:pos + 1]) or text[pos] in "为在和与及等的"
        return bool(stops().match(text, pos) or AFTER_NAME.match(text, pos))

    # -- quoted names without a kind word ---------------------------------
    def _quoted(self, text: str, found: list[Mention]) -> list[Mention]:
        covered = [(m.start, m.end) for m in found if m.label in (PROJECT, PROGRAM, ENTERPRISE, ORGANIZATION)]
        spans = quoted_spans(text)
        out = []
        i = 0
        while i < len(spans):
            # group adjacent quotes: “A”“B”“C”
            group = [spans[i]]
            while i + 1 < len(spans) and spans[i + 1][0] == group[-1][1]:
                i += 1
                group.append(spans[i])
            i += 1
            gs, ge = group[0][0], group[-1][1]
            label = self._quoted_label(text, gs, ge)
            if label is None:
                continue
            for s, e in group:
                inner = text[s + 1:e - 1]
                if any(cs <= s + 1 and e - 1 <= ce for cs, ce in covered) or SLOGAN.search(inner) or len(inner) < 2:
                    continue
                # “红黄绿蓝”四色督办: a short tail after the quote belongs to the name.
                tail = QUOTE_TAIL.match(text, e, e + 7) if len(group) == 1 else None
                name, end = inner, e
                if tail and not stops().match(tail.group()) and text[tail.end():tail.end() + 1] in BOUNDARY:
                    name, end = inner + tail.group(), tail.end()
                aliases = (inner,) if name != inner else ()
                out.append(Mention(s, end, label, unquote(name), f"{label}_quoted", aliases))
        return out

    def _quoted_label(self, text: str, gs: int, ge: int) -> str | None:
        after = text[ge:ge + 12]
        if after.startswith(quote_nouns()):
            return None           # 省委“…”要求, 探索“…”做法: described, not named
        if re.match(r"(?:等)?(?:\d+个|[一二三四五六七八九十]个)?[\u4e00-\u9fff]{0,4}?"
                    r"(?:专项行动|行动|试点|机制|工程|改革|活动|模式|体系|工作法|制度)", after):
            return PROGRAM
        before = text[max(0, gs - 12):gs]
        clause = CLAUSE_SPLIT.split(before)[-1]
        while (adverb := next((a for a in lead_strips() if clause.endswith(a)), None)) is not None:
            clause = clause[: -len(adverb)]      # 抓实常态化“三服务”: the verb is before the adverb
        if any(clause.endswith(v) for v in PROJECT_VERBS) or re.search(r"(?:上线|搭建)$", clause):
            return PROJECT
        if any(clause.endswith(v) for v in PROGRAM_VERBS):
            return PROGRAM
        return None


@functools.lru_cache(maxsize=1)
def _short_form_regex() -> re.Pattern:
    markers = alternation(read_lines("short_form_markers.txt"))
    return re.compile(rf"[（(](?P<marker>{markers})?[“\"]?(?P<short>[\u4e00-\u9fffA-Za-z0-9]{{2,10}})[”\"]?[)）]")


def after_short_form(text: str, pos: int, endpos: int | None = None) -> int:
    """Where the text goes on after a name ending at ``pos``: past a short-form bracket
    (``（以下简称“鄢陵国投”）``) written right there, else at ``pos``."""
    d = _short_form_regex().match(text, pos, len(text) if endpos is None else endpos)
    return d.end() if d else pos


SHORT_FORM_OF = (ENTERPRISE, ORGANIZATION, PROJECT, PROGRAM)


def _short_forms(text: str, found: list[Mention]) -> tuple[list[Mention], list[tuple[int, int]]]:
    """A short form declared in brackets after a name, and each later use of it.

    ``浙江晶耀光电科技有限公司（以下简称“晶耀光电”）……晶耀光电投资``: the short form
    becomes an alias of the name, and each use of it a mention of the named entity.
    Returns those mentions and the spans of the brackets, which name nothing else.
    Without a marker word (简称) the bracket must hold the name's own characters
    in order (``合肥维信诺科技有限公司（合肥维信诺）``), else it is a note, not a short form.
    """
    if "（" not in text and "(" not in text:
        return [], []
    named: dict[int, Mention] = {}          # the longest name ending at each position
    for m in found:
        if m.label in SHORT_FORM_OF and (m.end not in named or m.start < named[m.end].start):
            named[m.end] = m
    out: list[Mention] = []
    declared: list[tuple[int, int]] = []
    regex = _short_form_regex()
    for end, m in named.items():
        d = regex.match(text, end)
        if d is None:
            continue
        short = d.group("short")
        if short == m.name or is_kind_word(short) or not (d.group("marker") or _in_order(short, m.name)):
            continue
        m.aliases = (*m.aliases, short)
        declared.append(d.span())
        for k in (k.start() for k in re.finditer(re.escape(short), text)):
            if not (d.start() <= k < d.end() or m.start <= k < m.end):
                out.append(Mention(k, k + len(short), m.label, m.name, f"{m.label}_short_form", (short,)))
    return out, declared


@functools.lru_cache(maxsize=1)
def _classifier_lead() -> re.Pattern:
    return re.compile(f"(?:{alternation(read_lines('enterprise_classifiers.txt'))})企业")


def _generic_core(core: str, kind: str, generic: tuple[str, ...]) -> bool:
    """Is a core that ends in a generic word (…产业, …重点) no name before this kind word?

    Before 项目 or 中心 it is (汽车产业项目); before a kind that names a place
    (基地, 产业园) only when little is left before the generic word: 芯视界光学膜产业基地 is
    a name, 新兴产业基地 is not.
    """
    if kind in WEAK_PROJECT_KINDS or kinds_of(kind) != PROJECT:
        return True
    rest = min((core[: -len(g)] for g in generic if core.endswith(g)), key=len)
    return len(rest) < 3 or rest.endswith(generic) or bool(CATEGORY_LEAD.match(rest))


def _after_location(start: int, end: int, region_at: dict[int, Mention]) -> int:
    """Skip a location written before a registered name: 襄阳高新区|湖北汉江智行汽车科技有限公司.

    A region followed by one that it does not contain starts the name anew; a
    region followed by its own part (金华市|金东…) is the name's own prefix.
    """
    r = region_at.get(start)
    while r is not None and r.end < end:
        nxt = region_at.get(r.end)
        if nxt is None:
            break
        if not gazetteer().is_within(nxt.region, r.region):
            return nxt.start
        r = nxt
    return start


def _registered_start(text: str, start: int, region_starts: list[int]) -> int:
    """Where a company name cut at an industry word really starts: at its region.

    A registered company name is region + trade name + industry + form, and the
    industry may be a verb the name grammar stops at: 金华市金东城市|建设投资集团有限公司.
    When only such words (``name_inner_verbs.txt``) lie between a region mention
    and the cut, the name starts at the region.
    """
    inner = inner_verbs()
    if not any(text.startswith(v, start - len(v)) for v in inner):
        return start
    lo = bisect_left(region_starts, start - 14)
    for r in region_starts[lo:bisect_left(region_starts, start)]:
        span = text[r:start]
        if any(ch in BOUNDARY for ch in span):
            continue
        if all(m.group() in inner for m in stops().finditer(span)):
            return r
    return start


def _in_order(short: str, name: str) -> bool:
    """Are the characters of ``short`` those of ``name``, in order (a contraction of it)?"""
    it = iter(name)
    return all(ch in it for ch in short)


def _coined_system(text: str, start: int, core: str, kind: str) -> bool:
    """An unquoted …制 that is a named system: 河长制, or a long name a program verb introduces.

    ``建立重大项目专班攻坚制``: the verb and the length make it coined; 所有制 is not.
    """
    if kind != "制":
        return False
    return core.endswith("长") or (len(core) >= 6 and text[max(0, start - 4):start].endswith(PROGRAM_VERBS))


def _coordinated_lines(name: str) -> list[tuple[int, int, str]] | None:
    """Members of ``渝自和渝毕城际``: short names joined by 和 sharing the kind words at the end.

    Returns (start, end, name) of each member, offsets within ``name``; ``None`` when
    the name is not such a coordination (the first part must be a short name of its own).
    """
    m = COORDINATED.fullmatch(name)
    if not m:
        return None
    first, second = m.group(1), m.group(2)
    kind_end = _patterns()["kind_end"]
    cut = len(second)
    # The longest kind word ending second[:cut] that leaves two characters: 城际铁路 → 铁路, 城际.
    while (k := kind_end.search(second, 2, cut)) is not None:
        cut = k.start()
    proper, head = second[:cut], second[cut:]
    if not head or not 2 <= len(proper) <= 4 or kind_end.search(first):
        return None
    return [(0, len(first), first + head), (m.start(2), len(name), second)]


def kinds_of(kind: str) -> str:
    return _patterns()["kinds"][kind]  # type: ignore[index]


def _cut(text: str, s: int, e: int) -> bool:
    return any(ch in BOUNDARY for ch in text[s:e])


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _cjk_or_alnum(ch: str) -> bool:
    return _cjk(ch) or ch.isalnum()


PRIORITY = {OFFICIAL: 7, REGION: 3, ORGANIZATION: 6, ENTERPRISE: 4, PROJECT: 5, PROGRAM: 5}


def _settle(found: list[Mention]) -> list[Mention]:
    """Resolve overlaps: the longer span wins; nested mentions are kept but marked."""
    order = sorted(found, key=lambda m: (-(m.end - m.start), -PRIORITY[m.label], m.start))
    starts: list[int] = []          # the kept spans, which never overlap, sorted by start
    top: list[Mention] = []
    out: list[Mention] = []
    for m in order:
        k = bisect_left(starts, m.end)
        clash = []
        while k > 0 and top[k - 1].end > m.start:
            k -= 1
            clash.append(top[k])
        if not clash:
            k = bisect_left(starts, m.start)
            starts.insert(k, m.start)
            top.insert(k, m)
            out.append(m)
        elif len(clash) == 1 and clash[0].start <= m.start and m.end <= clash[0].end:
            if clash[0].start == m.start and clash[0].end == m.end:
                continue                      # same span found twice
            m.attrs["nested"] = True
            m.attrs["inside"] = clash[0].key
            out.append(m)
        # partial overlaps of a shorter span are dropped
    out.sort(key=lambda m: (m.start, m.end))
    return out


def set_ents(doc: Doc, mentions: list[Mention]) -> None:
    """Split tokens at mention boundaries, then set ``doc.ents`` to exactly those spans.

    Only the tokens a boundary falls inside are visited: walking every token
    (each a new Python object) cost more than the whole recognizer.
    """
    cuts = sorted({b for m in mentions for b in (m.start, m.end)})
    if cuts:
        text = doc_text(doc)
        starts = doc.to_array([IDX]).tolist()
        inner_cuts: dict[int, list[int]] = {}
        for c in cuts:
            i = bisect_right(starts, c) - 1
            if i >= 0 and starts[i] != c:
                inner_cuts.setdefault(i, []).append(c)
        if inner_cuts:
            with doc.retokenize() as retok:
                for i, inner in inner_cuts.items():
                    tok = doc[i]
                    end = tok.idx + len(tok)
                    inner = [c for c in inner if c < end]
                    if not inner:
                        continue
                    bounds = [tok.idx, *inner, end]
                    orths = [text[a:b] for a, b in zip(bounds, bounds[1:])]
                    retok.split(tok, orths, [(tok, 0)] * len(orths))
    # Every mention boundary is now a token boundary: map characters to tokens.
    starts = doc.to_array([IDX]).tolist()
    starts.append(len(doc_text(doc)))

    def token_at(c: int) -> int | None:
        k = bisect_left(starts, c)
        return k if k < len(starts) and starts[k] == c else None

    spans = []
    for m in mentions:          # non-overlapping (see _settle), so no filtering is needed
        i, j = token_at(m.start), token_at(m.end)
        if i is not None and j is not None and i < j:
            spans.append(Span(doc, i, j, label=m.label.upper(), kb_id=m.name))
    doc.set_ents(spans, default="outside")


@Language.factory("kg_entities", requires=["doc._.kg_mentions"], assigns=["doc.ents", "doc._.kg_mentions"])
def make_entity_recognizer(nlp: Language, name: str) -> EntityRecognizer:
    return EntityRecognizer()
