"""Part of stage 1, read: bytes to text and markup to text.

Decoding detects the encodings Chinese news comes in (UTF-8 with or without
BOM, GB18030/GBK, UTF-16) and refuses binary data; HTML pages become plain
text (scripts and styles dropped, block elements as line breaks); YAML front
matter is split off plain text. :mod:`kg.read.documents` builds documents from these.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from kg.read.dates import parse_date

__all__ = ["Unreadable", "decode_bytes", "looks_binary", "html_to_text", "split_front_matter"]


class Unreadable(Exception):
    """Raised inside this module for a document that must be skipped."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


# -- bytes -> text -------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_BINARY = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ue000-\uf8ff\ufffe\uffff]")
_SAMPLE = 1 << 20


def looks_binary(text: str) -> bool:
    """True when decoded text is full of control or private-use characters, as binary data is."""
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        return True
    bad = len(_BINARY.findall(sample))
    return bad > 2 and bad > len(sample) / 100


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _utf16_guess(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` for BOM-less UTF-16 (NULs on one side of most ASCII), else None."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    if odd > half / 4 and even < odd / 8:
        return "utf-16-le"
    if even > half / 4 and odd < even / 8:
        return "utf-16-be"
    return None


def _detector_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode a document's bytes, detecting the encoding unless one is given.

    Tries a BOM, then UTF-8, then BOM-less UTF-16, then GB18030 (a superset of
    GBK and GB2312), then charset-normalizer; a result that looks like binary
    data (NULs, many control characters) is not accepted.

    Args:
        data: the raw bytes.
        encoding: decode with this codec only (``--encoding``).

    Returns:
        ``(text, encoding used)``, the text without BOM.

    Raises:
        Unreadable: the bytes are binary or in no encoding that could be found.
    """
    if encoding:
        codec = codecs.lookup(encoding).name
        codec = "utf-8-sig" if codec == "utf-8" else codec
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as err:
            raise Unreadable(f"cannot decode as {encoding}: byte 0x{data[err.start]:02x} is not valid "
                             "there; pass the right --encoding or leave it out to detect",
                             _line_of(data, err.start)) from None
        if looks_binary(text):
            raise Unreadable(f"binary data, not text in {encoding}")
        return text.lstrip("\ufeff"), encoding
    candidates = [codec for bom, codec in _BOMS if data.startswith(bom)][:1]
    candidates += ["utf-8", _utf16_guess, "gb18030"]     # the UTF-16 guess only when UTF-8 fails
    decoded_as_binary = False
    for codec in candidates:
        if callable(codec):
            codec = codec(data)
        if not codec:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not looks_binary(text):
            return text.lstrip("\ufeff"), codec
        decoded_as_binary = True
    guess = _detector_guess(data) if not decoded_as_binary else None
    if guess:
        try:
            text = data.decode(guess)
        except (UnicodeDecodeError, LookupError):
            text = "\x00"
        if not looks_binary(text):
            return text.lstrip("\ufeff"), guess
    if decoded_as_binary or looks_binary(data[:_SAMPLE].decode("latin-1")):
        raise Unreadable("binary file, not text")
    raise Unreadable("cannot find the encoding (tried UTF-8, UTF-16, GB18030 and a detector): "
                     "pass --encoding, e.g. --encoding big5")


# -- formats -------------------------------------------------------------------

_BLOCK = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer form "
                   "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th "
                   "thead tr ul".split())
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object"})
_DATE_META = frozenset({"pubdate", "publishdate", "publish_date", "publishtime", "date", "dc.date",
                        "dcterms.date", "article:published_time", "firstpublishedtime"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.date: str | None = None
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"     # a title holds text only: any tag ends an open one
        if tag == "body":      # a <head> left open ends here
            self._skip = 0
        elif tag == "meta":
            a = {k.lower(): v or "" for k, v in attrs}
            name = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
            if name in _DATE_META and self.date is None:
                self.date = parse_date(a.get("content", ""))
        elif tag in _SKIP:
            self._skip += 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIP:         # <script/> opens nothing
            self._skip = max(0, self._skip - 1)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str, str | None]:
    """The text of an HTML page: scripts and styles dropped, block elements as line breaks.

    Args:
        html: the page source.

    Returns:
        ``(text, title, date)``: ``title`` is the ``<title>``; ``date`` the ISO date
        of a ``<meta name="pubdate" …>``-like tag, or None.
    """
    p = _TextExtractor()
    p.feed(html)
    p.close()
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(p.parts).split("\n"))
    text = "\n".join(line for line in lines if line)
    title = re.sub(r"\s+", " ", "".join(p.title)).strip()
    return text, title, p.date


_FRONT = re.compile(r"---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", re.S)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split YAML front matter (``---`` / ``key: value`` lines / ``---``) off a text.

    Only flat ``key: value`` pairs are read; that is what a date, title or source needs.

    Returns:
        ``(fields, body)``; no front matter gives ``({}, text)``.
    """
    m = _FRONT.match(text)
    if not m:
        return {}, text
    fields: dict[str, str] = {}
    for line in (m.group(1) or "").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "#", "-")):
            fields[key.strip().lower()] = value.strip().strip("'\"")
    return fields, text[m.end():]
