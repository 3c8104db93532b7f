"""The discourse stage: what a stretch of text is about, and whose each sentence is.

A speech runs from its speaker's title line to the next speech, or ends at its
speaker's line when speakers sign at the end (:func:`speech_sections`, on the
title lines ``kg_titles`` finds); a feature article without speeches is about
its most-named county or city (:func:`article_section`). Inside a section, a
sentence that opens with another region inside the section's, or with an
organization, is that one's (:func:`local_subjects`). Regions written as a
chain of prefixes (合肥市|长丰县|下塘镇) name one place (:func:`prefix_chains`).

``kg_titles`` finds the sections of speeches; ``kg_relations`` reads them, finds
an article's, and asks whose sentence each mention is in.
"""

from __future__ import annotations

import bisect
import re
from operator import attrgetter

from kg.nlp.gazetteer import Region, gazetteer
from kg.nlp.layout import FINAL, MIN_BODY_LINE, Line, lines
from kg.nlp.mention import Mention, Section
from kg.nlp.visits import level_anaphor, visit_sentence
from kg.schema import ORGANIZATION, REGION

# After the place a sentence opens with: 时 (记者来到X时，), or a visit there (在X调研时，).
VISITING = re.compile(r"(?:调研|考察|视察|走访)?时")
# A news item's dateline before its first sentence: 本报讯, 内蒙古日报讯（记者 X Y）, 新华社北京5月3日电.
DATELINE = re.compile(r"[^\s，,。；;“”\n]{0,12}?(?:报讯|社讯|台讯|网讯|日电)[ \u3000]*(?:[（(][^（）()\n]{0,30}[）)])?[ \u3000]*")
# A sentence's opening adverbial (今年以来，/ 7月，) before its subject.
LEAD_ADVERBIAL = re.compile(r"[^，,。；;“”\n]{1,8}[，,]")
# What opens a sentence set in a place: 在X，, 走进X，, 记者来到X时，.
LOCATIVE_OPENER = re.compile(r"(?:记者|笔者)?(?:在|走进|来到|步入|走入|踏进)")
# After a region, these make it a list member or a modifier, not the sentence's subject.
NOT_SUBJECT_AFTER = set("、和及的等，,")
_start = attrgetter("start")       # a sort key for mentions, faster than a lambda


# -- sections -------------------------------------------------------------------

def speech_sections(text: str, title_lines) -> list[Section]:
    """A speech runs from its heading lines to the next speech's heading lines."""
    if not title_lines:
        return []
    all_lines = lines(text)
    # A speaker's line that goes on with the speech after its colon is no signature.
    inline = any(text[e:_line_end(text, e)].strip() for _, e, _, _ in title_lines)
    if not inline and _signed_at_the_end(all_lines, title_lines):
        # The speaker's line closes each speech: its body is what precedes it.
        sections, prev = [], 0
        for s, e, speaker, subject in title_lines:
            sections.append(Section(prev, e, subject, speaker, s, e))
            prev = e
        return sections
    starts = []
    for s, e, speaker, subject in title_lines:
        idx = next(i for i, ln in enumerate(all_lines) if ln.start == s)
        head = idx
        # Heading lines directly above the title line belong to the speech.
        while head > 0 and len(all_lines[head - 1].text) < 40 and all_lines[head - 1].text[-1] not in "。！？；：":
            head -= 1
            if idx - head >= 3:
                break
        starts.append(all_lines[head].start)
    sections = []
    for i, (s, e, speaker, subject) in enumerate(title_lines):
        end = starts[i + 1] if i + 1 < len(title_lines) else len(text)
        sections.append(Section(starts[i], end, subject, speaker, s, e))
    return sections


def _line_end(text: str, i: int) -> int:
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _is_body(line: Line) -> bool:
    return len(line.text) >= MIN_BODY_LINE or line.text.endswith(("。", "！", "？"))


def _signed_at_the_end(all_lines: list[Line], title_lines) -> bool:
    """Do the speakers' lines follow their speeches (a body before the first, none after the last)?"""
    first, last = title_lines[0][0], title_lines[-1][1]
    return any(_is_body(ln) for ln in all_lines if ln.end <= first) and \
        not any(_is_body(ln) for ln in all_lines if ln.start >= last)


