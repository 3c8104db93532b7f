"""Relations of things: hosts, develops, implements, partners_with.

- ``hosts_speaker`` / ``hosts_article`` / ``hosts_sentence``: a project in a section is hosted
  by its region, the suffix saying how that region was chosen: the speech's speaker (a
  department's region: 永川区发展改革委 → 永川区, 市商务委 → the city the text names most), the
  region an article (or its headline) is about (for a speech by someone without office, the
  region inside the article's that it names most: :func:`kg.nlp.discourse.investor_region`),
  or the region the sentence or its paragraph opens with; an enterprise too when the sentence says
  it was introduced, signed, supported…, or names it in full (X有限公司), but not a company named
  only as a project's owner (签约X总投资30亿元的Y项目); a county its name opens with hosts it
  (普洱市思茅区X有限公司: ``hosts_place_name``), in an article alone.
- ``implements_speaker`` / ``implements_article`` / ``implements_sentence``: a program, likewise.
  A sentence that starts with another region inside the speaker's (义乌市依托…) or with
  an organization (市科技局联合…) is that one's: it hosts, implements and partners
  there; in a speech the speaker still hosts and implements, in an article the
  sentence's region takes over up to the next heading (see :mod:`kg.nlp.discourse`).
- ``hosts_report`` / ``implements_report``: another unit's report printed inside a speech (a
  paragraph opening with a unit that speaks elsewhere in the text, or with a peer town) is that
  unit's alone, up to the next heading (:func:`kg.nlp.discourse.reports`).
- ``hosts_address``: 天津市和平区新兴街道卫津路社区乐昌里小区 → the last region of the address.
- ``hosts_located``: 在履坦镇建设Y, X在鄂尔多斯建设的Y, 包河区大圩镇建成Y, Y落户金华开发区, 在(位于)勐海县的X公司 → R hosts Y;
  an article's company whose sentence says 在R of a city of the article (…都在沈阳解决) is R's alone.
- ``implements_located``: 支持义乌市深化…试点 → the region implements the program it is said to carry out.
- ``hosts_place_name``: 包河智能网联汽车测试场, 黄舣智能酿造基地 (with 黄舣镇 in the text) →
  the county, zone or town the name opens with hosts it; in a report, a city the text names on its own
  or as the last of a list glued to the name the items share (济南、青岛、枣庄算力枢纽; then part_of too),
  or a city the name gives in brackets (中欧班列（沈阳）集结中心).
- ``implements_named_body``: 中组部重点村分类管理试点 → 中组部 implements it.
- ``implements_joint``: 市委组织部联合市文广旅局开设“…”培训 → the partner implements it too.
- ``implements_named_region``: 借鉴深圳“…”模式 → the region written right before a quoted
  program's name implements it.
- ``develops_owner_name``: 上汽云计算中心 → 上汽 develops it; an institution its campus (X学院梁平校区).
- ``develops_cobuild``: 与X共建Y / X投资30亿元的Y / X在包河布局的Y / 联合X打造Y → X develops Y.
- ``develops_managing_body``: 成立Y管理局…建设XY, or X管理委员会 of the text's X → the body develops it.
- ``develops_executive``, ``develops_department_app``: a company head's words, a department's
  application (see :mod:`.builders`).
- ``partners_cue``: 联合X, 与X共建/合作, 携手X, 对接X → the speaker partners with X (who, see :mod:`.partners`);
  ``partners_joint``: 济南、青岛协同打造… → they partner each other.

The cue words of these rules are in ``kg/data/triggers.csv``; the phrases that say who builds a project
and whose a clause is are in :mod:`.phrases`.
"""

from __future__ import annotations

import bisect
import functools
import re
from operator import attrgetter

from kg.nlp.components.entities.short_forms import after_short_form
from kg.nlp.components.relations.builders import builds_application, executive_builds
from kg.nlp.components.relations.phrases import (
    BRANCH, BUILT_WHAT, DEVELOPER, LATER_COBUILD, LINKED_ONLY, MANAGING_BODY, OWNER, OWNER_FIELD, PASSIVE_BUILD, PLACED_GAP,
    SUPPORTED, clause_of as _clause, clause_peer, first_at, owns_next, placed_inside, project_before,
)
from kg.nlp.components.relations.partners import joint_partners, partner_cue, partner_of, top_ends
from kg.nlp.components.relations.places import part_of_peer, part_of_ranking, part_of_section
from kg.nlp.components.relations.where import bracketed_cities, list_tails, named_place, region_of, regions_at
from kg.nlp.discourse import holds, local_subjects, prefix_chains, region_chains, reports
from kg.nlp.lexicon import alternation, grouped
from kg.nlp.mention import Mention, Section, containers, outer_of
from kg.schema import (
    DEVELOPS, ENTERPRISE, HOSTS, IMPLEMENTS, ORGANIZATION, PARTNERS_WITH, PROGRAM, PROJECT, REGION,
)

