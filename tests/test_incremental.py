"""kg.run.incremental: new documents merged onto the last build give the full build's graph.json, byte for byte."""

from __future__ import annotations

import copy
import logging
import os
import random
import shutil
from collections import Counter
from pathlib import Path

import pytest

from kg.cli import main
from kg.export.json import graph_to_json, write_json
from kg.graph import document_table, graph_from_rows
from kg.resolve import ResolveState, resolve_rows
from kg.run.incremental import Base, Declined, GraphFile, base_of_build, load_base, merge, save_base

# -- a corpus of result rows, written to collide: fuller names, short forms, namesakes -------------

COMPANIES = ["华光", "星河", "蓝海", "天成"]
REGIONS = [("涪陵区", "500102"), ("万州区", "500101"), ("江北区", "500105")]
PROJECTS = ["智能制造产业园", "数据中心", "物流园"]
PROGRAMS = ["链长制", "一号工程"]
OFFICIALS = {"张伟": "涪陵区", "李娜": "万州区"}
DATES = ["2024-01-05", "2024-01-05", "2024-02-10", None]
EVIDENCE = ["一句话。", "另一句话。", "第三句话。"]


def _doc(rng: random.Random, doc_id: str, namesakes: bool) -> list:
    """One document's rows (kg.rows.decode_rows): a few entities, relations among them."""
    date = rng.choice(DATES)
    ents: list[list] = []
    rels: list[list] = []
    region, code = rng.choice(REGIONS)
    short = region[:-1]
    ents.append(["region", region, [short] if rng.random() < 0.3 else [], rng.randint(1, 3),
                 {"adcode": code, "level": "county"} if rng.random() < 0.5 else {"level": "county"}])
    company = rng.choice(COMPANIES)
    if rng.random() < 0.3:       # the registered name, which names the company from now on
        ents.append(["enterprise", company + "科技有限公司", [company], 1, {}])
        company = company + "科技有限公司"
    else:
        ents.append(["enterprise", company, [], rng.randint(1, 2), {}])
    project = short + rng.choice(PROJECTS)
    ents.append(["project", project, [], 1, {"stages": rng.sample(["签约", "开工", "投产"], 2)}])
    program = rng.choice(PROGRAMS)
    ents.append(["program", program, [], 1, {}])
    person = rng.choice(list(OFFICIALS))
    unit = region if namesakes and rng.random() < 0.02 else OFFICIALS[person]     # now and then a namesake
    ents.append(["official", person, [], 1, {"position_details": [{"unit": unit, "title": "区长", "top": True}]}])
    ev = rng.choice(EVIDENCE)
    rels.append(["region", region, "hosts", "project", project, "hosts_rule", ev])
    rels.append(["enterprise", company, "develops", "project", project, "develops_rule", ev])
    rels.append(["official", person, "governs", "region", region, "governs_rule", rng.choice(EVIDENCE)])
    rels.append(["region", region, "implements", "program", program, "implements_rule", ev])
    if rng.random() < 0.5:
        other = rng.choice(COMPANIES)
        if other != company and other + "科技有限公司" != company:
            ents.append(["enterprise", other, [], 1, {}])
            rel = rng.choice(["partners_with", "develops"])     # a second relation between the two
            rels.append(["enterprise", company, rel, "enterprise", other, "partner_rule", ev])
            rels.append(["enterprise", company, "partners_with", "enterprise", other, "partner_rule", ev])
    return [1, doc_id, date, f"标题{doc_id}", ents, rels]


def corpus(seed: int, n: int, namesakes: bool = True) -> list[list]:
    rng = random.Random(seed)
    return [_doc(rng, f"doc{i:03d}.txt", namesakes) for i in range(n)]


def keys(rows: list[list]) -> list[tuple]:
    return [(r[1], r[2], r[3], f"key-{r[1]}", "") for r in rows]


def full_build(rows: list[list], out: Path) -> bytes:
    """A full build of ``rows`` into ``out``, with its base kept; returns graph.json."""
    state = ResolveState()
    entities, relations = resolve_rows(copy.deepcopy(rows), state=state)
    G = graph_from_rows(entities, relations, documents=document_table(keys(rows)))
    layout: list = []
    out.mkdir(parents=True, exist_ok=True)
    write_json(G, out / "graph.json", layout=layout)
    types = Counter(d["type"] for _, d in G.nodes(data=True))
    relations_ = Counter(d["relation"] for _, _, d in G.edges(data=True))
    save_base(out, base_of_build(keys(rows), state, layout[0], types, relations_), os.stat(out / "graph.json"))
    return (out / "graph.json").read_bytes()


