"""One error tree for kg: every message names the bad value and what to do."""

from __future__ import annotations


class KGError(Exception):
    """Base of every error kg raises on purpose."""


class InputError(KGError):
    """An input path or document cannot be read."""


class DataFileError(KGError):
    """A shipped or user data file (gazetteer, title words) is malformed."""

    def __init__(self, path: str, line: int, text: str, why: str) -> None:
        super().__init__(f"invalid entry in {path} at line {line}: {text!r} ({why})")
        self.path, self.line, self.text = path, line, text


class ExportError(KGError):
    """An exporter could not write its file; the previous file is left intact."""


class GraphFileError(KGError):
    """A graph.json given to `kg export`/`kg query`/`kg view` cannot be read."""


class NotFoundError(KGError):
    """A name given on the command line matches no node of the graph."""