# Adverbs between a region and the verb that places a project there: 大圩镇已建成Y.
ADVERBS = r"(?:已|还|正|先后|累计|新|加快|全力|成功|率先|正在|又)?"
# Regions a trip or a list of markets names, not where something is: 赴东南亚参展, 到上海招商.
NOT_LOCATED = re.compile(r"(?:赴|到|去|往|向|与|同|联合|携手|对接)$")
# A measure between a verb and its project: 建设占地1200亩的Y, 打造总投资30亿元的Y.
MODIFIER = re.compile(r"(?:占地|总投资|投资|规划面积|面积)[^，,。；;、的]{1,12}的")
# The levels of region a project is placed in (not a province or city: those are the speaker's context).
LOCAL_LEVELS = ("county", "township", "village", "zone")
# A company's full legal name: the text need not say it was brought in for the region to host it (the
# speech's or article's context), as the gold does for companies named in passing.
COMPANY = ("有限公司", "股份公司", "有限责任公司")


@functools.lru_cache(maxsize=1)
def cues() -> dict[str, re.Pattern]:
    """The cue regexes of the relation rules, from the words of ``triggers.csv``."""
    alt = {rule: alternation(ws) for rule, ws in grouped("triggers.csv", "rule", "word").items()}
    return {
        "hosts_enterprise": re.compile(alt["hosts_enterprise"]),
        "partners_before": re.compile(f"(?:{alt['partners_before']})$"),
        "partners_after": re.compile(r"^(?:[、和及][\u4e00-\u9fffA-Za-z]{2,12})*(?:等[\u4e00-\u9fff]{0,6})?"
                                     f"(?:{alt['partners_after']})"),
        "develops_cobuild": re.compile(alt["develops_cobuild"]),
        "develops_build": re.compile(f"(?:投资)?(?:{alt['develops_build']})"),
        "located_build": re.compile(f"{ADVERBS}(?:{alt['hosts_located_build']})"),
        "placed_at": re.compile(f"(?:{alt['hosts_placed_at']})$"),
        "implements_located": re.compile(f"{ADVERBS}(?:{alt['implements_located']})"),
    }


