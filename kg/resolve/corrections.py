"""Part of stage 5, resolve: the corrections file, read.

A user fixes what extraction got wrong in a CSV file of corrections, one a row
(``action,subject,relation,object,note``; ``docs/corrections.md`` is the
reference). Rows are read here into :class:`Correction` records; a row that
cannot be read becomes a :class:`CorrectionProblem` with its file and line.
:mod:`kg.resolve.fixes` applies them while resolving.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.schema import CORRECTIONS_NAME, ENTITY_TYPES, RELATION_TYPES

__all__ = ["ACTIONS", "CORRECTIONS_NAME", "HEADER", "Correction", "CorrectionProblem", "Corrections",
           "default_corrections", "read_corrections"]

HEADER = ("action", "subject", "relation", "object", "note")

# action -> what its object is: an entity, a name, an entity type, nothing; and whether it is about an edge.
ACTIONS: dict[str, tuple[str, bool]] = {
    "merge": ("entity", False),
    "split": ("name", False),
    "rename": ("name", False),
    "retype": ("type", False),
    "drop": ("", False),
    "add-alias": ("name", False),
    "drop-edge": ("entity", True),
    "add-edge": ("entity", True),
}


@dataclass(frozen=True)
class Correction:
    """One row of a corrections file."""

    action: str
    subject: str
    relation: str = ""
    object: str = ""
    note: str = ""
    path: str = ""
    line: int = 0

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class CorrectionProblem:
    """A row that was skipped: unreadable, or naming nothing in the graph."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Corrections:
    """The corrections of a build, and what applying them found wrong.

    ``problems`` holds the rows skipped, reading and applying; ``sources`` the
    document id given to the edges a file adds (its name) -> the file's path.
    """

    items: list[Correction] = field(default_factory=list)
    problems: list[CorrectionProblem] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.items or self.problems)

    def skip(self, c: Correction, message: str) -> None:
        """Report row ``c`` as skipped, with what to do."""
        self.problems.append(CorrectionProblem(c.path, c.line, f"{c.action}: {message}"))


def read_corrections(paths: Iterable[str | os.PathLike]) -> Corrections:
    """The corrections of the files, in order; rows that cannot be read are in ``problems``.

    Raises:
        InputError: a file cannot be read at all (missing, not UTF-8).
    """
    found = Corrections()
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise InputError(f"no corrections file {path}: check the path given to --corrections") from None
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"cannot read the corrections file {path} ({err}): "
                             "save it as UTF-8 text (CSV)") from None
        _parse(str(path), text, found)
    return found


def _parse(path: str, text: str, found: Corrections) -> None:
    reader = csv.reader(io.StringIO(text, newline=""), skipinitialspace=True)
    end = 0
    while True:
        line = end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            found.problems.append(CorrectionProblem(path, line, f"unreadable row ({err}): check its quotes"))
            return
        end = reader.line_num
        fields = [f.strip() for f in row]
        while fields and not fields[-1]:
            fields.pop()
        if not fields or fields[0].startswith("#") or [f.lower() for f in fields] == list(HEADER[:len(fields)]):
            continue
        why = _check(fields)
        if why:
            found.problems.append(CorrectionProblem(path, line, why))
            continue
        fields += [""] * (len(HEADER) - len(fields))
        action = fields[0].lower().replace("_", "-")
        relation = fields[2].lower()
        obj = fields[3].lower() if ACTIONS[action][0] == "type" else fields[3]
        found.items.append(Correction(action, fields[1], relation, obj, fields[4], path, line))


def _check(fields: list[str]) -> str:
    """What is wrong with a row, ``""`` if nothing."""
    action = fields[0].lower().replace("_", "-")
    if action not in ACTIONS:
        return f"unknown action {fields[0]!r}: use one of {', '.join(ACTIONS)} (see docs/corrections.md)"
    if len(fields) > len(HEADER):
        return (f"{len(fields)} fields, at most {len(HEADER)} ({','.join(HEADER)}): "
                "put a field that holds a comma in double quotes")
    fields = fields + [""] * (len(HEADER) - len(fields))
    _, subject, relation, obj, note = fields
    kind, edge = ACTIONS[action]
    if not subject:
        return f"{action}: the subject (column 2) is empty: name an entity, as type:name or by its name"
    if edge:
        if relation.lower() not in RELATION_TYPES:
            return (f"{action}: {relation!r} is not a relation (column 3): "
                    f"use one of {', '.join(RELATION_TYPES)}")
        if not obj:
            return f"{action}: the tail (column 4) is empty: name the entity the edge goes to"
        if action == "add-edge" and not note:
            return "add-edge: the note (column 5) is empty: give the evidence for the edge"
    elif relation:
        return f"{action}: column 3 is for the relation of an edge: leave it empty for {action}"
    elif kind == "type" and obj.lower() not in ENTITY_TYPES:
        return f"retype: {obj!r} is not an entity type (column 4): use one of {', '.join(ENTITY_TYPES)}"
    elif kind and not obj:
        what = {"entity": "the entity to merge into the subject", "name": "a name"}.get(kind, "a value")
        return f"{action}: column 4 is empty: give {what}"
    elif not kind and obj:
        return f"{action}: column 4 should be empty (to drop an edge, use drop-edge with a relation)"
    return ""


def default_corrections(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike) -> list[str]:
    """The corrections files a build picks up without ``--corrections``: ``kg-corrections.csv``
    in the output folder, then beside each input (in an input folder, or the folder of an input file)."""
    places = [Path(out_dir)]
    for p in inputs:
        if str(p) == "-":
            continue
        p = Path(p)
        places.append(p if p.is_dir() else p.parent)
    found: dict[str, str] = {}
    for place in places:
        f = place / CORRECTIONS_NAME
        if f.is_file():
            found.setdefault(os.path.realpath(f), str(f))
    return list(found.values())
