"""Person names next to titles: where a name written after (or before) a post starts and ends.

A name is a surname (``surnames.txt``) and one or two given characters, so a
title followed by ``孙强便介绍`` offers 孙强 and 孙强便. Which one is the name is
a question of words, not of a list: 便 is an adverb there, 时 in ``见到县委书记王智时``
a time word, while 江 in 曹裕江 and 刚 in 李志刚 end names. jieba ships a
part-of-speech model of characters (an HMM trained on tagged news text,
``jieba/posseg/*.p``) that tells, in context, whether a character ends a
person's name (``E``/``nr``) or is a word of its own (``S``/``d``, ``S``/``ng``).
kg reads its tables directly (importing jieba's module would set up its global
tokenizer and logging) and asks it only when a three-character name is in doubt.

A name written before its title (``习近平总书记``) starts where jieba's words
say: a dictionary name is one word (李强), an unknown one single characters.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import os
import pickle
import re
from bisect import bisect_left
from pathlib import Path
from typing import AbstractSet, Callable

from kg.nlp.lexicon import alternation, read_lines
from kg.nlp.tokenizer import shared_cutter
from kg.nlp.wordclass import save_cache, word_classes

_MIN = -3.14e100          # jieba's floor for an unseen emission
# The posseg tags of a name: nr (person), nrfg and nrt (full and transliterated names).
_NAME_TAG = re.compile(r"^nr")
SAID = "说"                # right after a name, never the end of one
CLEAR = 1.0               # a reading e times more probable than the other is the one taken
FUNCTION_CHARACTER_TAGS = frozenset("d p c u".split())
FOLLOWER_TAGS = frozenset("v p c u d".split())        # the classes of a word that follows a subject
# Rule modifier_ends_name: a character that, as a word of its own, is mostly an adjective or a
# numeral (jieba's HMM: 强 a, 一 m) ends a name when a follower word comes right after it: it
# would modify or count nothing between a name and 说 or 出席 (王加|一说, 赵刚|强出席 are no
# readings). 李娜|一同 goes on into a word of its own, so no follower comes after 一.
MODIFIER_TAGS = frozenset("a m".split())
# Rule dotted_name: a name of a minority or foreign person, its parts joined by a middle dot
# (买买提·吐尔逊, 阿依古丽·买买提); it needs no surname of the list.
DOTTED = re.compile(r"[\u4e00-\u9fff]{1,6}[·・•‧]")
DOT_PARTS = 8
# Rule ethnic_name: a name of a Mongolian, Tibetan, Uyghur, Kazakh or Yi person without a Han surname
# and without a dot, made of the common name words of its language (ethnic_name_parts.txt): two or
# more (巴图|孟和, 扎西|次仁, 买买提|依明), or one of three characters or more (巴特尔). It runs to its
# true end: 巴图孟和, not the 巴图孟 a surname (巴) and two given characters would make.
ETHNIC_PARTS = frozenset(read_lines("ethnic_name_parts.txt"))
ETHNIC_FIRST = frozenset(p[:2] for p in ETHNIC_PARTS)
ETHNIC_MAX_PARTS = 4
# What a character after a name word is, as a word of its own, when it ends the name (时, 便, 后, 在).
NOT_NAME_TAGS = frozenset("ng t d p c u f v r".split())
ETHNIC_TAIL = re.compile(r"([\u4e00-\u9fff]{1,5}?)(?:[\s,，。、；;：:（(）)”！？]|说|表示|介绍|指出|强调|主持)")
# The same names in a line's regex (a speaker's line ending with the name): two to four words.
ETHNIC_NAME = rf"(?:{alternation(ETHNIC_PARTS)}){{2,{ETHNIC_MAX_PARTS}}}"


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def name_model() -> None:
    """Load jieba's part-of-speech model now (the pipeline does, once for all its workers)."""
    _model()