def merged(rows: list[list], out: Path) -> bytes:
    """``rows`` merged onto the base in ``out`` (Declined if it cannot be)."""
    base = load_base(out)
    assert base is not None
    old = GraphFile(out / "graph.json")
    try:
        update = merge(base, copy.deepcopy(rows), keys(rows), old)
    except Declined:
        old.close()
        raise
    update.write(out)
    return (out / "graph.json").read_bytes()


def expected(rows: list[list], tmp_path: Path) -> bytes:
    return full_build(rows, tmp_path / f"full-{len(rows)}")


# -- merges give the full build ----------------------------------------------------------------------

def test_merge_chain_equals_full_builds(tmp_path):
    rows = corpus(1, 60, namesakes=False)
    out = tmp_path / "out"
    full_build(rows[:30], out)
    assert merged(rows[30:45], out) == expected(rows[:45], tmp_path)
    assert merged(rows[45:], out) == expected(rows, tmp_path)      # onto the base the last merge kept
    assert load_base(out).docs == keys(rows)


@pytest.mark.parametrize("seed", range(16))
def test_merge_random_corpora_equal_full_builds(tmp_path, seed):
    """Fuller names arrive, relations join old pairs: whatever is merged equals the full build."""
    rows = corpus(100 + seed, 40)
    cut = random.Random(seed).randint(5, 35)
    out = tmp_path / "out"
    full_build(rows[:cut], out)
    try:
        got = merged(rows[cut:], out)
    except Declined:
        pytest.skip("this split needs a full merge")     # covered by the tests below; most splits merge
    assert got == expected(rows, tmp_path)


def test_merge_random_corpora_mostly_merge(tmp_path):
    done = 0
    for seed in range(16):
        rows = corpus(100 + seed, 40)
        cut = random.Random(seed).randint(5, 35)
        out = tmp_path / str(seed)
        full_build(rows[:cut], out)
        try:
            merged(rows[cut:], out)
            done += 1
        except Declined:
            pass
    assert done >= 8


def _rows(doc_id: str, ents: list[list], rels: list[list], date: str | None = "2024-03-01") -> list:
    return [1, doc_id, date, "", ents, rels]


def test_merge_renames_an_entity_and_moves_its_edges(tmp_path):
    old = [_rows("a.txt", [["enterprise", "华光", [], 2, {}], ["project", "数据中心", [], 1, {}],
                           ["enterprise", "星河", [], 1, {}]],
                 [["enterprise", "华光", "develops", "project", "数据中心", "r1", "甲。"],
                  ["enterprise", "星河", "partners_with", "enterprise", "华光", "r2", "乙。"]])]
    new = [_rows("b.txt", [["enterprise", "华光科技有限公司", ["华光"], 1, {}], ["project", "数据中心", [], 1, {}]],
                 [["enterprise", "华光科技有限公司", "develops", "project", "数据中心", "r1", "丙。"]])]
    out = tmp_path / "out"
    full_build(old, out)
    got = merged(new, out)
    assert got == expected(old + new, tmp_path)
    assert b'"enterprise:\\u534e' not in got and "enterprise:华光科技有限公司".encode() in got
    assert b'"label": "\xe5\x8d\x8e\xe5\x85\x89",' not in got      # the short name is no node of its own


def test_merge_moves_a_pair_whose_first_relation_changes(tmp_path):
    """A->B partners_with, then A->B develops: the pair's edges now come first under develops."""
    ents = [["enterprise", "甲公司", [], 1, {}], ["enterprise", "乙公司", [], 1, {}],
            ["enterprise", "丙公司", [], 1, {}]]
    old = [_rows("a.txt", ents, [["enterprise", "甲公司", "partners_with", "enterprise", "乙公司", "r", "一。"],
                                  ["enterprise", "甲公司", "hosts", "enterprise", "丙公司", "r", "二。"]])]
    new = [_rows("b.txt", ents, [["enterprise", "甲公司", "develops", "enterprise", "乙公司", "r", "三。"]])]
    out = tmp_path / "out"
    full_build(old, out)
    assert merged(new, out) == expected(old + new, tmp_path)


def test_merge_extends_edges_and_attributes_in_document_order(tmp_path):
    proj = ["project", "物流园", [], 1, {"stages": ["签约"], "investment": None}]
    old = [_rows("a.txt", [["region", "涪陵区", [], 1, {}], proj],
                 [["region", "涪陵区", "hosts", "project", "物流园", "r", f"第{i}句。"] for i in range(3)])]
    later = ["project", "物流园", [], 2, {"stages": ["开工", "签约"], "investment": "5亿元"}]
    new = [_rows(f"b{i}.txt", [["region", "涪陵区", [], 1, {}], later],
                 [["region", "涪陵区", "hosts", "project", "物流园", "r", f"第{i + j}句。"] for j in range(3)],
                 date="2023-12-01") for i in range(3)]
    out = tmp_path / "out"
    full_build(old, out)
    got = merged(new, out)
    assert got == expected(old + new, tmp_path)
    assert b'"start": "2023-12-01"' in got


