"""Part of stage 1, read: the bytes of a document to text.

Decoding detects the encodings Chinese news comes in (UTF-8 with or without
BOM, GB18030/GBK, UTF-16) and refuses binary data. :mod:`kg.read.documents`
builds documents from the text; :mod:`kg.read.formats` turns markup into text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

__all__ = ["Unreadable", "decode_bytes", "looks_binary", "Repair"]

#: ``on_repair(offsets)``: told the byte offsets of the few bad bytes a mostly UTF-8 text was read past
Repair = Callable[[list[int]], None]


class Unreadable(Exception):
    """Raised while reading a document that must be skipped (:mod:`kg.read.documents` reports it)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_BINARY = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ue000-\uf8ff\ufffe\uffff]")
_SAMPLE = 1 << 20
_GOOD_PER_BAD = 20      # valid non-ASCII characters per bad byte for a text to count as damaged UTF-8


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


def _mostly_utf8(data: bytes) -> tuple[str, list[int]] | None:
    """UTF-8 text with a few bad bytes: the text with U+FFFD in their place, and their offsets.

    ``None`` when the bad bytes are not few next to the valid non-ASCII characters
    around them: GB18030 or Big5 read as UTF-8 gives about one error for every
    one or two such characters, a damaged UTF-8 text one for hundreds.
    """
    offsets: list[int] = []
    good = 0
    pos = 0
    while True:
        try:
            good += _non_ascii(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as err:
            good += _non_ascii(data[pos:pos + err.start].decode("utf-8"))
            offsets.append(pos + err.start)
            pos += err.end
            if len(offsets) * _GOOD_PER_BAD > max(good, 1) * 4 and len(offsets) > 8:
                return None          # far from UTF-8: stop early
    if not offsets or good < _GOOD_PER_BAD * len(offsets):
        return None
    return data.decode("utf-8", errors="replace"), offsets


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))


def _detector_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def decode_bytes(data: bytes, encoding: str | None = None, *,
                 on_repair: Repair | None = None) -> tuple[str, str]:
    """Decode a document's bytes, detecting the encoding unless one is given.

    Tries a BOM, then UTF-8, then BOM-less UTF-16, then GB18030 (a superset of
    GBK and GB2312), then charset-normalizer; a result that looks like binary
    data (NULs, many control characters) is not accepted. A text that is UTF-8
    but for a few bytes (one damaged sector, a truncated copy) is read with
    U+FFFD in their place when ``on_repair`` is given, which is told their offsets.
    GB18030 can decode Big5 bytes, to private-use characters: that is a wrong
    guess, not binary data, and the detector is asked next.

    Args:
        data: the raw bytes.
        encoding: decode with this codec only (``--encoding``).
        on_repair: accept UTF-8 with a few bad bytes, and report their offsets here.

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
            repaired = _mostly_utf8(data) if on_repair is not None and codec == "utf-8-sig" else None
            if repaired is None:
                raise Unreadable(f"cannot decode as {encoding}: byte 0x{data[err.start]:02x} is not valid "
                                 "there; pass the right --encoding or leave it out to detect",
                                 _line_of(data, err.start)) from None
            text, offsets = repaired
            on_repair(offsets)
        if looks_binary(text):
            raise Unreadable(f"binary data, not text in {encoding}")
        return text.lstrip("\ufeff"), encoding
    candidates = [codec for bom, codec in _BOMS if data.startswith(bom)][:1]
    candidates += ["utf-8", _repaired_utf8, _utf16_guess, "gb18030"]   # UTF-16 guess only when UTF-8 fails
    raw_binary: bool | None = None
    for codec in candidates:
        if codec is _repaired_utf8:
            repaired = _mostly_utf8(data) if on_repair is not None else None
            if repaired is not None and not looks_binary(repaired[0]):
                on_repair(repaired[1])
                return repaired[0].lstrip("\ufeff"), "utf-8"
            continue
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
        if raw_binary is None:
            raw_binary = _bytes_look_binary(data)
        if raw_binary:      # NULs and control bytes: no encoding makes text of them
            raise Unreadable("binary file, not text")
    guess = _detector_guess(data)
    if guess:
        try:
            text = data.decode(guess)
        except (UnicodeDecodeError, LookupError):
            text = "\x00"
        if not looks_binary(text):
            return text.lstrip("\ufeff"), guess
    if raw_binary or _bytes_look_binary(data):
        raise Unreadable("binary file, not text")
    raise Unreadable("cannot find the encoding (tried UTF-8, UTF-16, GB18030 and a detector): "
                     "pass --encoding, e.g. --encoding big5")


def _repaired_utf8(data: bytes) -> None:
    """A marker in :func:`decode_bytes`'s candidates: where damaged UTF-8 is tried."""


def _bytes_look_binary(data: bytes) -> bool:
    """The bytes themselves hold NULs or many ASCII control codes (the same in every encoding kg reads
    but UTF-16, which is tried before)."""
    return looks_binary(data[:_SAMPLE].decode("latin-1"))
