"""Project attributes: the investment amount and the stage words the text gives.

``总投资80亿元的…项目`` → ``investment: 80亿元``; ``…项目开工建设，年内建成投产`` →
``stages: [开工, 建成, 投产]``. An amount belongs to the nearest project of its
sentence with no other project in between; stage words belong to every project
of their sentence, from the start of the project's clause up to the next project.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import alternation, read_lines
from kg.nlp.mention import Mention, doc_sentences, doc_text
from kg.schema import A_INVESTMENT, A_STAGES, PROJECT

AMOUNT = re.compile(r"(?:计划|预计)?(?:总投资额?|投资总额|投资额|投资)(?:约|近|超|达|逾|超过)?"
                    r"(?P<amount>\d+(?:\.\d+)?(?:万|亿|万亿)?(?:美)?元)")
CLAUSE_MARKS = "，,；;。！？!?\n"
CLAUSE_END = re.compile(f"[{CLAUSE_MARKS}]")
CLAUSE_START = re.compile(f"[{CLAUSE_MARKS}](?=[^{CLAUSE_MARKS}]*$)")   # the last clause mark
# A clause that reports the schedule of the project before it: ，计划2025年建成投产.
SCHEDULE = re.compile(r"(?:计划|预计|力争|有望|将|年内|今年|明年|目前|现已|已|\d{4}年)")


@functools.lru_cache(maxsize=1)
def stage_regex() -> re.Pattern:
    """The stage words of projects (开工, 投产…: ``project_stages.txt``)."""
    return re.compile(alternation(read_lines("project_stages.txt")))


class ProjectAttributes:
    """Sets ``investment`` and ``stages`` on project mentions."""

    def __init__(self) -> None:
        self.stages = stage_regex()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        projects = [m for m in doc._.kg_mentions or [] if m.label == PROJECT and not m.nested]
        if not projects:
            return doc
        sents = doc_sentences(doc)
        starts = [s for s, _ in sents]
        by_sentence: dict[int, list[Mention]] = {}
        for m in projects:
            by_sentence.setdefault(bisect_right(starts, m.start) - 1, []).append(m)
        for k, inside in sorted(by_sentence.items()):
            s, e = sents[k] if k >= 0 else (0, len(text))
            self._amounts(text, s, e, inside)
            self._stages(text, s, e, inside)
        return doc

    def _amounts(self, text: str, s: int, e: int, projects: list[Mention]) -> None:
        if text.find("投资", s, e) < 0:
            return          # every amount is written with 投资 (most sentences have none)
        for a in AMOUNT.finditer(text, s, e):
            if text.startswith("的", a.end()) and not any(m.start - a.end() in (1, 2) for m in projects):
                continue          # 总投资50亿元的重大项目3个: the amount is of what follows 的
            nearest = min(projects, key=lambda m: (_distance(m, a.start(), a.end()), m.start))
            lo, hi = sorted((nearest.start, a.start()))
            if any(lo < m.start < hi and m is not nearest for m in projects):
                continue
            nearest.attrs.setdefault(A_INVESTMENT, a.group("amount"))

    def _stages(self, text: str, s: int, e: int, projects: list[Mention]) -> None:
        """Stage words of a project's own clause, and of the clauses after it that report its
        schedule (，计划2025年建成投产) before another project comes."""
        starts = [projects[0].start] if len(projects) == 1 else sorted([m.start for m in projects])
        for m in projects:
            lo = max(s, m.start - 40)
            back = CLAUSE_START.search(text, lo, m.start)
            left = back.end() if back else lo
            k = bisect_right(starts, m.start)
            nxt = starts[k] if k < len(starts) else e      # the next project's start
            # The stage words are literals: searching a span of the text finds what its slice holds.
            found = self.stages.findall(text, max(left, lo), m.start)
            pos = m.end
            while pos < min(e, nxt):
                cut = CLAUSE_END.search(text, pos, e)
                end = min(cut.start() if cut else e, nxt)
                found += self.stages.findall(text, pos, end)
                pos = end + 1
                if not SCHEDULE.match(text, pos) or pos >= nxt:
                    break
            if found:
                stages = m.attrs.setdefault(A_STAGES, [])
                stages.extend(w for w in dict.fromkeys(found) if w not in stages)


def _distance(m: Mention, start: int, end: int) -> int:
    """Characters between a mention and the span ``start..end`` (0 when they touch)."""
    return abs(start - m.end) if m.end <= start else abs(m.start - end)


@Language.factory("kg_project_attributes", requires=["doc._.kg_mentions"], assigns=["doc._.kg_mentions"])
def make_project_attributes(nlp: Language, name: str) -> ProjectAttributes:
    return ProjectAttributes()
