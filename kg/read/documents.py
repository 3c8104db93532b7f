"""Stage 1, read: turn paths into :class:`~kg.schema.Document` objects, one at a time.

Reads the ``.txt``, ``.md``, ``.html``/``.htm`` and ``.jsonl`` files that
:mod:`kg.read.sources` finds under the paths given, and ``-`` for standard
input, in any of the encodings Chinese news comes in (UTF-8 with or without
BOM, GB18030/GBK, UTF-16 with BOM), detected without asking. Documents are
yielded lazily, in the order of their ids.

Problems with single files (empty, binary, too large, undecodable, a broken
JSON line) are reported through ``on_problem`` with the path and line, and the
file is skipped; the caller decides whether that is fatal (``--strict``). A
UTF-8 file with a few bad bytes is read, and reported as damaged.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.read.dates import document_date, parse_date
from kg.read.encodings import Unreadable, decode_bytes
from kg.read.formats import html_page, source_url, split_front_matter
from kg.read.sources import (
    OUTPUT_MARKERS, SIDECAR, STDIN, SUFFIXES, Problem, ProblemHandler, Source, collect_sources, count_documents,
    require_inputs,
)
from kg.read.textnorm import without_controls
from kg.schema import Document

logger = logging.getLogger(__name__)

__all__ = ["Problem", "Source", "collect_sources", "count_documents", "may_have_sidecars", "read_documents",
           "require_inputs", "SUFFIXES", "STDIN", "OUTPUT_MARKERS", "MAX_DOCUMENT_BYTES"]

#: one document (a file, or a line of a .jsonl file) larger than this is skipped
MAX_DOCUMENT_BYTES = 20 * 2**20


def _damage(path: str, on_problem: ProblemHandler, line: int | None = None) -> Callable[[list[int]], None]:
    """The ``on_repair`` of :func:`~kg.read.encodings.decode_bytes`: a warning naming the bad bytes."""
    def note(offsets: list[int]) -> None:
        where = ", ".join(map(str, offsets[:5])) + (f" and {len(offsets) - 5} more" if len(offsets) > 5 else "")
        of = " of the line" if line else ""
        on_problem(Problem(path, f"not valid UTF-8 in {len(offsets)} place(s), at byte offset(s) {where}{of}: "
                                 "read with U+FFFD there (repair the file; --strict refuses it)",
                           line, skipped=False))
    return note


# -- documents -------------------------------------------------------------------

_FIELDS = ("title", "date", "source", "url")


def may_have_sidecars(folder: str, known: dict[str, bool]) -> bool:
    """Whether any file in ``folder`` is named like a sidecar (case aside); listed once per folder."""
    if folder not in known:
        try:
            known[folder] = any(n.lower().endswith(SIDECAR) for n in os.listdir(folder or "."))
        except OSError:
            known[folder] = True
    return known[folder]


def _read_sidecar(path: Path) -> dict[str, Any]:
    for side in (path.with_name(path.name + SIDECAR), path.with_name(path.stem + SIDECAR)):
        if side.is_file():
            try:
                data = json.loads(side.read_text(encoding="utf-8-sig"))
            except (OSError, ValueError) as err:
                warnings.warn(f"{side}: sidecar ignored, it is not readable JSON ({err}); "
                              "write it as a JSON object such as {\"date\": \"2023-07-28\"}", stacklevel=4)
                return {}
            if isinstance(data, dict):
                return data
            warnings.warn(f"{side}: sidecar ignored, it holds a {type(data).__name__}, not a JSON object",
                          stacklevel=4)
            return {}
    return {}


def _make(doc_id: str, text: str, path: str, fields: dict[str, Any], meta: dict[str, Any],
          default_date: str | None, name_for_date: str | None) -> Document:
    where = f"{path}:{meta['line']}" if "line" in meta else path
    try:
        date = document_date(text, path=name_for_date, explicit=fields.get("date"), default=default_date)
    except InputError as err:
        warnings.warn(f"{where}: {err}; using the date in the text or file name instead", stacklevel=4)
        date = document_date(text, path=name_for_date, default=default_date)
    extra = {k: v for k, v in fields.items() if k not in _FIELDS and k not in ("id", "text")}
    return Document(id=without_controls(doc_id), text=text, path=path,
                    title=without_controls(str(fields.get("title") or "")), date=date,
                    source=without_controls(str(fields.get("source") or "")), url=source_url(fields.get("url")),
                    meta={**extra, **meta})


def _read_bytes(src: Source, max_bytes: int) -> bytes:
    if src.path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        size = os.stat(src.path).st_size
        if size > max_bytes:
            raise Unreadable(f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:g} MB limit "
                             "for one document: split it into articles, or into lines of a .jsonl file")
        with open(src.path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Unreadable(f"more than {max_bytes / 2**20:g} MB in one document: split it into articles")
    return data


def _sniff(text: str) -> str:
    """The format of standard input: JSONL, HTML or plain text."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<meta")):
        return "html"
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if lines and all(ln.lstrip().startswith("{") for ln in lines):
        return "jsonl"
    return "text"


