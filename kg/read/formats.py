"""Part of stage 1, read: markup to text.

HTML pages become plain text (scripts and styles dropped, block elements as
line breaks); YAML front matter is split off plain text.
:mod:`kg.read.documents` builds documents from these.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from kg.read.dates import parse_date

__all__ = ["html_page", "html_to_text", "source_url", "split_front_matter"]


_BLOCK = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer form "
                   "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th "
                   "thead tr ul".split())
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object"})
_DATE_META = frozenset({"pubdate", "publishdate", "publish_date", "publishtime", "date", "dc.date",
                        "dcterms.date", "article:published_time", "firstpublishedtime"})
_URL_META = frozenset({"og:url", "twitter:url"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.date: str | None = None
        self.url = ""            # <link rel="canonical"> first, else og:url
        self._meta_url = ""
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
            elif name in _URL_META and not self._meta_url:
                self._meta_url = source_url(a.get("content"))
        elif tag == "link" and not self.url:
            a = {k.lower(): v or "" for k, v in attrs}
            if "canonical" in a.get("rel", "").lower().split():
                self.url = source_url(a.get("href"))
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
    text, fields = html_page(html)
    return text, fields["title"], fields["date"]


def html_page(html: str) -> tuple[str, dict[str, str | None]]:
    """:func:`html_to_text`, with what the page says of itself as fields.

    Returns:
        ``(text, fields)``: ``title``, ``date`` (as :func:`html_to_text` gives them) and
        ``url``, the page's address from ``<link rel="canonical">`` or ``og:url``
        (``""`` when it gives none), so that a reader can check the source.
    """
    p = _TextExtractor()
    p.feed(html)
    p.close()
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(p.parts).split("\n"))
    text = "\n".join(line for line in lines if line)
    title = re.sub(r"\s+", " ", "".join(p.title)).strip()
    return text, {"title": title, "date": p.date, "url": p.url or p._meta_url}


def source_url(value: object) -> str:
    """``value`` if it is an http(s) address a reader can open, else ``""``.

    Other schemes (``javascript:``, ``file:``) and relative paths are dropped:
    the address is shown as a link in the explorer page.
    """
    url = value.strip() if isinstance(value, str) else ""
    return url if re.match(r"https?://[^\s/]+", url, re.I) and not re.search(r"\s", url) else ""


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