def article_section(text: str, mentions: list[Mention]) -> list[Section]:
    """A feature article without speeches is about its most-named county or city.

    A page may carry several articles, each under a headline that opens with its
    region (``綦江 聚焦产业链条…`` / ``奉节 发挥党建引领作用…``): each such headline
    starts a section about that region, up to the next one.
    """
    from collections import Counter

    regions = [m for m in mentions if m.label == REGION and m.region is not None and not m.nested]
    counts = Counter(m.key for m in regions if m.region.level in ("province", "county", "city", "zone"))
    all_lines = lines(text)
    titled = _title_region(text, regions, all_lines)
    starts = {m.start: m for m in regions if m.region.level in ("province", "city", "county", "zone")}
    heads = [(ln.start, starts[ln.start]) for ln in all_lines
             if ln.start in starts and _is_headline(ln)]
    sections: list[Section] = []
    if len({m.key for _, m in heads}) >= 2:
        if heads[0][0] > 0 and (lead := most_named(counts, regions, 0, heads[0][0])) is not None:
            sections.append(Section(0, heads[0][0], lead))
        for i, (start, subject) in enumerate(heads):
            end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
            sections.append(Section(start, end, subject))
        return sections
    if titled is not None and (counts[titled.key] >= 2 or text.startswith(("：", ":"), titled.end)
                               and titled.start == all_lines[0].start):
        # 辽宁以开放新优势塑造发展新动能; rule headline_region_colon: 阿拉善盟：沙产业… is about 阿拉善盟
        return [Section(0, len(text), titled)]
    if not counts:
        return []
    key, n = counts.most_common(1)[0]
    if n < 2:
        return []
    subject = next(m for m in mentions if m.key == key)
    return [Section(0, len(text), subject)]


# A region that convenes the meeting whose speeches follow (英德市召开…推进会) or whose participants
# a list names (永川区召开…例会。会上，…发言).
CONVENES = re.compile(r"(?:委|政府|党委)?(?:日前|近日|今天|当天)?(?:召开|举行|主持召开)")


def _title_region(text: str, regions: list[Mention], all_lines: list[Line]) -> Mention | None:
    """The region the title or the lead (the first lines, before the body) names first, if any;
    ``all_lines``: :func:`lines` of ``text``."""
    head = all_lines[:3]
    for ln in head:
        if _is_body(ln) and ln is not head[0]:
            break
        found = [m for m in regions if ln.start <= m.start < ln.end and m.region.level in
                 ("province", "city", "county", "zone") and not text.startswith("在", m.start - 1)]
        if found:
            return prefix_chains(sorted(found, key=_start))[0][-1]    # 四川|自贡 -> 自贡市
    return None


def _is_headline(line: Line) -> bool:
    """A short line of its own, without final punctuation: a headline or a heading."""
    return len(line.text) < MIN_BODY_LINE and line.text[-1] not in FINAL


def most_named(counts, regions: list[Mention], start: int, end: int) -> Mention | None:
    """The region of ``regions`` in ``start``..``end`` that ``counts`` (by key) has most, the first on a tie."""
    inside = [m for m in regions if start <= m.start < end and m.key in counts]
    return max(inside, key=lambda m: counts[m.key], default=None)


# -- whose sentence is this -------------------------------------------------------

