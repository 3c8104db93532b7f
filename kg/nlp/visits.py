"""Sentences of a visit report, and level words that point back to a region.

Inside a report of an official's inspection tour (:func:`kg.nlp.report_sections.visit_section`),
a paragraph set in a stop (在X经开区，… / 21日，某某来到Y市。) is that stop's, the visitor's call
(他强调，要深入实施…) the visitor's region's, and the list of those who came along no one's
(:func:`visit_sentence`, asked by :func:`kg.nlp.discourse.local_subjects`). 旗里/县里/全旗… is the
region of that level named last (:func:`level_anaphor`).
"""

from __future__ import annotations

import re
from typing import Callable

from kg.nlp.mention import Mention
from kg.schema import ORGANIZATION, REGION

# A visit's next stop: [21日，]某某(一行)来到Y市 (rule visit_report).
WENT_TO = re.compile(r"(?:[^，,。；;“”\n]{1,8}[，,])?[\u4e00-\u9fff·]{1,12}?(?:一行)?(?:来到|前往|赶赴|抵达|转赴|到)")
# The list of officials who came along on a visit: …等陪同调研。/ 陪同调研的有：…
ACCOMPANY = re.compile(r"^(?:[^，,。；;“”\n]{1,8}[，,])?(?:陪同|随同|参加)(?:调研|考察|视察|走访)?的(?:领导)?有|"
                       r"(?:陪同|随同|参加)(?:调研|考察|视察|走访)?[。；;]?$")
# The visitor's call: 他强调，要… / 某某指出，必须…
CALL = re.compile(r"(?:[^，,。；;“”\n]{1,8}[，,])?[\u4e00-\u9fff·]{1,12}?(?:强调|指出|要求|叮嘱|表示|说)[，,：:]"
                  r"(?:要|必须|务必|坚持|持续|加快|进一步)")



def visit_sentence(text: str, s: int, e: int, r: Mention | None, locative: bool, opens: bool,
                   by_start: dict[int, Mention], chain_at: Callable, not_subject_after) -> tuple[bool, Mention | None]:
    """Whose the sentence ``s``..``e`` of a visit report is: ``(True, place)`` where it sets the
    paragraph in ``place``, ``(True, None)`` where it is the visitor's region's (a call, the list of
    those who came along), ``(False, None)`` where the ordinary rules decide. ``r`` and ``locative``:
    the subject the sentence opens with, and whether only as a place (在X，)."""
    if ACCOMPANY.search(text[s:e]) is not None:
        return True, None       # 郑州市委书记X…等陪同调研: the list of those who came along is no one's subject
    if r is None and (went := WENT_TO.match(text, s, e)) is not None:
        r = chain_at(went.end(), by_start)      # 21日，赵明远来到新乡市。: the visit's next stop
        if r is not None and r.label == REGION and text[r.end:r.end + 1] not in not_subject_after:
            return True, r
        r = None
    if CALL.match(text, s, e):
        return True, None       # 他强调，要深入实施…: the visitor's call, for the visitor's region
    if opens and r is not None and (locative or r.label == ORGANIZATION):
        # 在郑州经开区，…: the paragraph's companies are the zone's; X实验室是…平台。…得知实验室已与Y
        # 联合攻关: the paragraph is X's
        return True, r
    return False, None


# Rule level_anaphor: 旗里积极落实…, 县里…, 全旗…: the region of that level the text named last.
LEVEL_ANAPHOR = re.compile(r"(?:[^，,。；;“”\n]{1,8}[，,])?(?:(?P<a>[旗县市区州盟镇乡])里|全(?P<b>[旗县市区州盟镇乡]))")
ANAPHOR_BACK = 200


def level_anaphor(text: str, s: int, e: int, by_start: dict[int, Mention]) -> Mention | None:
    """The region a sentence opening with 旗里/县里/全旗… points back to, if any."""
    ana = LEVEL_ANAPHOR.match(text, s, e)
    return _level_named_last(ana.group("a") or ana.group("b"), s, by_start) if ana is not None else None


def _level_named_last(word: str, s: int, by_start: dict[int, Mention]) -> Mention | None:
    """The region whose name ends with the level word ``word`` (旗) named last before ``s``, nearby."""
    best = None
    for start, m in by_start.items():
        if s - ANAPHOR_BACK <= start < s and m.label == REGION and m.name.endswith(word) \
                and (best is None or start > best.start):
            best = m
    return best
