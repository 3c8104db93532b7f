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


class OutputError(KGError):
    """An output folder or file cannot be written: the disk is full, a file is in the way, no permission."""

    @classmethod
    def from_os_error(cls, err: OSError, where: str | None = None) -> OutputError:
        """The error of an ``OSError`` met while writing, naming the path and what to do.

        Args:
            err: the error; a failed ``write`` names no file.
            where: the output it was written to, named when ``err`` names no file.
        """
        import errno

        path = err.filename if err.filename is not None else where or "the output"
        fix = {
            errno.ENOSPC: "the disk is full: free some space, or write elsewhere with -o",
            errno.EDQUOT: "the disk quota is used up: free some space, or write elsewhere with -o",
            errno.ENOTDIR: "a file is in the way of this folder: remove it, or choose another folder with -o",
            errno.EEXIST: "a file is in the way of this folder: remove it, or choose another folder with -o",
            errno.EISDIR: "a folder is in the way of this file: remove it, or choose another name",
            errno.EACCES: "permission denied: write elsewhere with -o, or allow writing there",
            errno.EPERM: "permission denied: write elsewhere with -o, or allow writing there",
            errno.EROFS: "the file system is read-only: write elsewhere with -o",
        }.get(err.errno or 0, f"{err.strerror or err}: check the path and the disk")
        return cls(f"cannot write {path}: {fix}; the previous output is left as it was")