@functools.lru_cache(maxsize=1)
def _model() -> tuple[dict, dict, dict, dict]:
    """jieba's posseg HMM: start, transition and emission log probabilities, states per character.

    jieba ships them as text pickles (protocol 0), which take about 80 ms to
    read; the same tables as one binary pickle in the user's cache folder (beside
    the word classes) take about 30.
    """
    base = _posseg_dir()
    path: Path | None = None
    try:
        path = _model_cache(base)
        with open(path, "rb") as fh:
            tables = pickle.load(fh)
        if isinstance(tables, tuple) and len(tables) == 4 and all(isinstance(t, dict) for t in tables):
            return tables
    except Exception:          # absent, unreadable or stale (or no home folder): read from jieba again
        pass
    tables = tuple(_read_table(base / name) for name in _TABLES)
    if path is not None:
        save_cache(path, tables)
    return tables[0], tables[1], tables[2], tables[3]


_TABLES = ("prob_start.p", "prob_trans.p", "prob_emit.p", "char_state_tab.p")


def _posseg_dir() -> Path:
    spec = importlib.util.find_spec("jieba")            # found, not imported
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is not installed: pip install jieba")
    return Path(spec.origin).parent / "posseg"


def _model_cache(base: Path) -> Path:
    """The cache's name records jieba's version and the tables' sizes and times: a new install reads them again."""
    stats = [(base / n).stat() for n in _TABLES]
    stamp = f"{sum(st.st_size for st in stats)}-{int(max(st.st_mtime for st in stats))}"
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
    return folder / f"jieba-posseg-{importlib.metadata.version('jieba')}-{stamp}.pickle"


def _read_table(path: Path) -> dict:
    with open(path, "rb") as fh:       # jieba's own package data
        return pickle.load(fh)


def path_score(s: str, allowed: dict[int, Callable[[tuple[str, str]], bool]]) -> float:
    """Log probability of the best tagging of ``s`` whose states at the given positions pass ``allowed``.

    jieba's ``posseg.viterbi`` on its tables, with some positions constrained:
    states are (position in a word, tag), positions B(egin), M(iddle), E(nd)
    of a word or S (a one-character word).
    """
    start, trans, emit, states = _model()
    every = tuple(trans)

    def cands(i: int, base) -> set:
        return {y for y in base if allowed[i](y)} if i in allowed else set(base)

    prob = {y: start.get(y, _MIN) + emit[y].get(s[0], _MIN) for y in cands(0, states.get(s[0], every))}
    for i, ch in enumerate(s[1:], 1):
        prev = [x for x in prob if trans[x]]
        expected = {y for x in prev for y in trans[x]}
        row = {}
        for y in cands(i, (set(states.get(ch, every)) & expected) or expected or set(every)):
            e = emit[y].get(ch, _MIN)
            row[y] = max(prob[x] + trans[x].get(y, float("-inf")) + e for x in prev)
        prob = row
        if not prob:
            return float("-inf")
    return max(prob.values())


def _name_state(pos: str) -> Callable[[tuple[str, str]], bool]:
    return lambda y: y[0] == pos and bool(_NAME_TAG.match(y[1]))


def _not_in_name(y: tuple[str, str]) -> bool:
    return not (y[0] in "ME" and _NAME_TAG.match(y[1]))


@functools.lru_cache(maxsize=8192)
def name_readings(s: str) -> tuple[float, float]:
    """Log probabilities of the best tagging of ``s`` that starts with a two-character name, and of
    the best that starts with a three-character one. Names come back, so they are cached."""
    two = path_score(s, {0: _name_state("B"), 1: _name_state("E"), 2: _not_in_name})
    three = path_score(s, {0: _name_state("B"), 1: _name_state("M"), 2: _name_state("E")})
    return two, three


@functools.lru_cache(maxsize=8192)
def best_reading(s: str) -> float:
    """Log probability of the best tagging of ``s`` at all."""
    return path_score(s, {})