def local_subjects(text: str, sec: Section, inside: list[Mention],
                   sents: list[tuple[int, int]]) -> dict[int, Mention]:
    """Sentences about a region inside the section's: sentence start -> that region.

    ``义乌市依托…`` in the commerce bureau's speech, ``长丰县与包河区探索…`` in an
    article about 合肥: what the sentence reports is that region's. In an article
    (no speaker), the region stays the subject of the sentences that follow, up
    to the next heading or the next sentence with a subject of its own (a town
    or a village, to the end of its paragraph).
    """
    subj = sec.subject
    regional = subj.label == REGION and subj.region is not None
    by_start = {m.start: m for m in inside if not m.nested and (
        m.label == ORGANIZATION or m.label == REGION and m.region is not None and m.region.level != "country")}
    if not by_start:
        return {}
    article = not sec.speaker
    # Where the section's own region is named: one bisect per sentence, not a scan of by_start.
    subj_key = subj.key
    subj_at = sorted([k for k, m in by_start.items() if m.key == subj_key])
    starts = sorted(by_start)       # most sentences start no region nor organization: one bisect tells
    out: dict[int, Mention] = {}
    current: Mention | None = None
    paragraph: Mention | None = None     # the organization a speech's paragraph opens with
    k, n = 0, len(starts)           # starts[k]: the first mention at or after the sentence (they come in order)
    for s, e in _sentences_of(sents, sec):
        opens = s == 0 or text[s - 1] == "\n"
        if opens:
            paragraph = None
            if article and _is_heading(text, s, e):
                current = None
                continue
        if current is not None and opens and (sec.visit or current.region.level in ("township", "village")):
            current = None      # a town or village (or a place a visit stops at) is the subject of its paragraph only
        if sec.visit and current is None and sec.stop is not None:
            current = sec.stop  # 市委书记某某到永胜县调研: each paragraph is in 永胜县 unless it says otherwise
        while k < n and starts[k] < s:
            k += 1
        # Most sentences start no region nor organization: none to read where none starts in s..e.
        r, locative = _sentence_subject(text, s, e, by_start) if k < n and starts[k] <= e else (None, False)
        if article and r is None and (ana := level_anaphor(text, s, e, by_start)) is not None \
                and ana.key != subj_key and (not regional or holds(subj.region, ana.region)):
            out[s] = ana        # 正镶白旗明安图镇…。旗里积极落实Y: 正镶白旗 carries Y out
            continue
        if sec.visit:       # a visit report's stops, its visitor's calls, its list of those who came along
            handled, place = visit_sentence(text, s, e, r, locative, opens, by_start, _chain_at, NOT_SUBJECT_AFTER)
            if handled:
                if place is not None:
                    out[s] = current = place
                continue
        if r is not None and not locative and (said := ATTRIBUTION.match(text, s, e)) is not None \
                and text[said.end():said.end() + 1] in ",，" and (told := _chain_at(said.end() + 1, by_start)) \
                is not None and told.label == REGION and text[told.end:told.end + 1] not in NOT_SUBJECT_AFTER:
            r = told     # rule reported_subject: 武进区副区长X表示，武进高新区正在建设Y: the clause's region
        # In a department's speech (市商务局), any region a sentence starts with is its subject.
        inner = r is not None and r.label == REGION and r.key != subj_key \
            and (not regional or holds(subj.region, r.region))
        if r is not None and r.label == ORGANIZATION and opens and not article and r.key != subj_key:
            out[s] = paragraph = r      # 区经济信息委聚焦…。一是…: the paragraph reports that department's work
        elif r is not None and (r.label == ORGANIZATION or locative and inner):
            out[s] = r          # 市科技局联合… / 在合肥市长丰县下塘镇，…: this sentence only
            if article and opens and locative and r.label == REGION and r.region.level in ("township", "village"):
                current = r     # rule paragraph_set_in_a_town: 走进小溪塔街道，…。街道引进了Y: its paragraph
        elif inner:
            out[s] = current = r
        elif r is not None and r.key == subj_key:
            current = None
        elif article and current is not None and r is None and _any_in(subj_at, s, e):
            current = None      # 总书记在辽宁考察时强调…: a sentence naming the article's region is its again
        elif paragraph is not None:
            out[s] = paragraph
        elif article and current is not None:
            out[s] = current
    _quoted_speakers(text, _sentences_of(sents, sec), by_start, subj, regional, out, starts)
    return out


# An attribution after a quote: the speaker's post and name, then what they did (溧阳市委书记X说).
ATTRIBUTION = re.compile(r"[^，,。；;“”\n]{2,40}?(?:说|表示|介绍|坦言|指出|强调|告诉)")
QUOTE_REACH = 6          # how many sentences a quotation may run to


def _quoted_speakers(text: str, sl: list[tuple[int, int]], by_start: dict[int, Mention], subj: Mention,
                     regional: bool, out: dict[int, Mention], starts: list[int] | None = None) -> None:
    """Rule quote_of_a_region: a quotation whose attribution opens with a region inside the
    section's is that region's (“今年我们引进了Y。”溧阳市委书记X说: 溧阳市 brought Y in)."""
    for k in range(len(sl) - 1):
        s, e = sl[k]
        if text[e - 1:e] != "”":
            continue
        ns, ne = sl[k + 1]
        if ns != e or not ATTRIBUTION.match(text, ns, ne):
            continue        # the attribution follows the closing quote directly
        r, locative = _sentence_subject(text, ns, ne, by_start, starts)
        if r is None or locative or r.label != REGION or r.key == subj.key \
                or regional and not holds(subj.region, r.region):
            continue
        j = k
        while j > 0 and k - j < QUOTE_REACH and text[sl[j][0]:sl[j][0] + 1] != "“":
            j -= 1
        if text[sl[j][0]:sl[j][0] + 1] != "“":
            continue
        for qs, _ in sl[j:k + 1]:
            out[qs] = r


