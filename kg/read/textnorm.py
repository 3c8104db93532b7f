"""Text normalization: control characters out; for recognition, traditional characters to simplified.

Recognition (gazetteers, title words, rules) is written for simplified Chinese,
so ``綦江區`` must be read as ``綦江区``. :func:`to_simplified` maps character by
character, so the result has the same length as its input and every character
offset found in it is valid in the original text: evidence can then be cut
from the original, traditional, text.

The tables are OpenCC's ``TSCharacters`` and ``TSPhrases`` dictionaries as
shipped inside the ``opencc-python-reimplemented`` wheel; they are read from
the installed package, lazily, and nothing is downloaded.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

from kg.errors import DataFileError

__all__ = ["to_simplified", "for_recognition", "without_controls"]

# A text in which fewer of the Chinese characters than this share are traditional is simplified
# already: those few are variant characters of names (鼎昇, 陶喆), to be kept as written. In a
# traditional text a fifth or more of the characters differ.
TRADITIONAL_SHARE = 0.05

_PACKAGE = "opencc"
_CHARACTERS = "dictionary/TSCharacters.txt"
_PHRASES = "dictionary/TSPhrases.txt"


def without_controls(text: str, keep: str = "\n\t") -> str:
    """``text`` without control, format, private-use and unassigned characters nor lone surrogates
    (Unicode category C), but those in ``keep``.

    A lone surrogate (``"\\ud800"`` in JSON) cannot be written as UTF-8, so every
    string that reaches the graph goes through here: text and metadata alike.
    """
    bare = text
    for ch in keep:
        bare = bare.replace(ch, "")
    if bare.isprintable():      # the usual case, checked fast
        return text
    return "".join(ch for ch in text if ch in keep or unicodedata.category(ch)[0] != "C")


def _read_pairs(name: str) -> list[tuple[str, str]]:
    """``(traditional, first simplified candidate)`` pairs of one OpenCC dictionary file."""
    path = resources.files(_PACKAGE).joinpath(name)
    pairs = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n").lstrip("\ufeff")
            if not line.strip():
                continue
            key, sep, values = line.partition("\t")
            candidates = values.split()
            if not sep or not key or not candidates:
                raise DataFileError(str(path), n, line, "expected 'TRADITIONAL<TAB>SIMPLIFIED ...'; "
                                    "reinstall opencc-python-reimplemented")
            pairs.append((key, candidates[0]))
    return pairs


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str], re.Pattern[str] | None, dict[str, str]]:
    """The character table for ``str.translate`` and the same-length phrase exceptions."""
    chars = {ord(k): v for k, v in _read_pairs(_CHARACTERS) if len(k) == 1 and len(v) == 1 and k != v}
    # Phrases fix what the character table gets wrong (乾隆 stays 乾隆, not 干隆);
    # only those that keep the length are used, so offsets stay valid.
    phrases = {k: v for k, v in _read_pairs(_PHRASES) if len(k) == len(v) > 1}
    phrases = {k: v for k, v in phrases.items() if k.translate(chars) != v}
    if not phrases:
        return chars, None, {}
    alternatives = sorted(phrases, key=lambda p: (-len(p), p))
    # Grouped by first character (乾(?:坤大挪移|隆)|…), each group keeping the order above: where a
    # phrase starts, the first one that matches is the same, but ``re`` tries only the phrases that
    # start with that character instead of all 258 in turn (half the time over a text).
    rests: dict[str, list[str]] = {}
    for p in alternatives:
        rests.setdefault(p[0], []).append(re.escape(p[1:]))
    grouped = "|".join(f"{re.escape(c)}(?:{'|'.join(r)})" for c, r in rests.items())
    return chars, re.compile(grouped), phrases


@functools.lru_cache(maxsize=1)
def _mapped() -> re.Pattern[str]:
    """Any character that the table maps to another, or any beyond the Basic Multilingual Plane.

    ``re`` tests a class of BMP characters against a bitmap; one character beyond
    it would make it compare every character of the class in turn, so those are
    all taken (a text with one is simply translated).
    """
    bmp = "".join(re.escape(chr(c)) for c in sorted(_tables()[0]) if c <= 0xFFFF)
    return re.compile("[" + bmp + "\U00010000-\U0010FFFF]")


def to_simplified(text: str) -> str:
    """Convert traditional Chinese characters to simplified ones, keeping the length.

    Simplified text, ASCII and every other character come back unchanged, so
    ``len(to_simplified(t)) == len(t)`` and offsets carry over.

    Args:
        text: any text.

    Returns:
        The text with each traditional character replaced by its usual simplified form.

    Example:
        >>> to_simplified("重慶市綦江區")
        '重庆市綦江区'
    """
    chars, pattern, phrases = _tables()
    # Most texts are simplified: one search in C finds that no character maps, where
    # ``translate`` would look up every character (0.2 ms of a 3,000-character text).
    out = text.translate(chars) if _mapped().search(text) else text
    if pattern is None:
        return out
    parts, last = [], 0
    for m in pattern.finditer(text):
        parts.append(out[last:m.start()])
        parts.append(phrases[m.group()])
        last = m.end()
    if not parts:
        return out
    parts.append(out[last:])
    return "".join(parts)


def for_recognition(text: str) -> str:
    """The text recognition reads: :func:`to_simplified` of a traditional text, a simplified one as is.

    A simplified text may still hold characters the table maps (四川鼎昇锂电科技有限公司):
    they are variants that names keep, so converting them would rename the company.
    The length is kept either way.
    """
    out = to_simplified(text)
    if out == text:
        return text
    changed = sum(a != b for a, b in zip(text, out))
    chinese = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return out if changed >= TRADITIONAL_SHARE * chinese else text