@functools.lru_cache(maxsize=None)
def may_stand_alone(ch: str) -> bool:
    """Is ``ch`` at least as probably a word of its own (S) as the end of a name (E, nr), by the
    model's emissions alone? 时, 便, 说: yes; 江, 林, 华: no, and then no reading is computed."""
    _, _, emit, states = _model()
    own = max((emit[y].get(ch, _MIN) for y in states.get(ch, ()) if y[0] == "S" and not _NAME_TAG.match(y[1])),
              default=_MIN)
    return own >= emit[("E", "nr")].get(ch, _MIN)


@functools.lru_cache(maxsize=None)
def _lone_tag(ch: str) -> str:
    """The most probable tag of ``ch`` as a one-character word (S) in jieba's HMM, or ""."""
    _, _, emit, states = _model()
    best = max(((emit[y].get(ch, _MIN), y[1]) for y in states.get(ch, ()) if y[0] == "S"), default=(_MIN, ""))
    return best[1]


def two_over_three(s: str) -> float:
    """How much more probable (log) it is that ``s`` starts with a two-character name than with a
    three-character one: 王智时 1.7, 孙强便介 4.1; 曹裕江 -3.5, 李志刚说 -2.8."""
    if len(s) < 3:
        return float("inf")
    two, three = name_readings(s)
    return two - three


def _cjk_run(text: str, i: int, n: int) -> str:
    j = i
    while j < len(text) and j - i < n and is_cjk(text[j]):
        j += 1
    return text[i:j]


def _is_function_character(ch: str) -> bool:
    """An adverb, preposition, conjunction or particle of one character (便, 在, 和, 的)."""
    return word_classes().get(ch, "") in FUNCTION_CHARACTER_TAGS


def name_after(text: str, i: int, surname: re.Pattern, follow: re.Pattern,
               titles: re.Pattern | None = None) -> str | None:
    """The name that starts at ``i`` (right after a title), or ``None``.

    ``titles`` (the title words) never end a name: in ``由县长任组长`` 任 is a verb.

    Three characters are tried before two, each only where what follows may
    follow a name (``follow``: punctuation, 说, 表示, 介绍…); a three-character
    name whose third character is more probably a word of its own is two
    characters (:func:`two_over_three` at least ``CLEAR``, or above 0 where that character is a
    function word of jieba's dictionary: 便, 就, 在). Where no follower
    word is written (``王楠站在``), the model alone decides, when it is clear.
    """
    dm = DOTTED.match(text, i)
    if dm is not None:
        return _dotted(text, dm.end(), i, follow)
    if text[i:i + 2] in ETHNIC_FIRST and (en := ethnic_name(text, i, follow)) is not None:
        return en
    sm = surname.match(text, i)
    if not sm or titles is not None and titles.match(text, sm.end()):
        return None
    run = _cjk_run(text, i, 4)        # the name and the character after it
    for given in (2, 1):
        end = sm.end() + given
        cand = text[i:end]
        if len(cand) > 4 or len(cand) < 2 or len(run) < len(cand):
            continue
        if not follow.match(text, end) or (given == 2 and cand.endswith(SAID)):
            continue          # 区长刘婧说，: the name is 刘婧
        if len(cand) == 3 and may_stand_alone(cand[2]) and _lone_tag(cand[2]) not in MODIFIER_TAGS \
                and two_over_three(run) >= (0 if _is_function_character(cand[2]) else CLEAR):
            return cand[:2]
        return cand
    if sm.end() - i == 1 and len(run) >= 3:
        two, three = name_readings(run)
        if two - three >= CLEAR and two - best_reading(run) > -CLEAR:
            return run[:2]
        if three - two >= CLEAR and three - best_reading(run) > -CLEAR and len(run) >= 4:
            return run[:3]
        if not two - three >= CLEAR and _opens_with_verb_or_function_word(text, i + 3, whole=True):
            return run[:3]    # 刘洪建|深入, 赵立新|带领: a verb of two characters after three
        if not three - two >= CLEAR and _opens_with_verb_or_function_word(text, i + 2):
            # A verb or function word right after two characters ends the name there, unless
            # the model clearly reads three (扈彬没少往…, 李娜一同调研; 扈 is a surname it never saw).
            return run[:2]
    return None


