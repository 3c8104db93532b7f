"""Part of stage 1, read: the date of a document.

A document's date comes from, in order:

1. an explicit value: a ``date`` field of a JSONL line, a sidecar
   ``NAME.meta.json``, YAML front matter or an HTML ``<meta>`` date;
2. the text: a full date (``2023年7月28日``, ``2023-07-28``,
   ``二〇二三年七月二十八日``), or a month and day (``7月27日``) whose year
   the heading or dateline states (``2023年第二季度重点项目集中开工``);
   whichever comes first in the text;
3. the file name (``2023-07-28-开工.txt``, ``20230728_news.txt``);
4. a default for the whole build (``kg build --date``).

Documents without any of these have no date (``None``) and still go in the graph.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import PurePath

from kg.errors import InputError

__all__ = ["document_date", "parse_date", "date_in_text", "date_in_name"]

MIN_YEAR, MAX_YEAR = 1900, 2099
HEAD_CHARS = 200        # the dateline: this many characters at the top of the text

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# The patterns start with a character (not with a lookbehind or a repeat), so the regex engine
# can skip ahead to where a match may begin instead of trying every position of a long text:
# "1(?<![0-9].)9" is "(?<![0-9])19", the lookbehind moved after the first digit.
_YEAR = r"((?:1(?<![0-9].)9|2(?<![0-9].)0)[0-9]{2})"
_FULL_CN = re.compile(_YEAR + r"\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]")
_FULL_DASH = re.compile(_YEAR + r"([-/.])([0-9]{1,2})\2([0-9]{1,2})(?![0-9])")
_FULL_CN_NUM = re.compile(r"([〇○零一二三四五六七八九][〇○零一二三四五六七八九]{3})年([一二三四五六七八九十]{1,3})月"
                          r"([一二三四五六七八九十]{1,3})[日号]")
_MONTH_DAY = re.compile(r"([0-9](?<![0-9年][0-9])[0-9]?)\s*月\s*([0-9]{1,2})\s*[日号]")
_FULLWIDTH = re.compile("[０-９]")
_YEAR_ONLY = re.compile(_YEAR + r"\s*年")
_NAME_DATE = re.compile(r"(?<![0-9A-Za-z])((?:19|20)[0-9]{2})([-_.]?)([0-9]{2})\2([0-9]{2})(?![0-9A-Za-z])")
_VALUE = re.compile(r"\s*([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?(?:[\sT].*)?",
                    re.S)


def _iso(year: int | str, month: int | str, day: int | str) -> str | None:
    """``YYYY-MM-DD`` when the three numbers make a real date in range, else None."""
    try:
        d = dt.date(int(year), int(month), int(day))
    except (ValueError, OverflowError):
        return None
    return d.isoformat() if MIN_YEAR <= d.year <= MAX_YEAR else None


def _cn_number(s: str) -> int:
    """``十`` -> 10, ``二十八`` -> 28, ``七`` -> 7 (1 to 99)."""
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[s]


def parse_date(value: object) -> str | None:
    """Normalize a date value to ``YYYY-MM-DD``.

    Accepts ``datetime.date``/``datetime`` objects and strings such as
    ``2023-07-28``, ``2023/7/28``, ``2023.07.28``, ``2023年7月28日`` or
    ``2023-07-28 10:00:00`` (the time is dropped).

    Args:
        value: the value to read.

    Returns:
        The ISO date, or None when ``value`` is not a date.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat() if MIN_YEAR <= value.year <= MAX_YEAR else None
    if not isinstance(value, str):
        return None
    m = _VALUE.fullmatch(value.translate(_FULLWIDTH_DIGITS))
    return _iso(*m.groups()) if m else None


def _year_context(text: str) -> str | None:
    """The year the heading (first non-empty line) or the dateline states."""
    for line in text.splitlines():
        if line.strip():
            m = _YEAR_ONLY.search(line)
            if m:
                return m.group(1)
            break
    m = _YEAR_ONLY.search(text[:HEAD_CHARS])
    return m.group(1) if m else None


def date_in_text(text: str) -> str | None:
    """The first date the text states, full or as month and day with a known year.

    Args:
        text: the document text.

    Returns:
        The ISO date, or None when the text states none that can be placed in a year.
    """
    if _FULLWIDTH.search(text):
        text = text.translate(_FULLWIDTH_DIGITS)   # slow on long texts: only when needed
    found: list[tuple[int, str]] = []
    months = "月" in text       # every pattern but 2023-07-28 needs one: no scan without
    for m in _FULL_CN.finditer(text) if months else ():
        if iso := _iso(m.group(1), m.group(2), m.group(3)):
            found.append((m.start(), iso))
            break
    for m in _FULL_DASH.finditer(text):
        if iso := _iso(m.group(1), m.group(3), m.group(4)):
            found.append((m.start(), iso))
            break
    for m in _FULL_CN_NUM.finditer(text) if months else ():
        year = "".join(str(_CN_DIGITS[c]) for c in m.group(1))
        if iso := _iso(year, _cn_number(m.group(2)), _cn_number(m.group(3))):
            found.append((m.start(), iso))
            break
    year = _year_context(text) if months else None
    if year:
        for m in _MONTH_DAY.finditer(text):
            if iso := _iso(year, m.group(1), m.group(2)):
                found.append((m.start(), iso))
                break
    return min(found)[1] if found else None


def date_in_name(path: str | os.PathLike) -> str | None:
    """The date a file name starts with or contains (``2023-07-28-…``, ``20230728_…``)."""
    name = PurePath(path).name
    for m in _NAME_DATE.finditer(name):
        if iso := _iso(m.group(1), m.group(3), m.group(4)):
            return iso
    return None


def document_date(text: str, *, path: str | os.PathLike | None = None, explicit: object = None,
                  default: str | None = None) -> str | None:
    """The date of a document, from the first source that gives one.

    Args:
        text: the document text.
        path: the file it was read from, for a date in its name.
        explicit: a date given with the document (JSONL field, sidecar, front matter);
            it wins when present.
        default: the date of the whole build (``kg build --date``), used last.

    Returns:
        An ISO date (``YYYY-MM-DD``) or None.

    Raises:
        InputError: ``explicit`` or ``default`` is given but is not a date.
    """
    if explicit is not None and explicit != "":
        iso = parse_date(explicit)
        if iso is None:
            raise InputError(f"date {explicit!r} is not a date between {MIN_YEAR} and {MAX_YEAR}: "
                             "write it as YYYY-MM-DD, e.g. 2023-07-28")
        return iso
    found = date_in_text(text) or (date_in_name(path) if path is not None else None)
    if found:
        return found
    if default is not None:
        iso = parse_date(default)
        if iso is None:
            raise InputError(f"--date {default!r} is not a date: write it as YYYY-MM-DD, e.g. 2023-07-28")
        return iso
    return None
