"""Phrases the relations of things read (:mod:`.things`): who builds a project, and whose a clause is.

- who builds or owns a project (``develops``): an owner's investment (X投资30亿元的Y), a contractor or
  operator (X承建的Y, Y由X投资建设), a list's builder field (Y，建设单位：X), a company the region
  supports in building (支持X建设Y), a partner that co-builds (与X签约，共建Y);
- a project the region only links up with (对接X): no ``hosts``;
- a later clause's own region (凤桥镇建成X，新丰镇实施Y), which takes over from the sentence's.
"""

from __future__ import annotations

import re

from kg.nlp.discourse import holds
from kg.nlp.mention import Mention

# Between a project and the verb that places it: Y，项目已落户R.
PLACED_GAP = re.compile(r"[,，]?(?:该|这个)?(?:项目|企业|公司)?(?:已|将|正式|成功|顺利|已经|先后)*")
# Verbs that reach out to a project elsewhere (对接X, 借鉴X, 考察X): the speaker's region does not host X.
LINKED_ONLY = re.compile(r"(?:对接|借鉴|学习|考察|参观|对标)(?:了)?$")

# X投资30亿元的Y, X总投资3亿美元建设的Y, X投资建设的Y, X在包河布局的Y: X owns Y.
OWNER = re.compile(r"(?:(?:总)?投资(?:约|超|近|逾)?[\d.]+[万亿]?(?:美元|元|欧元)?(?:人民币)?(?:在[\u4e00-\u9fff]{2,8}?)?"
                   r"|投资|在[\u4e00-\u9fff]{2,8}?)"
                   r"(?:打造|建设|兴建|新建|布局|投资建设)?的")
# X承建的Y, X建设运营的Y, X投资建设Y: X builds or runs Y (a contractor builds it too).
DEVELOPER = re.compile(r"(?:承建|代建|开发建设|建设运营|投资运营|运营|开发|负责建设)的|投资(?:建设|兴建|新建)|承建")
# A project list's field naming who builds or owns the works before it: Y，建设单位：X.
OWNER_FIELD = re.compile(r"(?:建设单位|业主单位|项目业主|项目单位|实施单位|实施主体|投资主体|承建单位|投资方|建设主体)[：:]\s*$")
# Y由X投资建设 (not 由X投资建设的Y: then OWNER reads it): X builds the Y its clause opens with.
PASSIVE_BUILD = re.compile(r"(?:投资|负责)?(?:建设运营|开发建设|建设|承建|兴建|代建|开发|运营)(?![的\u4e00-\u9fff]{0,1}的)")


def project_before(projects: list[Mention], end: int, s: int, text: str) -> Mention | None:
    """The project whose name ends right before ``end`` (at most a comma and 该项目 between), in the sentence."""
    return next((p for p in projects if s <= p.start and p.end <= end
                 and PLACED_GAP.fullmatch(text, p.end, end)), None)


def first_at(at: dict[int, tuple[int, Mention]], lo: int, hi: int) -> Mention | None:
    """The first mention (in their list's order) of ``at`` (start -> its place in the list, and it) that
    starts in ``lo``..``hi``: a lookup per position, not a scan of the list."""
    found = [at[k] for k in range(lo, hi + 1) if k in at]
    return min(found)[1] if found else None


# The region's support for a company that builds: 支持X建设Y, 推动X打造Y.
SUPPORTED = re.compile(r"(?:支持|推动|鼓励|引导|帮助|协调|助力)$")
# A later clause of a partner's sentence that co-builds: 与X签订合作协议，共建Y (no other party between).
LATER_COBUILD = re.compile(r"^[^。；;]{0,24}?[，,]\s*(?:双方)?(?:将)?(?:共建|共同建设|合作建设|联合打造|共同打造|合资建设)")
# A campus or branch an institution opens elsewhere (X学院梁平校区, X医院重庆医院): its own.
BRANCH = re.compile(r"(?:校区|分校|院区|分院|医院)")
MANAGING_BODY = re.compile(r"(?:管理局|管理委员会|管委会|建设指挥部|指挥部|运营公司|建设公司)$")

# A description before what is built: 集“物流+贸易”为一体的, 占地300亩的.
BUILT_WHAT = re.compile(r"[^，。；,;]{2,24}?的")


def owns_next(owner: re.Match | None, end: int, project_starts: set[int]) -> bool:
    """Does an owner phrase after a name (``end``) lead straight to a project (X投资…的Y)?
    ``project_starts``: where the section's projects (not nested ones) start."""
    if owner is None:
        return False
    at = end + owner.end()
    return at in project_starts or at + 1 in project_starts or at + 2 in project_starts


CLAUSE_MARKS = "，；,;"


def clause_peer(text: str, s: int, pos: int, subj: Mention, region_at: dict[int, Mention],
                 opening: bool = False) -> Mention:
    """The region of ``subj``'s level that opens the clause of ``pos`` after the sentence's first
    clause (凤桥镇建成X，新丰镇实施Y), else ``subj``: a peer named as a later clause's subject takes over.
    With ``opening`` (an article's region), the sentence's own opening counts too (余杭区深入实施Y), as
    does a place the sentence opens with (在余杭区，…Y)."""
    c = max(text.rfind("，", s, pos), text.rfind("；", s, pos), text.rfind(",", s, pos), text.rfind(";", s, pos)) + 1
    r = region_at.get(c) if c > s else None       # (c: where the clause starts, after CLAUSE_MARKS)
    if r is not None and r.nested:
        r = None            # 临平|新城…项目: a place inside the clause's first name, not its subject
    if r is None and opening:
        r = region_at.get(s)          # 余杭区深入实施Y, 临平区则聚焦…，Y
        if r is None and text.startswith("在", s) and (first := region_at.get(s + 1)) is not None \
                and text[first.end:first.end + 1] in CLAUSE_MARKS:
            r = first       # 在余杭区，阿里巴巴…: the place of the whole sentence
    if r is None or r.key == subj.key or r.nested or r.end > pos or r.region is None or subj.region is None \
            or r.region.level != subj.region.level:
        return subj
    return r


def placed_inside(s: int, e: int, after_zai: list[Mention], host: Mention) -> Mention | None:
    """The region R inside ``host`` that the sentence ``s``..``e`` says 在R of (在沈阳 in a 辽宁 article);
    ``after_zai``: the section's regions written right after 在, in order."""
    return next((r for r in after_zai if host.region is not None and s <= r.start < e and r.key != host.key
                 and holds(host.region, r.region)), None)


CLAUSE_END = re.compile(r"[，,；;。]")


def clause_of(after: str) -> str:
    """What follows a company in its clause, at most 24 characters: 、Y等检验检测项目落户 (the list
    it heads settles too), not the next clause's verb."""
    end = m.start() if (m := CLAUSE_END.search(after, 0, 24)) is not None else min(len(after), 24)
    return after[:max(end, min(len(after), 12))]
