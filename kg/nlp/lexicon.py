"""Lexicons live in ``kg/data``: this module finds and parses them, once per process.

Loaders fail loudly with the file and line of a bad entry, strip BOMs and
comments (``#``), and return tuples/dicts (not generators) for spaCy and regex
builders.
"""

from __future__ import annotations

import csv
import functools
import re
from importlib.resources import files
from pathlib import Path

from kg.errors import DataFileError


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
            if any(c.isspace() for c in line):
                raise DataFileError(str(path), n, line, "one entry per line, no spaces")
            out.append(line)
    return tuple(sorted(set(out), key=lambda s: (-len(s), s)))


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


def alternation(words) -> str:
    """A regex alternation of literal words, longest first so the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda s: (-len(s), s)))


def trie_regex(words) -> str:
    """A compact regex matching any of ``words``, preferring the longest (a character trie).

    Plain alternations of thousands of words are slow in ``re``; a trie shares
    prefixes, so matching costs about the length of the longest word.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return emit(trie)
