"""Lexicons live in ``kg/data``: this module finds and parses them, once per process.

Loaders fail loudly with the file and line of a bad entry, strip BOMs and
comments (``#``), and return tuples/dicts (not generators) for spaCy and regex
builders.
"""

from __future__ import annotations

import csv
import functools
import gc
import re
from importlib.resources import files
from pathlib import Path
from typing import Callable, Iterable, Iterator, ParamSpec, TypeVar

from kg.errors import DataFileError

_P = ParamSpec("_P")
_T = TypeVar("_T")


def long_lived(build: Callable[_P, _T]) -> Callable[_P, _T]:
    """``build`` run with the cyclic garbage collector paused: for what is built once and kept for
    the whole process (the pipeline: the gazetteer's 43,000 rows, the title grammar's regexes, the
    short names' trie of 27,000 dicts). The collector would walk the whole heap (the tokenizer's
    dictionary too) several times while they are made, and free none of them. (``kg build``
    already builds its pipeline inside :func:`kg.run.build.gc_paused`; this serves a pipeline or a
    gazetteer built anywhere else, as in a notebook or a worker's fork server.)"""
    @functools.wraps(build)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return build(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()
    return paused


def data_path(name: str) -> Path:
    """Path of a shipped data file."""
    return Path(str(files("kg") / "data" / name))


@functools.lru_cache(maxsize=None)
def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a text data file, longest first."""
    out: list[str] = []
    path = data_path(name)
    with open(path, encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if len(line.split()) > 1:      # (split cuts at the characters isspace() names, in C)
                raise DataFileError(str(path), n, line, "one entry per line, no spaces")
            out.append(line)
    return tuple(longest_first(out))


@functools.lru_cache(maxsize=None)
def read_table(name: str, required: tuple[str, ...] = ()) -> tuple[dict[str, str], ...]:
    """Rows of a CSV data file as dicts; checks that ``required`` columns are filled."""
    path = data_path(name)
    rows = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        lines = (ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#"))
        for n, row in enumerate(csv.DictReader(lines), 2):
            for col in required:
                if not (row.get(col) or "").strip():
                    raise DataFileError(str(path), n, ",".join(row.values()), f"column {col!r} is empty")
            rows.append({k: (v or "").strip() for k, v in row.items()})
    return tuple(rows)


@functools.lru_cache(maxsize=None)
def grouped(name: str, key: str, value: str) -> dict[str, tuple[str, ...]]:
    """The ``value`` column of a CSV data file grouped by its ``key`` column, in file order
    (``grouped("triggers.csv", "rule", "word")``: each rule's cue words). Read-only: it is shared."""
    out: dict[str, list[str]] = {}
    for row in read_table(name, (key, value)):
        out.setdefault(row[key], []).append(row[value])
    return {k: tuple(v) for k, v in out.items()}


def alternation(words) -> str:
    """A regex alternation of literal words in which the longest word that matches wins.

    The words are factored by their characters (发展|发挥|发 -> ``发(?:展|挥|)``): ``re``
    tries the alternatives of a branch one by one, and a flat list of a few hundred words
    cost a check of each at every position. At each point the one character of the text
    picks the one branch that can go on, and the empty alternative comes last, so the
    words that match are tried longest first, as in ``w1|w2|…`` sorted by length: the same
    match everywhere, backtracking included (no ``re.IGNORECASE``, under which two branches
    could match one character).
    """
    root: dict = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _branches(root, top=True)


def _branches(node: dict, top: bool = False) -> str:
    alts = [re.escape(ch) + _branches(sub) for ch, sub in sorted(node.items()) if ch]
    if "" in node:
        alts.append("")         # the word ends here: tried after every longer one
    if top or len(alts) <= 1:
        return "|".join(alts)
    return "(?:" + "|".join(alts) + ")"


def longest_first(words: Iterable[str]) -> list[str]:
    """The distinct ``words``, longest first, then in code point order: sorted by ``(-len(w), w)``
    (two stable sorts in C instead of a key tuple built per word)."""
    return sorted(sorted(set(words)), key=len, reverse=True)


def first_chars(words) -> str:
    """The first characters of ``words``, escaped for a regex character class (``[...]``).

    A lookahead of them in front of a pattern whose start is optional lets ``re``
    skip the positions where no word starts, instead of trying every alternative.
    """
    return "".join(re.escape(ch) for ch in sorted({w[0] for w in words if w}))


_START = re.Match.start


class Trie:
    """Leftmost-longest matching of many words, one dict step per character.

    A regex alternation of thousands of place names tries its branches one by
    one at every position; walking a character trie costs a dict lookup per
    character and was 12x faster on news text.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.root: dict = {}
        words = [w for w in words if w]
        for w in words:
            node = self.root
            for ch in w:
                node = node.setdefault(ch, {})
            node[""] = True
        # ``re`` skips to the next possible start faster than a Python loop: a first character
        # followed by possible second and third ones, as far as the shortest word reaches.
        self.depth = min(3, min(map(len, words), default=0))
        classes = ["".join(re.escape(ch) for ch in sorted({w[k] for w in words})) for k in range(self.depth)]
        # The words' first ``depth`` characters: most positions the character classes let through
        # start no word, and one set lookup tells (None: a word has one character).
        self.prefixes = {w[:self.depth] for w in words} if self.depth >= 2 else None
        if not self.root:
            self.first = re.compile(r"(?!)")
        else:
            ahead = "".join(f"[{c}]" for c in classes[1:])
            self.first = re.compile(f"[{classes[0]}]" + (f"(?={ahead})" if ahead else ""))

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of non-overlapping longest matches, scanning left to right."""
        root, n, prefixes, depth, i = self.root, len(text), self.prefixes, self.depth, 0
        starts = list(map(_START, self.first.finditer(text)))     # (in C: most of them start no word)
        if prefixes is not None:
            starts = [k for k in starts if text[k:k + depth] in prefixes]
        for k in starts:
            if k < i:
                continue        # inside the last match
            i = k
            node = root[text[i]]
            j, end = i + 1, -1
            while True:
                if "" in node:
                    end = j
                if j >= n:
                    break
                node = node.get(text[j])
                if node is None:
                    break
                j += 1
            if end > 0:
                yield i, end
                i = end