# After a paragraph's opening unit, these make it a partner or a topic, not the reporting unit.
NOT_REPORTER_AFTER = NOT_SUBJECT_AFTER | set("与同跟为")


def bodiless_speakers(text: str, sections: list[Section]) -> frozenset[str]:
    """The units whose speaker's line has no body under it: the page printed their report elsewhere."""
    return frozenset(sec.subject.key for sec in sections if sec.speaker and sec.subject is not None and not any(
        _is_body(ln) for ln in lines(text[max(sec.title_end, sec.start):sec.end])))


def reports(text: str, sec: Section, inside: list[Mention], sents: list[tuple[int, int]],
            units: set[str], home: Mention | None = None) -> dict[int, Mention]:
    """Another unit's report printed inside a speech: sentence start -> that unit.

    A page of speeches may print a unit's report under another speaker's line, or
    with no speaker's line at all (``中山路街道全面加强党建引领…`` in the investment
    bureau's speech, ``朱沱镇突出…`` in 南大街街道's). A paragraph that opens with a
    unit whose speaker's line has no body of its own (``units``), or with a region of the
    level of the speaker's region (``home``, a department's) outside it (a peer town; 黄石 in
    a speech by 武汉's department head), starts that unit's report;
    it runs to the next heading or the next paragraph that opens with a unit of
    its own, and the speaker has no part in it.
    """
    subj = sec.subject
    if not sec.speaker or subj is None:
        return {}
    by_start = {m.start: m for m in inside if not m.nested and (
        m.label == ORGANIZATION or m.label == REGION and m.region is not None and m.region.level != "country")}
    if not by_start:
        return {}
    out: dict[int, Mention] = {}
    current: Mention | None = None
    for s, e in _sentences_of(sents, sec):
        if sec.title_start <= s < sec.title_end:
            continue
        if _is_heading(text, s, e):
            current = None
            continue
        if s == 0 or text[s - 1] == "\n":
            r, locative = _sentence_subject(text, s, e, by_start)
            if r is not None and not locative and text[r.end:r.end + 1] not in NOT_REPORTER_AFTER:
                current = r if r.key != subj.key and (r.key in units or _peer(home or subj, r)) else None
        if current is not None:
            out[s] = current
    return out


def _sentences_of(sents: list[tuple[int, int]], sec: Section) -> list[tuple[int, int]]:
    """The sentences (in text order, as :func:`kg.nlp.layout.sentences` gives them) that start in
    the section: two bisections, not a scan of the text's sentences for each section of a page."""
    return sents[bisect.bisect_left(sents, (sec.start,)):bisect.bisect_left(sents, (sec.end,))]


def _peer(subj: Mention, r: Mention) -> bool:
    """Is region ``r`` a unit of the speaker's level outside the speaker's region (two towns)?"""
    a, b = subj.region, r.region
    return subj.label == r.label == REGION and a is not None and b is not None and a.level == b.level \
        and not holds(a, b) and not holds(b, a)