def ethnic_name(text: str, i: int, follow: re.Pattern) -> str | None:
    """The longest name of name words (rule ethnic_name) that starts at ``i`` and that a follower
    ends, or ``None``."""
    reach = {i: 0}          # where a run of name words starting at i may end -> how many words
    for pos in range(i, i + 6 * ETHNIC_MAX_PARTS):
        n = reach.get(pos)
        if n is None or n >= ETHNIC_MAX_PARTS:
            continue
        for k in range(2, 7):
            if text[pos:pos + k] in ETHNIC_PARTS:
                reach.setdefault(pos + k, n + 1)
    for j in sorted(reach, reverse=True):
        if j - i >= 3 and follow.match(text, j):
            return text[i:j]
    # A name word, then words no list holds, up to a comma or 说 (阿不都|克尤木说): the whole run.
    first = max((j for j, n in reach.items() if n == 1), default=i)
    if first > i and follow.match(text, first):
        return text[i:first]        # one name word of two characters: 达瓦介绍, 尼玛说
    if first == i or first >= len(text):
        return None
    tail = ETHNIC_TAIL.match(text, first)
    if tail is not None and tail.end(1) - i >= 4 and _lone_tag(text[first]) not in NOT_NAME_TAGS:
        return text[i:tail.end(1)]      # …but 其木格|时: a word of its own (时, 便, 后) ends the name before it
    if first - i >= 3 and _lone_tag(text[first]) in NOT_NAME_TAGS:
        return text[i:first]
    return None


def is_ethnic_name(name: str) -> bool:
    """Is ``name`` a name of name words as a whole (rule ethnic_name: 额尔敦毕力格, 阿不都克尤木)?"""
    return ethnic_name(name + "。", 0, _FULL_STOP) == name


_FULL_STOP = re.compile("。")


def _dotted(text: str, at: int, i: int, follow: re.Pattern) -> str | None:
    """The shortest dotted name ``text[i:…]`` whose last part (from ``at``) a follower ends."""
    run = _cjk_run(text, at, DOT_PARTS + 1)
    for n in range(1, len(run) + 1):
        if follow.match(text, at + n):
            return text[i:at + n]
    return None


def _opens_with_verb_or_function_word(text: str, at: int, whole: bool = False) -> bool:
    """Does jieba's first word of ``text[at:]`` belong to a class that follows a subject (没少, 便)?
    With ``whole``, only a word of two characters or more counts."""
    first = next(iter(shared_cutter()(text[at:at + 6])), "")
    return (len(first) >= 2 or not whole) and word_classes().get(first, "") in FOLLOWER_TAGS


def name_before(text: str, end: int, surname: re.Pattern, bounds: AbstractSet[int],
                starts: list[int]) -> int | None:
    """Where the name that ends at ``end`` (right before a title) starts, or ``None``.

    ``bounds`` and ``starts`` (sorted) are the starts of jieba's words. The
    name is a person's name of jieba's dictionary (李强 in ``会见李强总理``), or,
    where jieba knows no word there, the single characters before the title,
    three if they read as a name, else two (丁薛祥). ``国务院总理`` has no name before it.
    """
    if end not in bounds:
        return None
    k = bisect_left(starts, end) - 1
    if k < 0:
        return None
    s = starts[k]
    if end - s > 1:
        return s if word_classes().get(text[s:end], "").startswith("nr") else None
    for n in (3, 2):
        s = end - n
        run = text[s:end] if s >= 0 else ""
        if len(run) == n and all(is_cjk(c) for c in run) and all(p in bounds for p in range(s, end)) \
                and surname.match(run) and not _is_function_character(run[-1]):
            states = {0: _name_state("B"), n - 1: _name_state("E")} | ({1: _name_state("M")} if n == 3 else {})
            if path_score(run, states) - path_score(run, {}) > -CLEAR:
                return s
    return None