# -- what needs a full merge is declined, and leaves the base as it was ------------------------------

def test_merge_declines_a_name_that_joins_two_old_entities(tmp_path):
    old = [_rows("a.txt", [["enterprise", "华光", [], 1, {}], ["enterprise", "星河", [], 1, {}]], [])]
    bridge = [_rows("b.txt", [["enterprise", "华光星河集团", ["华光", "星河"], 1, {}]], [])]
    out = tmp_path / "out"
    before = full_build(old, out)
    with pytest.raises(Declined, match="joins two entities"):
        merged(bridge, out)
    assert (out / "graph.json").read_bytes() == before
    fine = [_rows("c.txt", [["enterprise", "蓝海", [], 1, {}]], [])]
    assert merged(fine, out) == expected(old + fine, tmp_path)     # the base was left as it was


def test_merge_declines_namesakes(tmp_path):
    def person(doc, unit):
        return _rows(doc, [["official", "张伟", [], 1, {"position_details": [{"unit": unit, "top": True}]}]], [],
                     date="2024-05-01")
    out = tmp_path / "out"
    full_build([person("a.txt", "涪陵区")], out)
    with pytest.raises(Declined, match="namesakes"):
        merged([person("b.txt", "万州区")], out)
    assert merged([person("c.txt", "涪陵区")], out) == expected([person("a.txt", "涪陵区"), person("c.txt", "涪陵区")],
                                                                tmp_path)


def test_merge_declines_a_document_that_sorts_before_the_old_ones(tmp_path):
    rows = corpus(5, 6)
    out = tmp_path / "out"
    full_build(rows[1:], out)
    with pytest.raises(Declined, match="sorts before"):
        merged(rows[:1], out)


def test_base_is_ignored_once_graph_json_changes(tmp_path):
    out = tmp_path / "out"
    full_build(corpus(2, 5), out)
    assert isinstance(load_base(out), Base)
    with open(out / "graph.json", "ab") as fh:
        fh.write(b" ")
    assert load_base(out) is None


def test_base_is_ignored_when_unreadable(tmp_path):
    out = tmp_path / "out"
    full_build(corpus(3, 5), out)
    path = out / ".kg-cache" / "graph-base.marshal"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    os.utime(out / "graph.json", ns=(os.stat(out / "graph.json").st_atime_ns, os.stat(out / "graph.json").st_mtime_ns))
    assert load_base(out) is None


def test_layout_finds_every_item(tmp_path):
    rows = corpus(4, 10)
    out = tmp_path / "out"
    data = full_build(rows, out)
    layout = load_base(out).layout
    assert layout.nodes == sorted(layout.nodes) and layout.edges == sorted(layout.edges)
    at = layout.node_start
    for key, size in zip(layout.nodes, layout.node_sizes):
        item = data[at:at + size].decode()
        etype, name = key.split("\0")
        assert item.startswith("{") and item.endswith("}") and f'"id": "{etype}:{name}"' in item
        at += size + 4
    assert graph_to_json(graph_from_rows(*resolve_rows(copy.deepcopy(rows)),
                                         documents=document_table(keys(rows)))).encode() == data


# -- the command line: kg build --format json merges when it can --------------------------------------

def _build(inputs: Path, out: Path, *extra: str) -> int:
    return main(["build", str(inputs), "-o", str(out), "--no-progress", "--format", "json", *extra])


def test_cli_rebuild_merges_new_files(tmp_path, examples_dir, caplog):
    corpus_dir = tmp_path / "in"
    shutil.copytree(examples_dir, corpus_dir)
    last = sorted(corpus_dir.glob("*.txt"))[-1]
    held = last.read_text(encoding="utf-8")
    last.unlink()
    out = tmp_path / "out"
    assert _build(corpus_dir, out) == 0
    last.write_text(held, encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="kg"):
        assert _build(corpus_dir, out) == 0
    assert any("merged 1 new documents" in r.getMessage() for r in caplog.records)
    assert _build(corpus_dir, tmp_path / "full", "--no-cache") == 0
    assert (out / "graph.json").read_bytes() == (tmp_path / "full" / "graph.json").read_bytes()