def section_relations(text: str, sec: Section, mentions: list[Mention], sents: list[tuple[int, int]],
                      titled: set[int], sentence, add, units: frozenset[str] = frozenset(),
                      post_region: Mention | None = None) -> None:
    """hosts_*, implements_* and partners_cue in a section (and part_of_section, see
    :func:`.places.part_of_section`): whose sentence each mention is in says who hosts, implements
    or partners (:func:`kg.nlp.discourse.local_subjects`).

    The rule's suffix says how its region was chosen: ``_speaker`` (the speech's speaker),
    ``_article`` (the region an article or its headline is about), ``_sentence`` (the
    region or organization the sentence, or its paragraph, opens with).
    """
    cue = cues()
    speaker = sec.subject
    if speaker is None:
        return
    inside = [m for m in mentions if sec.start <= m.start < sec.end]
    chain_start = region_chains(inside)
    home = speaker if speaker.label == REGION else region_of(speaker, mentions) or post_region or speaker
    part_of_ranking(text, sec.start, sec.end, home, mentions, sentence, add)
    # Cities the text names on their own, where a project's name opens with one (枣庄|机场).
    confirmed = {m.key for m in mentions if m.label == REGION and not m.nested}
    listed = list_tails(text, mentions)
    confirmed |= {m.key for m in listed}
    listed_ids = {id(m) for m in listed}     # one lookup per mention, not a scan of the list
    named_city = {m.start: m for m in inside if m.label == REGION and m.region is not None
                  and (m.nested or m.attrs.get("twin"))
                  and m.region.level == "city" and m.key in confirmed}
    named_city.update(bracketed_cities(text, inside, confirmed))      # 中欧班列（沈阳）集结中心
    named_local = {m.start: m for m in inside if m.label == REGION and m.nested and m.region is not None
                   and m.region.level in LOCAL_LEVELS and "—" not in m.attrs.get("inside", ("", ""))[1]}
    untitled = [m for m in inside if m.start not in titled]
    local = local_subjects(text, sec, untitled, sents)
    report = reports(text, sec, untitled, sents, units, home)
    # Indexes of the section's mentions for the lookups below, built once instead of per mention.
    ends, region_at = top_ends(inside), regions_at(inside)
    speaker_key = speaker.key
    project_starts = {p.start for p in inside if p.label == PROJECT and not p.nested}
    after_zai = [r for r in inside if r.label == REGION and r.region is not None and text[r.start - 1:r.start] == "在"]
    hosts_enterprise = cue["hosts_enterprise"]
    title_start, title_end, speech = sec.title_start, sec.title_end, sec.speaker     # (speech: a speaker's name)
    for m in inside:
        if m.nested and m.label in (PROJECT, PROGRAM, REGION) \
                and not (m.rule == "program_strategy" and m.attrs.get("inside", ("",))[0] == PROJECT):
            # (a national strategy named in a project's name, 西部陆海新通道江津班列: the region builds
            # its part of the strategy, and so carries it out; it goes on below)
            if id(m) in listed_ids:      # 济南、青岛、枣庄算力枢纽: 枣庄 is a city of the list
                s, e = sentence(m.start)
                part_of_section(m, speaker, {}, text[s:e], add)
            continue
        s, e = sentence(m.start)
        ev = text[s:e]
        if title_start <= m.start < title_end:
            continue
        subj = local.get(s, speaker)
        how = "sentence" if s in local else "speaker" if speech else "article"
        if how == "sentence" and m.label in (PROJECT, PROGRAM) and subj.label == REGION:
            subj = clause_peer(text, s, m.start, subj, region_at)      # 凤桥镇建成X，新丰镇实施Y: Y is 新丰镇's
        elif how == "article" and m.label in (PROJECT, PROGRAM) and subj.label == REGION \
                and (peer := clause_peer(text, s, m.start, subj, region_at, opening=True)) is not subj:
            subj, how = peer, "sentence"     # an article's sentence about a peer (余杭区深入实施Y; 在余杭区，…Y)
        host = subj if subj.label == REGION else home     # a department's sentence: its region hosts
        # In a speech, all it reports is the speaker's too; an article's region yields to the local one.
        # …but another department's paragraph in a department's speech is that department's only.
        also = speaker if speech and subj is not speaker and speaker_key != subj.key \
            and not (subj.label == speaker.label == ORGANIZATION) else None
        if s in report:             # another unit's report printed in this speech: that unit's alone
            subj, how, also = report[s], "report", None
            host = subj if subj.label == REGION else region_of(subj, mentions) or home
        hosts = [host] if host.label == REGION else []          # host is never None; also may be
        if also is not None and also.label == REGION:
            hosts.append(also)
        if m.label == PROJECT and "address" in m.attrs:
            continue           # 在天津市和平区…社区乐昌里小区: the address says where (see located_relations)
        city = named_city.get(m.start) if m.label == PROJECT and m.rule != "project_route" else None
        if city is not None and host.region is not None and city.key != host.key \
                and holds(host.region, city.region):
            add(city, HOSTS, m, "hosts_place_name", ev)      # 枣庄机场 in a report about 山东省: 枣庄市's
            continue
        if m.label == PROJECT and subj.label == ORGANIZATION and builds_application(text, s, m):
            add(subj, DEVELOPS, m, "develops_department_app", ev)
        opener = named_local.get(m.start) if m.label == PROJECT and not speech else None
        if opener is not None and host.region is not None and opener.key != host.key \
                and holds(host.region, opener.region):
            continue          # 涧西区5G+XR未来城 in an article about 洛阳: only 涧西区 hosts it (hosts_place_name)
        if m.label == PROJECT and hosts and LINKED_ONLY.search(text, max(s, m.start - 6), m.start):
            continue           # 加快对接极弱磁场…设施: a link to works elsewhere, not works built here
        if m.label == PROJECT and hosts:
            for h in hosts:
                add(h, HOSTS, m, f"hosts_{how if h is host else 'speaker'}", ev)
        elif m.label == PROGRAM:
            for r in (subj, also) if also is not None else (subj,):
                add(r, IMPLEMENTS, m, f"implements_{how if r is subj else 'speaker'}", ev)
        elif m.label == ENTERPRISE and hosts:
            after = text[m.end:e]
            if partner_cue(cue, text, m.start, m.end, s, e, ends):
                actor = partner_of(text, m.start, inside, subj, home, ends)
                if actor is not None:
                    add(actor, PARTNERS_WITH, m, "partners_cue", ev)
            elif m.nested or owns_next(owner := OWNER.match(after), m.end, project_starts) \
                    or owner is not None and owner.group().startswith(("投资", "总投资")) \
                    or OWNER_FIELD.search(text, max(s, m.start - 8), m.start):
                continue       # 签约X总投资30亿元的Y项目: X develops Y, and is not hosted for it
            elif m.attrs.get("hosted") or hosts_enterprise.search(text, s, m.start) \
                    or hosts_enterprise.search(_clause(after)) or text.endswith(COMPANY, m.start, m.end):
                place = named_place(m, region_at)  # 普洱市思茅区爱伲庄园咖啡有限公司: 思茅区
                if place is not None and place.region.level in LOCAL_LEVELS and host.region is not None \
                        and place.key != host.key and holds(host.region, place.region):
                    add(place, HOSTS, m, "hosts_place_name", ev)
                    if not speech:
                        continue            # an article's region yields to the more specific one
                if not speech and (place := placed_inside(s, e, after_zai, host)) is not None:
                    add(place, HOSTS, m, "hosts_located", ev)
                    continue                # …都在沈阳一站式解决: the article's region yields to 沈阳
                for h in hosts:
                    add(h, HOSTS, m, f"hosts_{how if h is host else 'speaker'}", ev)
        elif m.label in (ORGANIZATION, REGION) and not m.nested:
            part_of_section(m, speaker, chain_start, ev, add, mentions)
            if s in report and m.key == report[s].key:
                part_of_peer(m, speaker, mentions, ev, add)
            if m.key == subj.key:
                continue
            start = chain_start.get(id(m), m.start)
            if start is None:
                continue       # 上海市 of 与上海市嘉定区签署: the partner is 嘉定区
            before = text[max(s, start - 3):start]
            if before.endswith("在"):
                continue       # 在黄宅镇共建…: where the partners build, not a partner
            if partner_cue(cue, text, start, m.end, s, e, ends, region=m.label == REGION):
                actor = partner_of(text, start, inside, subj, home, ends)
                if actor is not None and actor.key != m.key:
                    add(actor, PARTNERS_WITH, m, "partners_cue", ev)