def _read_one(src: Source, *, encoding: str | None, default_date: str | None,
              max_bytes: int, on_problem: ProblemHandler,
              sidecar_folders: dict[str, bool] | None = None) -> Iterator[Document]:
    if src.format == "jsonl" and src.path != STDIN:
        yield from _read_jsonl_file(src, encoding=encoding, default_date=default_date,
                                    max_bytes=max_bytes, on_problem=on_problem)
        return
    data = _read_bytes(src, max_bytes)
    if not data.strip():
        raise Unreadable("empty file")
    text, used = decode_bytes(data, encoding, on_repair=_damage(src.path, on_problem))
    fmt = _sniff(text) if src.path == STDIN else src.format
    meta: dict[str, Any] = {"format": fmt, "encoding": used}
    if fmt == "jsonl":
        yield from _jsonl_documents(src, text.split("\n"), default_date=default_date,
                                    max_bytes=max_bytes, on_problem=on_problem, encoding=used)
        return
    fields: dict[str, Any] = {}
    if fmt == "html":
        text, fields = html_page(text)
    else:
        fields, text = split_front_matter(text)
        if src.path.lower().endswith(".md") and "title" not in fields:
            m = re.search(r"^#[ \t]+(.+)$", text, re.M)
            if m:
                fields["title"] = m.group(1).strip()
    if src.path != STDIN and (sidecar_folders is None
                              or may_have_sidecars(os.path.dirname(src.path), sidecar_folders)):
        fields.update({k: v for k, v in _read_sidecar(Path(src.path)).items() if v is not None})
    if not text.strip():
        raise Unreadable("no text in the file" if fmt != "html" else
                         "no text in the HTML page (only markup or scripts)")
    name = None if src.path == STDIN else src.path
    yield _make(src.doc_id, text, src.path, fields, meta, default_date, name)


def _jsonl_documents(src: Source, lines: Iterable[str | tuple[int, str]], *, default_date: str | None,
                     max_bytes: int, on_problem: ProblemHandler, encoding: str) -> Iterator[Document]:
    seen: dict[str, int] = {}
    for n, line in enumerate(lines, 1):
        if isinstance(line, tuple):
            n, line = line
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as err:
            msg = getattr(err, "msg", str(err))
            col = f" at column {err.colno}" if isinstance(err, json.JSONDecodeError) else ""
            on_problem(Problem(src.path, f"broken JSON: {msg}{col}", n))
            continue
        text = obj.get("text") if isinstance(obj, dict) else None
        if not isinstance(obj, dict) or not isinstance(text, str):
            got = type(obj).__name__ if not isinstance(obj, dict) else f"text of type {type(text).__name__}"
            on_problem(Problem(src.path, f"expected a JSON object with a string \"text\" field, got {got}", n))
            continue
        if not text.strip():
            on_problem(Problem(src.path, "empty \"text\"", n))
            continue
        if len(text) > max_bytes:
            on_problem(Problem(src.path, f"text of more than {max_bytes / 2**20:g} MB", n))
            continue
        key = without_controls(str(obj["id"])) if obj.get("id") not in (None, "") else ""
        key = key or str(n)
        if key in seen:
            on_problem(Problem(src.path, f"duplicate id {key!r} (first at line {seen[key]})", n))
            continue
        seen[key] = n
        fields = {k: v for k, v in obj.items() if k != "text"}
        yield _make(f"{src.doc_id}#{key}", text, src.path, fields,
                    {"format": "jsonl", "encoding": encoding, "line": n}, default_date,
                    None if src.path == STDIN else src.path)