def test_cli_rebuild_after_an_edit_merges_in_full(tmp_path, examples_dir, caplog):
    corpus_dir = tmp_path / "in"
    shutil.copytree(examples_dir, corpus_dir)
    out = tmp_path / "out"
    assert _build(corpus_dir, out) == 0
    first = sorted(corpus_dir.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n重庆市万州区推进一号工程。\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="kg"):
        assert _build(corpus_dir, out) == 0
    assert any("changed or are gone" in r.getMessage() for r in caplog.records)
    assert _build(corpus_dir, tmp_path / "full", "--no-cache") == 0
    assert (out / "graph.json").read_bytes() == (tmp_path / "full" / "graph.json").read_bytes()


def test_cli_rebuild_of_an_unchanged_corpus_leaves_graph_json_alone(tmp_path, examples_dir, caplog):
    out = tmp_path / "out"
    assert _build(examples_dir, out) == 0
    before = os.stat(out / "graph.json")
    with caplog.at_level(logging.INFO, logger="kg"):
        assert _build(examples_dir, out) == 0
    assert any("merged 0 new documents" in r.getMessage() for r in caplog.records)
    after = os.stat(out / "graph.json")
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)


def test_merge_renames_many_entities_at_once(tmp_path):
    """More renames than the substring shortcut takes: every key is split instead."""
    names = [f"企业{i}" for i in range(12)]
    old = [_rows("a.txt", [["enterprise", n, [], 1, {}] for n in names] + [["project", "园区", [], 1, {}]],
                 [["enterprise", n, "develops", "project", "园区", "r", "甲。"] for n in names])]
    new = [_rows("b.txt", [["enterprise", n + "有限公司", [n], 1, {}] for n in names],
                 [["enterprise", names[0] + "有限公司", "partners_with", "enterprise", names[1] + "有限公司", "r", "乙。"]])]
    out = tmp_path / "out"
    full_build(old, out)
    assert merged(new, out) == expected(old + new, tmp_path)


def test_base_is_ignored_when_damaged(tmp_path):
    """A bit flipped anywhere in the base: marshal reads most such damage as other values, the checksum tells."""
    out = tmp_path / "out"
    full_build(corpus(5, 8), out)
    path = out / ".kg-cache" / "graph-base.marshal"
    data = path.read_bytes()
    start = data.index(b"\n") + 1
    for at in range(start, len(data), max(1, (len(data) - start) // 50)):
        flipped = bytearray(data)
        flipped[at] ^= 0x04
        path.write_bytes(bytes(flipped))
        assert load_base(out) is None, f"a bit flipped at {at} went unnoticed"


def test_cli_base_vouches_only_for_the_graph_json_its_build_wrote(tmp_path, examples_dir, monkeypatch):
    """Another writer replaces graph.json between this build's writing it and keeping its base."""
    from kg.run import incremental

    corpus_dir = tmp_path / "in"
    shutil.copytree(examples_dir, corpus_dir)
    other = tmp_path / "other"
    assert _build(sorted(corpus_dir.glob("*.txt"))[0], other) == 0       # another build's graph.json
    keep = incremental.save_base

    def replaced_first(out_dir, *args):
        shutil.copyfile(other / "graph.json", Path(out_dir) / "graph.json")
        keep(out_dir, *args)

    monkeypatch.setattr(incremental, "save_base", replaced_first)
    out = tmp_path / "out"
    assert _build(corpus_dir, out) == 0
    monkeypatch.undo()
    (corpus_dir / "2025-01-01-new.txt").write_text("重庆市万州区委书记 张伟\n\n万州区推进一号工程。\n", encoding="utf-8")
    assert _build(corpus_dir, out) == 0
    assert _build(corpus_dir, tmp_path / "full", "--no-cache") == 0
    assert (out / "graph.json").read_bytes() == (tmp_path / "full" / "graph.json").read_bytes()


def test_cli_rebuild_after_a_damaged_base_equals_a_full_build(tmp_path, examples_dir):
    corpus_dir = tmp_path / "in"
    shutil.copytree(examples_dir, corpus_dir)
    out = tmp_path / "out"
    assert _build(corpus_dir, out) == 0
    path = out / ".kg-cache" / "graph-base.marshal"
    data = bytearray(path.read_bytes())
    for at in range(len(data) // 3, len(data), len(data) // 4):         # a few bits, past the first line
        data[at] ^= 0x10
    path.write_bytes(bytes(data))
    (corpus_dir / "2025-01-01-new.txt").write_text("重庆市万州区委书记 张伟\n\n万州区推进一号工程。\n", encoding="utf-8")
    assert _build(corpus_dir, out) == 0
    assert _build(corpus_dir, tmp_path / "full", "--no-cache") == 0
    assert (out / "graph.json").read_bytes() == (tmp_path / "full" / "graph.json").read_bytes()