def _sentence_subject(text: str, s: int, e: int, by_start: dict[int, Mention],
                      starts: list[int] | None = None) -> tuple[Mention | None, bool]:
    """The region (or organization) a sentence starts with as its subject, and whether
    it is only a place (在合肥市包河区，…) rather than the actor (包河区大圩镇建成…).
    ``starts``: ``by_start``'s keys sorted, to skip the sentences where none starts (s..e)."""
    if starts is not None and not _any_in(starts, s, e + 1):
        return None, False      # every reading below looks a mention up in s..e
    if (dl := DATELINE.match(text, s, e)) is not None:
        s = dl.end()        # rule dateline_not_subject: 本报讯（记者 X）在Y，…: the sentence opens after it
    lm = LOCATIVE_OPENER.match(text, s, e)
    if lm is not None and (text.startswith("在", s) or _chain_at(lm.end(), by_start) is not None):
        # 在X，/ 走进X，/ 记者来到X时，: the place the sentence is in
        r = _chain_at(lm.end(), by_start)
        # …记者来到X时，/ 在X调研时，(a visit's stop)
        after = 0 if r is None else r.end if (w := VISITING.match(text, r.end)) is None else w.end()
        if r is None or text[after:after + 1] not in ",，":
            return None, False
        actor = _chain_at(after + 1, by_start)          # 在天荒坪镇，安吉县引进…
        if actor is not None and text[actor.end:actor.end + 1] not in NOT_SUBJECT_AFTER:
            return actor, False
        return (r, True) if r.label == REGION else (None, False)
    i = s
    # A lead is skipped only if no mention starts in it: none to look for when one starts at s.
    if s not in by_start and (lead := LEAD_ADVERBIAL.match(text, s, e)) is not None \
            and by_start.keys().isdisjoint(range(s, lead.end())):     # 今年以来，/ 7月，
        i = lead.end()
    r = _chain_at(i, by_start)
    if r is None or text[r.end:r.end + 1] in NOT_SUBJECT_AFTER:
        return None, False
    return r, False


def _any_in(starts: list[int], s: int, e: int) -> bool:
    """Is one of the sorted ``starts`` within ``s``..``e``?"""
    k = bisect.bisect_left(starts, s)
    return k < len(starts) and starts[k] < e


def _chain_at(i: int, by_start: dict[int, Mention]) -> Mention | None:
    """The mention at ``i``; for a region, the last of the prefix chain it starts (包河区|大圩镇)."""
    r = by_start.get(i)
    while r is not None and r.label == REGION and (nxt := by_start.get(r.end)) is not None \
            and within_prefix(nxt, r):
        r = nxt
    return r


def _is_heading(text: str, s: int, e: int) -> bool:
    """Is the sentence s..e a heading line (a short line of its own without final punctuation)?"""
    return (s == 0 or text[s - 1] == "\n") and text[e:e + 1] in ("\n", "") and e - s < MIN_BODY_LINE \
        and text[e - 1] not in FINAL


# -- regions written as a chain of prefixes ----------------------------------------

def holds(outer: Region, inner: Region) -> bool:
    """Is ``inner`` inside ``outer``? A zone holds the towns and villages of its city
    (团山镇 in 襄阳高新区): the gazetteer lists them under districts, not zones."""
    g = gazetteer()
    if outer.level == "zone":
        parent = g.by_code.get(outer.parent)
        return inner.level in ("township", "village") and parent is not None \
            and g.is_within(inner, parent)
    return g.is_within(inner, outer)


def within_prefix(m: Mention, prev: Mention | None) -> bool:
    """Is region ``m``, written right after region ``prev``, a part of it (杭州市|滨江区, and an area
    of a free trade zone: 辽宁自贸试验区|大连片区)?"""
    return prev is not None and m.region is not None and prev.region is not None and (
        m.region.parent == prev.region.adcode or gazetteer().is_within(m.region, prev.region)
        or m.name.endswith("片区") and prev.name.endswith(("自贸试验区", "自由贸易试验区")))


def prefix_chains(regions: list[Mention]) -> list[list[Mention]]:
    """Regions grouped into prefix chains (合肥市|长丰县|下塘镇), in text order."""
    chains: list[list[Mention]] = []
    for m in regions:
        if chains and chains[-1][-1].end == m.start and within_prefix(m, chains[-1][-1]):
            chains[-1].append(m)
        else:
            chains.append([m])
    return chains


def region_chains(mentions: list[Mention]) -> dict[int, int | None]:
    """Regions written as a chain of prefixes (上海市嘉定区): ``id`` of the last -> where its chain
    starts; ``None`` for the others, which say where the last one is and are no party of their own."""
    regions = sorted((m for m in mentions if m.label == REGION and m.region is not None
                      and not m.nested), key=_start)
    out: dict[int, int | None] = {}
    for chain in prefix_chains(regions):
        if len(chain) > 1:
            out.update(dict.fromkeys(map(id, chain[:-1])))
            out[id(chain[-1])] = chain[0].start
    return out