def _read_jsonl_file(src: Source, *, encoding: str | None, default_date: str | None,
                     max_bytes: int, on_problem: ProblemHandler) -> Iterator[Document]:
    """A .jsonl file, streamed line by line (it may be larger than one document)."""
    reported: list[Problem] = []

    def counting(pr: Problem) -> None:
        reported.append(pr)
        on_problem(pr)

    found = 0
    with open(src.path, "rb") as fh:
        head = fh.read(4)
        fh.seek(0)
        wide = encoding is not None and codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
        if wide or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            data = fh.read()     # UTF-16 cannot be split into lines as bytes
            text, used = decode_bytes(data, encoding, on_repair=_damage(src.path, on_problem)) \
                if data.strip() else ("", "")
            lines: Iterable[str | tuple[int, str]] = text.split("\n")   # not at U+2028, valid in JSON
        else:
            used = encoding or "utf-8"
            lines = _decoded_lines(src, fh, encoding, max_bytes, counting)
        for doc in _jsonl_documents(src, lines, default_date=default_date, max_bytes=max_bytes,
                                    on_problem=counting, encoding=used):
            found += 1
            yield doc
    if not found and not reported:
        raise Unreadable("empty file")


def _decoded_lines(src: Source, fh, encoding: str | None, max_bytes: int,
                   on_problem: ProblemHandler) -> Iterator[tuple[int, str]]:
    for n, raw in enumerate(fh, 1):
        if n == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if len(raw) > max_bytes:
            on_problem(Problem(src.path, f"line of more than {max_bytes / 2**20:g} MB", n))
            continue
        try:
            text, _ = decode_bytes(raw, encoding, on_repair=_damage(src.path, on_problem, n)) \
                if raw.strip() else ("", "")
        except Unreadable as err:
            on_problem(Problem(src.path, f"{err.message}", n))
            continue
        yield n, text


def read_documents(paths: Iterable[str | os.PathLike], *, encoding: str | None = None,
                   date: str | None = None, on_problem: ProblemHandler | None = None,
                   max_bytes: int = MAX_DOCUMENT_BYTES,
                   order: Callable[[list[Source]], list[Source]] | None = None) -> Iterator[Document]:
    """Read every document under ``paths``.

    Args:
        paths: files, folders (searched recursively) and ``-`` for standard input.
        encoding: decode every file with this codec instead of detecting it.
        date: the date of documents that state none (``kg build --date``).
        on_problem: called for each file or line that is skipped; by default a warning is logged.
        max_bytes: documents larger than this are skipped.
        order: given the input files (sorted by document id), returns the ones to read,
            in the order to read them in. The builder leaves out the files its cache
            vouches for and reads the ones that changed since its last build first.

    Yields:
        One :class:`Document` per readable file (per line of a ``.jsonl`` file) that ``order``
        keeps, in document id order unless ``order`` says otherwise.

    Raises:
        InputError: ``encoding`` is not a codec name or ``date`` not a date.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r} in --encoding: use a codec name such as "
                             "utf-8, gb18030, utf-16 or big5") from None
    if date is not None and parse_date(date) is None:
        raise InputError(f"--date {date!r} is not a date: write it as YYYY-MM-DD, e.g. 2023-07-28")
    handler = on_problem or (lambda pr: logger.warning("%s", pr))
    sources = collect_sources(paths, handler)
    sidecar_folders: dict[str, bool] = {}   # folders listed once: most hold no sidecar, no stat per file
    for src in order(sources) if order is not None else sources:
        try:
            yield from _read_one(src, encoding=encoding, default_date=date, max_bytes=max_bytes,
                                 on_problem=handler, sidecar_folders=sidecar_folders)
        except Unreadable as err:
            handler(Problem(src.path, err.message, err.line))
        except OSError as err:
            handler(Problem(src.path, f"cannot read: {err.strerror or err}"))
