"""Small helpers to write XML text by hand: escaping, attributes, XML name tokens.

The XML writers build their whole document as text before opening the file, so
no exception can leave half a file behind, and they need no global namespace
registry (``xml.etree.ElementTree.register_namespace`` is process-wide state).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["text", "attr", "attrs", "number", "nmtoken", "NameTokens"]

_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR = {**_TEXT, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_TEXT_RE = re.compile("[&<>\r]")
_ATTR_RE = re.compile('[&<>\r"\n\t]')

# Name characters every XML 1.0 edition and every schema validator accepts in an
# NMTOKEN: ASCII letters, digits, . - _ :, Latin-1 letters, the middle dot and the
# CJK unified ideographs (U+4E00-U+9FA5). Everything else is escaped as _xHHHH_.
_NAME_OK = re.compile(r"[A-Za-z0-9._:\-\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u4e00-\u9fa5]")


def text(value: str) -> str:
    """``value`` escaped as element content (carriage returns kept as ``&#13;``)."""
    if _TEXT_RE.search(value) is None:       # most text: nothing to escape
        return value
    return _TEXT_RE.sub(lambda m: _TEXT[m.group()], value)


def attr(value: str) -> str:
    """``value`` escaped for a double-quoted attribute; newlines and tabs survive normalization."""
    if _ATTR_RE.search(value) is None:
        return value
    return _ATTR_RE.sub(lambda m: _ATTR[m.group()], value)


def attrs(pairs: Iterable[tuple[str, object]]) -> str:
    """`` a="1" b="x"`` for the pairs whose value is not ``None``."""
    return "".join(f' {k}="{attr(str(v))}"' for k, v in pairs if v is not None)


def number(value: int | float) -> str:
    """A number as XML Schema writes it (``repr`` of a float round-trips exactly)."""
    return str(value) if isinstance(value, int) else repr(float(value))


def nmtoken(value: str) -> str:
    """``value`` as an XML name token, offending characters escaped as ``_xHHHH_``."""
    out = []
    for ch in value:
        if _NAME_OK.fullmatch(ch):
            out.append(ch)
        else:
            cp = ord(ch)
            out.append(f"_x{cp:04X}_" if cp <= 0xFFFF else f"_U{cp:08X}_")
    return "".join(out) or "_"


class NameTokens:
    """Unique XML name tokens (``xs:NMTOKEN``) for arbitrary strings.

    Valid strings are kept as they are (``official:李明``); others have their
    offending characters escaped (``enterprise:Acme_x0020_Ltd``) and, should two
    strings escape alike, a ``.2``, ``.3`` ... suffix.
    """

    def __init__(self) -> None:
        self._of: dict[str, str] = {}
        self._used: set[str] = set()

    def __call__(self, value: str) -> str:
        if value in self._of:
            return self._of[value]
        token = base = nmtoken(value)
        n = 1
        while token in self._used:
            n += 1
            token = f"{base}.{n}"
        self._of[value] = token
        self._used.add(token)
        return token
