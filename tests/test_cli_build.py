"""`kg build`: exit codes, skipped files named, all-or-nothing output, byte-identical rebuilds."""

from __future__ import annotations

import codecs
import io
import json
import sys

import pytest

import kg.export.html
import kg.export.json
from kg.cli import EXIT_FAIL, EXIT_OK, EXIT_PARTIAL, main
from kg.export._atomic import atomic_open
from kg.read.textnorm import to_simplified
from kg.run.build import build_graph
from kg.schema import Document

OUTPUTS = ("graph.json", "graph.graphml", "graph.html")
MANIFEST = "manifest.json"              # names the build: never the same bytes twice
STATE = (".kg-cache", ".kg-lock")        # kg's own: the cache, and the lock of the folder

# Each readable file of the mixed folder: (name, UTF-8 text it holds, how it is stored).
S_GBK = "重庆市2023年第二季度重点项目集中开工\n7月27日，重庆市江北区委书记 张三出席开工仪式。\n"
S_BOM = "2023年8月2日，重庆市渝北区区长 王五到两江新区调研。\n"
S_U16 = "重庆市巴南区委书记 赵六主持召开区委常委会会议。\n"
S_TRAD = "重慶市綦江區委書記 李四到綦江區調研鄉村振興工作。\n"
S_HTML = "重庆市永川区委书记 孙七会见长城汽车公司客人。"
S_JSONL = ["重庆市大足区区长 周八出席签约仪式。", "重庆市江津区委书记 吴九调研。"]