def name_relations(mentions: list[Mention], text: str, sentence, add) -> None:
    """Relations read off names: owners and launching bodies named in a name (develops_owner_name,
    hosts_place_name, implements_named_body), co-builders and managing bodies (develops_cobuild,
    develops_managing_body)."""
    cue = cues()
    top_list = [m for m in mentions if not m.nested]
    tops = {(m.start, m.end): m for m in top_list}
    index = containers(tops)
    for m in mentions:
        if not m.nested:
            continue
        outer = outer_of(index, m)
        if outer is None or outer.start != m.start:
            continue
        s, e = sentence(m.start)
        if outer.label == PROJECT and (m.label == ENTERPRISE or m.label == ORGANIZATION
                                       and BRANCH.search(outer.name, m.end - outer.start)):
            add(m, DEVELOPS, outer, "develops_owner_name", text[s:e])     # 上汽云计算中心; X学院Y校区
        if m.label == REGION and outer.label == PROJECT and m.region is not None \
                and m.region.level in LOCAL_LEVELS and "—" not in outer.name \
                and outer.rule != "project_route":     # not 开化—金东…园, nor the route 济南至宁津
            add(m, HOSTS, outer, "hosts_place_name", text[s:e])     # 包河智能网联汽车测试场
        if m.label == ORGANIZATION and outer.label == PROGRAM:
            add(m, IMPLEMENTS, outer, "implements_named_body", text[s:e])
    # 市委组织部联合市文广旅局，开设“…”培训: the partner the sentence's organization joins runs it too.
    org_at = {m.start: m for m in tops.values() if m.label == ORGANIZATION}
    # Organization start -> the one it joins (A联合B); most texts have none, and then no program's
    # sentence needs looking up.
    joins = {a.start: b for a in org_at.values()
             if text.startswith("联合", a.end) and (b := org_at.get(a.end + 2)) is not None}
    for p in (p for p in tops.values() if joins and p.label == PROGRAM):
        s, e = sentence(p.start)
        b = joins.get(s)
        if b is not None and b.end < p.start:
            add(b, IMPLEMENTS, p, "implements_joint", text[s:e])
    # 借鉴深圳“政府引导、社会参与”模式: the region right before a quoted program's name runs it.
    region_end = {m.end: m for m in tops.values() if m.label == REGION and m.region is not None}
    for p in (p for p in tops.values() if p.label == PROGRAM and text[p.start:p.start + 1] in "“「『"):
        if (r := region_end.get(p.start)) is not None:
            s, e = sentence(p.start)
            add(r, IMPLEMENTS, p, "implements_named_region", text[s:e])
    # 黄舣智能酿造基地 where the text names 黄舣镇: a township's name without 镇 opens the project's.
    towns = {m.name[:-len(k)]: m for m in mentions if m.label == REGION and m.region is not None
             and m.region.level == "township" for k in ("镇", "乡", "街道") if m.name.endswith(k)
             and len(m.name) - len(k) >= 2}
    for p in (p for p in mentions if towns and p.label == PROJECT and not p.nested):  # most: no town
        town = next((t for stem, t in towns.items() if p.name.startswith(stem)), None)
        if town is not None:
            s, e = sentence(p.start)
            add(town, HOSTS, p, "hosts_place_name", text[s:e])
    # 与X共建Y: X develops Y.
    ents = [m for m in top_list if m.label in (ENTERPRISE, ORGANIZATION)]
    projects = [m for m in top_list if m.label == PROJECT]
    regions = [m for m in top_list if m.label == REGION and m.region is not None]
    ent_starts = sorted(o.start for o in ents)
    project_at: dict[int, tuple[int, Mention]] = {}       # start -> the first project there, and its place
    for i, p in enumerate(projects):
        project_at.setdefault(p.start, (i, p))
    for x in ents:
        s, e = sentence(x.start)
        x_end = after_short_form(text, x.end, e)       # X（以下简称Y）投资…的Z
        after = text[x_end:e]
        if (field := OWNER_FIELD.search(text, max(s, x.start - 8), x.start)) is not None:
            y = next((p for p in reversed(projects) if s <= p.start and p.end <= field.start()), None)
            if y is not None:       # Y，建设单位：X: a list of works names who builds each
                add(x, DEVELOPS, y, "develops_cobuild", text[s:e])
                continue
        if text[x.start - 1:x.start] == "由" and PASSIVE_BUILD.match(after) is not None:
            y = project_before(projects, x.start - 1, s, text)      # Y由X投资建设: X builds the Y before it
            if y is not None:
                add(x, DEVELOPS, y, "develops_cobuild", text[s:e])
                continue
        cm = cue["develops_cobuild"].match(after) or OWNER.match(after) or DEVELOPER.match(after)
        at = -1
        if not cm and SUPPORTED.search(text, max(s, x.start - 3), x.start):
            cm = cue["develops_build"].match(after)          # 支持长信科技建设Y: the company builds Y
        if not cm and cue["partners_before"].search(text[max(s, x.start - 3):x.start]):
            cm = cue["develops_build"].match(after)          # 联合中国移动打造Y: the partner builds Y too
            if not cm and (later := LATER_COBUILD.search(after)) is not None and not (
                    (k := bisect.bisect_right(ent_starts, x_end)) < len(ent_starts)
                    and ent_starts[k] < x_end + later.start()):       # no other party between
                at = x_end + later.end()     # 与大唐集团签订战略合作协议，共建Y: the partner co-builds Y
        if not cm and at < 0:
            continue
        if at < 0:
            at = x_end + cm.end()
        y = first_at(project_at, at, at + 2)
        if y is None and (mod := BUILT_WHAT.match(text, at, e)) is not None:     # 共同打造集…为一体的Y
            y = first_at(project_at, mod.end(), mod.end() + 1)
        if y is not None:
            add(x, DEVELOPS, y, "develops_cobuild", text[s:e])
            where = [r for r in regions if x_end < r.start and r.end <= at] if cm and "在" in cm.group() else []
            if where and text[where[0].start - 1] == "在":    # X(投资30亿元)在鄂尔多斯建设的Y: where X builds it (the last
                add(where[-1], HOSTS, y, "hosts_located", text[s:e])     # of a chain: 上海浦东新区)

    executive_builds(text, ents, projects, sentence, add)
    joint_partners(text, mentions, sentence, add)

    # 成立特别合作园管理局，启动建设滨萧特别合作园: the managing body develops what it manages.
    for x in ents:
        mb = MANAGING_BODY.search(x.name)
        core = x.name[:mb.start()] if mb else ""
        if len(core) < 2:
            continue
        s, e = sentence(x.start)
        for y in projects:
            if len(core) >= 3 and s <= y.start < e and y.name.endswith(core) \
                    or len(y.name) >= 2 and core.startswith(y.name):    # 金街|管理委员会 of the text's 金街
                add(x, DEVELOPS, y, "develops_managing_body", text[s:e])


