"""Region gazetteer: administrative divisions and development zones, with their short forms.

Loaded once per process from ``kg/data/regions.csv``, ``zones.csv`` and ``countries.csv``. A name
can denote several divisions (江北区 is in 重庆 and 宁波; 桥头镇 is in a dozen
counties): :meth:`Gazetteer.candidates` returns all of them and
:meth:`Gazetteer.choose` picks the one that fits the document's own context.
"""

from __future__ import annotations

import csv
import functools
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.nlp.lexicon import data_path, long_lived, read_lines, read_table

LEVELS = ("country", "province", "city", "county", "township", "village", "zone", "foreign")

# Suffixes that a short form drops, longest first ("土家族苗族自治县" before "县").
_ETHNIC_SUFFIX = ("自治县", "自治州", "自治旗", "自治区")


@dataclass(frozen=True)
class Region:
    """One administrative division or zone."""

    adcode: str
    name: str
    level: str
    parent: str          # adcode of the parent ("" for provinces)
    until: str = ""      # year it ceased to exist under this name ("" = current)

    @property
    def current(self) -> bool:
        return not self.until


def short_forms(name: str, level: str) -> list[str]:
    """Forms used in running text without the level suffix: 江北区 -> 江北, 石柱土家族自治县 -> 石柱, 石柱县."""
    forms: list[str] = []
    for suf in _ETHNIC_SUFFIX if name.endswith(_ETHNIC_SUFFIX) else ():     # one test for most names
        if name.endswith(suf):
            stem = name[: -len(suf)]
            # strip the ethnic names: 土家族苗族 ... -> the place name before the first 族-word
            core = stem
            nationalities = read_lines("nationalities.txt")
            changed = True
            while changed:
                changed = False
                for nat in nationalities:
                    if core.endswith(nat) and len(core) > len(nat):
                        core = core[: -len(nat)]
                        changed = True
                    elif len(nat) >= 3 and nat[-1] == "族" and core.endswith(nat[:-1]) \
                            and len(core) - len(nat) + 1 >= 2:
                        core = core[: -len(nat) + 1]     # 新疆维吾尔, 伊犁哈萨克: the people's name without 族
                        changed = True
            if len(core) >= 2:
                forms.append(core)
                forms.append(core + {"自治县": "县", "自治州": "州", "自治旗": "旗", "自治区": ""}[suf])
            return [f for f in forms if f and f != name]
    if level == "township":
        return []
    for suf in ("特别行政区", "省", "市", "新区", "地区", "区", "县", "旗", "盟", "州"):     # 浦东新区 -> 浦东, 喀什地区 -> 喀什
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            forms.append(name[: -len(suf)])
            break
    if level == "city" and name.endswith("地区") and len(name) >= 4:
        forms.append(name[:-1])              # 喀什地委, 喀什地直: the prefecture's own short form before its body
    if level == "city" and name.endswith("盟") and len(name) >= 4:
        forms.append(name[0] + "盟")         # 锡林郭勒盟 -> 锡盟, 阿拉善盟 -> 阿盟: the first character and 盟
    return forms