def make_mixed_folder(root):
    root.mkdir(parents=True, exist_ok=True)
    (root / "gbk.txt").write_bytes(S_GBK.encode("gbk"))
    (root / "bom.txt").write_bytes(codecs.BOM_UTF8 + S_BOM.encode("utf-8"))
    (root / "utf16.txt").write_bytes(S_U16.encode("utf-16"))
    (root / "trad.txt").write_bytes(S_TRAD.encode("utf-8"))
    (root / "page.html").write_text(f"<html><head><title>永川新闻</title><script>var x = '郑十';</script>"
                                    f"</head><body><p>{S_HTML}</p></body></html>", encoding="utf-8")
    (root / "lines.jsonl").write_text("".join(json.dumps({"id": f"n{i}", "text": t}, ensure_ascii=False) + "\n"
                                              for i, t in enumerate(S_JSONL)), encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (root / "empty.txt").write_bytes(b"")
    return root


def baseline_documents():
    """The readable documents of the mixed folder, as UTF-8 text handed over directly."""
    docs = [("gbk.txt", S_GBK), ("bom.txt", S_BOM), ("utf16.txt", S_U16), ("trad.txt", S_TRAD),
            ("page.html", S_HTML)] + [(f"lines.jsonl#n{i}", t) for i, t in enumerate(S_JSONL)]
    return [Document(id=i, text=t) for i, t in docs]


def edge_set(G):
    return {(u, v, d.get("relation")) for u, v, d in G.edges(data=True)}


def run(argv, capsys):
    code = main(argv)
    return code, capsys.readouterr().err


def build_args(inputs, out, *extra):
    return ["build", *map(str, inputs), "-o", str(out), "--no-progress", *extra]


def snapshot(out, names=OUTPUTS):
    return {name: (out / name).read_bytes() for name in names}


def test_cli_build_mixed_folder(tmp_path, capsys):
    folder = make_mixed_folder(tmp_path / "in")
    out = tmp_path / "out"
    code, err = run(build_args([folder], out), capsys)
    assert code == EXIT_PARTIAL
    skipped = [line for line in err.splitlines() if line.startswith("kg: skipped ")]
    assert len(skipped) == 2
    assert str(folder / "binary.txt") in skipped[0] and "binary" in skipped[0]
    assert str(folder / "empty.txt") in skipped[1] and "empty" in skipped[1]
    assert "7 documents, 2 skipped" in err
    assert all((out / name).stat().st_size > 0 for name in OUTPUTS)

    # every readable document's entities are there: the same as for the UTF-8 texts
    G = kg.export.json.read_json(out / "graph.json")
    base = build_graph(baseline_documents())
    assert set(G.nodes) == set(base.nodes)
    assert edge_set(G) == edge_set(base)


def _toy_extract(document):
    """A stand-in extractor (names after a title, places ending in 区), to see the texts arrive whole."""
    import re

    from kg.schema import DocResult, EntityRecord

    text = to_simplified(document.text)
    names = re.findall(r"(?:书记|区长) ([\u4e00-\u9fff]{2})", text)
    places = re.findall(r"[\u4e00-\u9fff]{2}区", text)
    ents = [EntityRecord("official", n) for n in names] + [EntityRecord("region", p) for p in places]
    return DocResult(document.id, document.date, tuple(dict.fromkeys(ents)), ())


def test_cli_build_mixed_folder_entities_with_a_toy_extractor(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("kg.nlp.extract.extract", _toy_extract)
    folder = make_mixed_folder(tmp_path / "in")
    code, _ = run(build_args([folder], tmp_path / "out"), capsys)
    assert code == EXIT_PARTIAL
    G = kg.export.json.read_json(tmp_path / "out" / "graph.json")
    base = build_graph(baseline_documents())
    assert set(G.nodes) == set(base.nodes)
    officials = {d.get("label") for _, d in G.nodes(data=True) if d.get("type") == "official"}
    assert {"张三", "王五", "赵六", "李四", "孙七", "周八", "吴九"} <= officials
    assert "綦江区" in {d.get("label") for _, d in G.nodes(data=True)}
    assert "郑十" not in officials     # it was in a <script>


def test_cli_build_traditional_matches_simplified():
    trad = build_graph([Document(id="t.txt", text=S_TRAD)])
    simp = build_graph([Document(id="t.txt", text=to_simplified(S_TRAD))])
    assert set(trad.nodes) == set(simp.nodes)
    assert edge_set(trad) == edge_set(simp)


def test_cli_build_success_is_0(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(S_GBK, encoding="utf-8")
    code, err = run(build_args([tmp_path / "a.txt"], tmp_path / "out"), capsys)
    assert code == EXIT_OK and "skipped" not in err


def test_cli_command_exits_with_its_code_output_and_cleanup(tmp_path):
    """``python -m kg`` exits without a last collection of its heap; its code, output and cleanup stay."""
    import subprocess

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(S_GBK, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")

    def kg(*args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *prefix, "-m", "kg", *args], capture_output=True, text=True,
                              timeout=300)

    for workers in ("1", "2"):
        built = kg("build", str(src), "-o", str(out), "--format", "json", "--no-progress", "--no-cache",
                   "--workers", workers)
        assert built.returncode == EXIT_PARTIAL, built.stderr
        assert "empty.txt" in built.stderr and built.stderr.rstrip().endswith(str(out) + "/")
        assert "leaked" not in built.stderr and "Warning" not in built.stderr    # worker pools wound up
    stats = kg("query", "stats", "--graph", str(out / "graph.json"), "--json")
    assert stats.returncode == EXIT_OK and json.loads(stats.stdout)
    assert kg("query", "stats", "--graph", str(tmp_path / "none.json")).returncode == EXIT_FAIL
    # Profilers write their reports at exit: they still do.
    report = tmp_path / "profile.out"
    profiled = kg("query", "stats", "--graph", str(out / "graph.json"), prefix=("-m", "cProfile", "-o", str(report)))
    assert profiled.returncode == EXIT_OK and report.stat().st_size > 0


def test_cli_build_nothing_readable_is_1(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, err = run(build_args([tmp_path], tmp_path / "out"), capsys)
    assert code == EXIT_FAIL and "no readable documents" in err
    assert not (tmp_path / "out").exists()


def test_cli_build_strict_is_fatal_and_writes_nothing(tmp_path, capsys):
    folder = make_mixed_folder(tmp_path / "in")
    code, err = run(build_args([folder], tmp_path / "out", "--strict"), capsys)
    assert code == EXIT_FAIL
    assert "--strict" in err and str(folder / "binary.txt") in err
    assert not (tmp_path / "out").exists()


def test_cli_build_stdin_and_date(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(S_U16.encode("gbk"))))
    code, _ = run(build_args(["-"], tmp_path / "out", "--date", "2023-07-28"), capsys)
    assert code == EXIT_OK


def test_cli_build_bad_date_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(build_args([tmp_path], tmp_path / "out", "--date", "2023-02-30"))
    assert info.value.code == 2
    assert "'2023-02-30' is not a date" in capsys.readouterr().err


def test_cli_build_bad_encoding_names_it(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(S_GBK, encoding="utf-8")
    code, err = run(build_args([tmp_path], tmp_path / "out", "--encoding", "klingon"), capsys)
    assert code == EXIT_FAIL and "unknown encoding 'klingon'" in err


@pytest.fixture
def previous_build(tmp_path, capsys):
    folder = make_mixed_folder(tmp_path / "in")
    out = tmp_path / "out"
    assert run(build_args([folder], out), capsys)[0] == EXIT_PARTIAL
    (folder / "more.txt").write_text(S_TRAD + S_GBK, encoding="utf-8")    # the next build differs
    return folder, out, snapshot(out, (*OUTPUTS, MANIFEST))


def _half_then(exc):
    def writer(G, path, **options):
        with atomic_open(path) as fh:
            fh.write("<html><body>half a page")
            fh.flush()
            raise exc
    return writer


@pytest.mark.parametrize("module,name", [(kg.export.json, "write_json"), (kg.export.html, "write_html")])
def test_cli_build_crash_in_exporter_keeps_previous_output(previous_build, capsys, monkeypatch, module, name):
    folder, out, before = previous_build
    monkeypatch.setattr(module, name, _half_then(RuntimeError("disk on fire")))
    code, err = run(build_args([folder], out), capsys)
    assert code == EXIT_FAIL
    assert "disk on fire" in err and "previous output left as it was" in err
    assert snapshot(out, (*OUTPUTS, MANIFEST)) == before
    assert sorted(p.name for p in out.iterdir() if p.name not in STATE) == sorted((*OUTPUTS, MANIFEST))    # no temporary files left


def test_cli_build_interrupt_in_exporter_keeps_previous_output(previous_build, capsys, monkeypatch):
    folder, out, before = previous_build
    monkeypatch.setattr(kg.export.html, "write_html", _half_then(KeyboardInterrupt()))
    code, err = run(build_args([folder], out), capsys)
    assert code == 130 and "interrupted" in err
    assert snapshot(out, (*OUTPUTS, MANIFEST)) == before
    assert sorted(p.name for p in out.iterdir() if p.name not in STATE) == sorted((*OUTPUTS, MANIFEST))


@pytest.mark.parametrize("toy", [False, True], ids=["extract", "toy-extract"])
def test_cli_build_byte_identical_whatever_the_order(tmp_path, capsys, monkeypatch, toy):
    if toy:     # a graph with nodes, whatever the state of kg.nlp.extract
        monkeypatch.setattr("kg.nlp.extract.extract", _toy_extract)
    folder = make_mixed_folder(tmp_path / "in")
    files = sorted(folder.iterdir())
    run(build_args(files, tmp_path / "one"), capsys)
    run(build_args(list(reversed(files)), tmp_path / "two"), capsys)
    run(build_args([folder], tmp_path / "three"), capsys)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    # ids are relative to the input root: a folder and its files listed one by one agree
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "three")