def address_relations(text: str, mentions: list[Mention], sentence, add) -> None:
    """hosts_address: the last region of the address a project's name was written after hosts it.

    ``天津市和平区新兴街道卫津路社区乐昌里小区``: only the most specific place, the community.
    """
    regions = {m.start: m for m in mentions if m.label == REGION and m.region is not None}
    for m in mentions:
        pos = m.attrs.get("address") if m.label == PROJECT else None
        if pos is None:
            continue
        last = None
        while (r := regions.get(pos)) is not None and r.end <= m.start:
            last, pos = r, r.end
        if last is not None:
            s, e = sentence(m.start)
            add(last, HOSTS, m, "hosts_address", text[s:e])


def located_relations(text: str, mentions: list[Mention], sentence, add) -> None:
    """hosts_located: a project or enterprise that its sentence places in a named region.

    ``在履坦镇建设Y``, ``包河区大圩镇建成Y``, ``Y落户金华开发区``: the region (each of a
    prefix chain, down from the county) hosts Y, instead of the speaker's region (see ``_dedupe``). And
    implements_located: ``支持义乌市深化…试点``.
    """
    cue = cues()
    tops = sorted((m for m in mentions if not m.nested), key=attrgetter("start"))
    targets = [m for m in tops if m.label in (PROJECT, ENTERPRISE)]
    target_starts = [m.start for m in targets]
    programs = [m for m in tops if m.label == PROGRAM]
    program_starts = [m.start for m in programs]
    for chain in prefix_chains([m for m in tops if m.label == REGION and m.region is not None]):
        first, last = chain[0], chain[-1]
        local = [r for r in chain if r.region.level in LOCAL_LEVELS]
        if not local:
            continue                                # a city or province: the speaker's context
        s, e = sentence(first.start)
        before = text[max(s, first.start - 4):first.start]
        if NOT_LOCATED.search(before):
            continue
        hit: list[Mention] = []
        placed = cue["placed_at"].search(before)
        if placed:                                  # Y（项目已）落户R
            k = bisect.bisect_left(target_starts, first.start) - 1
            gap_end = max(s, first.start - 4) + placed.start()
            if k >= 0 and targets[k].start >= s and PLACED_GAP.fullmatch(text, targets[k].end, gap_end):
                hit.append(targets[k])
            elif before.endswith(("位于", "坐落于")) and text[last.end:last.end + 1] == "的":
                k = bisect.bisect_left(target_starts, last.end + 1)     # …，位于沧源县的X庄园
                if k < len(targets) and targets[k].start == last.end + 1:
                    hit.append(targets[k])
        elif first.start == s + 1 and before.endswith("在") and text[last.end:last.end + 1] in ",，":
            # 在天荒坪镇，安吉县引进X，建设Y: the place of the whole sentence
            hit = [y for y in targets if last.end <= y.start < e and (
                y.label == PROJECT or cue["hosts_enterprise"].search(text[s:y.start]))]
        else:
            pos = last.end
            pm = cue["implements_located"].match(text, pos)
            program = None
            if pm is not None:                      # the first program up to 2 characters after the verb
                k = bisect.bisect_left(program_starts, pm.end())
                if k < len(programs) and programs[k].start <= pm.end() + 2:
                    program = programs[k]
            if program is not None:                 # 支持义乌市深化国际贸易综合改革试点
                add(last, IMPLEMENTS, program, "implements_located", text[s:e])
            vm = cue["located_build"].match(text, pos)
            if vm is None and not before.endswith("在"):
                continue                            # R needs 在 or a verb to be a place
            at = vm.end() if vm else pos
            if vm is not None and (mod := MODIFIER.match(text, at)) is not None:
                at = mod.end()                      # 规划建设占地1200亩的Y
            k = bisect.bisect_left(target_starts, at)
            if k < len(targets) and targets[k].start <= at + 2 and targets[k].start < e \
                    and (targets[k].label == PROJECT or vm is not None or text[at:targets[k].start] == "的"):
                hit.append(targets[k])
        for y in hit:
            for r in local:
                add(r, HOSTS, y, "hosts_located", text[s:e])