class Gazetteer:
    """Lookup of regions by any of their names."""

    def __init__(self, regions: Iterable[Region], aliases: dict[str, list[str]]) -> None:
        self.by_code: dict[str, Region] = {}       # a code -> its division under its current (or last) name
        self.names: dict[str, list[Region]] = {}   # codes that changed name -> every row, oldest name first
        self.full: dict[str, list[Region]] = defaultdict(list)
        self.short: dict[str, list[Region]] = defaultdict(list)
        self._chains: dict[str, tuple[Region, ...]] = {}      # a parent's code -> its chain (ancestors)
        self._above: dict[str, frozenset[str]] = {}           # a parent's code -> the codes of its chain
        self.wider: set[str] = set()       # the full names (and aliases) of a division above townships, or a zone
        by_code, full, short, wider = self.by_code, self.full, self.short, self.wider   # 43,000 rows
        for r in regions:
            known = by_code.get(r.adcode)
            if known is None:
                by_code[r.adcode] = r
            else:
                rows = self.names.setdefault(r.adcode, [known])
                rows.append(r)
                rows.sort(key=_until)
                by_code[r.adcode] = rows[-1]
            full[r.name].append(r)
            level = r.level
            if level == "township":       # nine rows in ten
                continue
            wider.add(r.name)
            if level in ("zone", "country"):
                for a in aliases.get(r.name, ()):
                    full[a].append(r)
                    wider.add(a)
            elif level in ("province", "city", "county"):
                for s in short_forms(r.name, level):
                    short[s].append(r)

    # -- lookups --------------------------------------------------------------
    def candidates(self, name: str, *, short: bool = True) -> list[Region]:
        """Every region this name may denote (full names first)."""
        found = list(self.full.get(name, ()))
        if short and not found:
            found = list(self.short.get(name, ()))
        return found

    def named_at(self, code: str, year: int | None = None) -> Region | None:
        """The division of ``code`` under the name it had in ``year``; without one, its current name.

        万州区 was 万县区 until 1998: a text of 1995 names its parent 万县区, one of 2024 万州区.
        """
        rows = self.names.get(code)
        if rows is None or year is None:
            return self.by_code.get(code)
        return next((r for r in rows if _until(r) > year), rows[-1])

    def ancestors(self, region: Region) -> list[Region]:
        """Parent chain, nearest first (walked once per parent: every mention of a text asks again)."""
        return list(self._chain(region.parent))

    def _chain(self, parent: str) -> tuple[Region, ...]:
        """:meth:`ancestors` of a region under ``parent``, shared rather than copied (for lookups)."""
        chain = self._chains.get(parent)
        if chain is None:
            chain = self._chains[parent] = tuple(self._walk_up(parent))
        return chain

    def _walk_up(self, code: str) -> list[Region]:
        chain, seen = [], set()
        while code and code not in seen:
            seen.add(code)
            r = self.by_code.get(code)
            if r is None:
                break
            chain.append(r)
            code = r.parent
        return chain

    def is_within(self, inner: Region, outer: Region) -> bool:
        """Is ``outer`` one of ``inner``'s ancestors? (One set lookup: relations ask it per pair of mentions.)"""
        codes = self._above.get(inner.parent)
        if codes is None:
            codes = self._above[inner.parent] = frozenset(a.adcode for a in self._chain(inner.parent))
        return outer.adcode in codes

    def choose(self, cands: list[Region], context: dict[str, float], *, date_year: int | None = None) -> Region | None:
        """The candidate best supported by the document's context.

        Args:
            cands: candidates of one name.
            context: adcode -> weight of regions the document names unambiguously.
            date_year: the document's year; divisions abolished before it lose.
        """
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]

        def score(r: Region) -> tuple:
            s = context.get(r.adcode, 0.0)
            for a in self._chain(r.parent):
                s += context.get(a.adcode, 0.0)
            alive = 1 if (r.current or (date_year is not None and date_year < int(r.until))) else 0
            return (s, alive, r.level != "township", -len(r.adcode), r.adcode)

        scores = [score(c) for c in cands]      # each once (the best's is needed again below)
        top = max(scores)
        best = cands[scores.index(top)]         # the first of the best, as max(cands, key=score) picks
        if top[0] == 0 and len({c.parent for c in cands}) > 1:
            # No context at all: only current divisions of a single level are safe.
            alive = [c for c in cands if c.current]
            if len(alive) == 1:
                return alive[0]
            return best if best.level in ("province", "city", "county") and len(alive) <= 1 else None
        return best

    def name_forms(self) -> tuple[set[str], set[str]]:
        """All full names and all short forms (for building scanners)."""
        return set(self.full), set(self.short)


def _until(r: Region) -> float:
    """The year a row's name went out of use; a current name never does."""
    return float(r.until) if r.until else float("inf")


@functools.lru_cache(maxsize=1)
@long_lived
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded on first use."""
    return _load()


def _table_rows(path: Path) -> Iterator[list[str]]:
    """The rows of a CSV file, its header first: split in C where no field is quoted (the shipped
    files), which is several times faster than ``csv`` (and ``csv.DictReader`` slower still)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        data = fh.read()
    if '"' in data or "\r" in data:
        return csv.reader(io.StringIO(data, newline=""))
    return (line.split(",") for line in data.split("\n"))


def _load() -> Gazetteer:
    regions: list[Region] = []
    rows = _table_rows(data_path("regions.csv"))
    col = {k: i for i, k in enumerate(next(rows))}
    a, n, lv, p, u = (col[k] for k in ("adcode", "name", "level", "parent", "until"))
    regions.extend(Region(r[a], r[n], r[lv], r[p], r[u]) for r in rows if r and r != [""])
    aliases: dict[str, list[str]] = {}
    with open(data_path("zones.csv"), encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            code = "Z" + row["name"]
            regions.append(Region(code, row["name"], "zone", row["parent"]))
            aliases[row["name"]] = [a for a in row["aliases"].split("|") if a]
    for row in read_table("countries.csv", ("name",)):
        regions.append(Region("C" + row["name"], row["name"], "country", ""))
        aliases[row["name"]] = [a for a in row["aliases"].split("|") if a]
    return Gazetteer(regions, aliases)
