"""The extraction cache: reuse across builds, keyed by text and pipeline version."""

from __future__ import annotations

import dataclasses
import os
import re
import signal
import subprocess
import sys
import warnings

import pytest

import test_build_fakes
from kg.cli import main
from kg.export.json import graph_to_json
from kg.rows import encode_result
from kg.run.build import BuildReport, build_graph
from kg.run.cache import CACHE_DIR, DB_NAME, ResultCache, pipeline_version, text_key
from kg.schema import DocResult, Document
from test_build_fakes import make_docs

CALLS: list[str] = []


def counting_extract(document: Document) -> DocResult:
    """The fake extractor, counting the documents it really processes."""
    CALLS.append(document.id)
    return test_build_fakes.fake_extract(document)


@pytest.fixture(autouse=True)
def _reset_calls():
    CALLS.clear()


def _build(docs, tmp_path, **kw):
    report = BuildReport()
    G = build_graph(docs, extractor=counting_extract, cache_dir=tmp_path, report=report, **kw)
    return graph_to_json(G), report


def test_cache_rebuild_extracts_only_new_documents(tmp_path):
    docs = make_docs(40)
    full, report = _build(docs, tmp_path)
    assert len(CALLS) == 40 and report.cached == 0
    CALLS.clear()
    again, report = _build(docs, tmp_path)
    assert CALLS == [] and report.cached == 40
    assert again == full
    CALLS.clear()
    more = docs + make_docs(3, start=40)
    grown, report = _build(more, tmp_path)
    assert sorted(CALLS) == ["doc0040.txt", "doc0041.txt", "doc0042.txt"]
    assert report.cached == 40
    assert grown == graph_to_json(build_graph(more, extractor=counting_extract))


def test_cache_same_bytes_with_workers(tmp_path):
    docs = make_docs(40)
    cold, _ = _build(docs[:20], tmp_path / "a", workers=2)
    assert cold == graph_to_json(build_graph(docs[:20], extractor=counting_extract))
    warm, report = _build(docs, tmp_path / "a", workers=2)
    assert report.cached == 20
    assert warm == graph_to_json(build_graph(docs, extractor=counting_extract))


def test_cache_reapplies_current_id_and_date(tmp_path):
    doc = make_docs(1)[0]
    _build([doc], tmp_path)
    moved = dataclasses.replace(doc, id="renamed.txt", date="2024-05-06")
    CALLS.clear()
    out, report = _build([moved], tmp_path)
    assert CALLS == [] and report.cached == 1
    assert out == graph_to_json(build_graph([moved], extractor=counting_extract))
    assert '"renamed.txt"' in out and '"2024-05-06"' in out and doc.id not in out


def test_cache_off_without_cache_dir(tmp_path):
    _build(make_docs(3), tmp_path)
    CALLS.clear()
    build_graph(make_docs(3), extractor=counting_extract)
    assert len(CALLS) == 3


# fmt: off
@pytest.mark.parametrize("change", [
    {"text": "另一篇文章"},
    {"title": "另一个标题"},
])
# fmt: on
def test_cache_key_follows_what_extraction_reads(change):
    doc = make_docs(1)[0]
    assert text_key(doc) != text_key(dataclasses.replace(doc, **change))
    assert text_key(doc) == text_key(dataclasses.replace(doc, id="x.txt", date="2020-01-01", path="y"))


def test_cache_other_version_misses_and_is_pruned(tmp_path):
    result = test_build_fakes.fake_extract(make_docs(1)[0])
    with ResultCache(tmp_path, version="old") as cache:
        cache.put("k", encode_result(result))
    with ResultCache(tmp_path, version="old") as cache:
        assert cache.get("k") == encode_result(result)
        # closing a build of this version would drop nothing: only "old" is stored
    with ResultCache(tmp_path, version="new") as cache:
        assert cache.get("k") is None
    with ResultCache(tmp_path, version="old") as cache:
        assert cache.get("k") is None


def test_cache_failed_build_keeps_other_versions(tmp_path):
    with ResultCache(tmp_path, version="old") as cache:
        cache.put("k", "{}")
    with pytest.raises(RuntimeError), ResultCache(tmp_path, version="new"):
        raise RuntimeError("interrupted")
    with ResultCache(tmp_path, version="old") as cache:
        assert cache.get("k") == "{}"


def test_cache_unreadable_file_starts_over(tmp_path):
    path = tmp_path / CACHE_DIR / DB_NAME
    path.parent.mkdir()
    path.write_bytes(b"not a database at all" * 100)
    with pytest.warns(UserWarning, match="unreadable extraction cache"):
        cache = ResultCache(tmp_path, version="v")
    with cache:
        assert cache.get("k") is None


def test_cache_pipeline_version_is_short_and_stable():
    assert re.fullmatch(r"[0-9a-f]{16}", pipeline_version())
    assert pipeline_version.__wrapped__() == pipeline_version()


def test_cache_cli_rebuild_same_bytes_and_no_cache(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for d in make_docs(4):
        (src / d.id).write_text(d.text, encoding="utf-8")
    args = ["build", str(src), "--format", "json", "--no-progress", "--workers", "1"]
    out = tmp_path / "out"
    assert main([*args, "-o", str(out)]) == 0
    assert (out / CACHE_DIR / DB_NAME).exists()
    first = (out / "graph.json").read_bytes()
    assert main([*args, "-o", str(out)]) == 0
    assert (out / "graph.json").read_bytes() == first
    bare = tmp_path / "bare"
    assert main([*args, "-o", str(bare), "--no-cache"]) == 0
    assert not (bare / CACHE_DIR).exists()
    assert (bare / "graph.json").read_bytes() == first


def test_cache_rows_round_trip_and_old_payloads_still_read():
    """Results are stored as compact rows; payloads written by older kg (one object per record) still decode."""
    import json

    from kg.rows import decode_result, decode_rows, result_to_rows, rows_to_result

    result = test_build_fakes.fake_extract(make_docs(3)[2])
    assert result.entities and result.relations
    payload = encode_result(result)
    assert payload.startswith("[")
    assert decode_result(payload) == result
    assert [e.attrs for e in decode_result(payload).entities] == [e.attrs for e in result.entities]
    old = json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":"))
    assert decode_rows(old) == decode_rows(payload) == json.loads(json.dumps(result_to_rows(result)))
    assert rows_to_result(decode_rows(old)) == result


def test_cache_plain_rows_are_what_the_json_text_gives_back():
    """A result extracted in this process skips its JSON text only where parsing it would give the same rows."""
    from kg.rows import decode_rows, plain_rows
    from kg.schema import EntityRecord

    result = test_build_fakes.fake_extract(make_docs(3)[2])
    assert plain_rows(result) == decode_rows(encode_result(result))
    post = {"title": "区长", "unit": "江北区", "top": True, "date": None, "doc": "a"}
    official = EntityRecord("official", "王甲", ("王局长",), 2, {"position_details": [post], "positions": ["区长"]})
    plain = dataclasses.replace(result, entities=(*result.entities, official))
    assert plain_rows(plain) == decode_rows(encode_result(plain))
    shared = EntityRecord("official", "李乙", (), 1, {"position_details": [post]})     # the same post dict twice
    for odd in ({"span": (1, 2)}, {"score": 0.5}, {1: "x"}, {"tags": {"a"}}):
        assert plain_rows(dataclasses.replace(result, entities=(EntityRecord("project", "甲项目", (), 1, odd),))) is None
    assert plain_rows(dataclasses.replace(plain, entities=(*plain.entities, shared))) is None


def test_cache_fresh_rows_stored_as_json_text(tmp_path):
    """kg's own results, handed over as rows in this process, are cached as the JSON text a worker sends."""
    from kg.nlp.extract import extract

    docs = [Document(f"d{i}", text, "2024-05-0{i}") for i, text in enumerate((
        "江北区区长王甲介绍，江北区引进重庆甲乙科技有限公司，建设甲乙智能工厂项目。",
        "九龙坡区与重庆丙丁汽车有限公司签署合作协议，共建丙丁新能源产业园。"), 1)]
    first = graph_to_json(build_graph(docs, cache_dir=tmp_path))
    with ResultCache(tmp_path, version=pipeline_version()) as cache:
        for d in docs:
            assert cache.get(text_key(d)) == encode_result(extract(d))
    report = BuildReport()
    assert graph_to_json(build_graph(docs, cache_dir=tmp_path, report=report)) == first
    assert report.cached == 2


def test_cache_old_payloads_give_the_same_graph(tmp_path):
    """A cache filled by an older kg (object payloads) gives the graph of a fresh build."""
    import json

    docs = make_docs(12)
    with ResultCache(tmp_path, version=f"{pipeline_version()}:test_cache:counting_extract") as cache:
        for d in docs:
            cache.put(text_key(d), json.dumps(counting_extract(d).to_dict(), ensure_ascii=False))
    CALLS.clear()
    out, report = _build(docs, tmp_path)
    assert CALLS == [] and report.cached == 12
    assert out == graph_to_json(build_graph(docs, extractor=counting_extract))


def test_cache_lookups_in_batches_count_hits_and_misses(tmp_path):
    with ResultCache(tmp_path, version="v") as cache:
        for i in range(100):
            cache.put(f"k{i}", f"[{i}]")
        keys = [f"k{i}" for i in range(0, 200, 2)]
        found = cache.get_many(keys)
        assert found == {f"k{i}": f"[{i}]" for i in range(0, 100, 2)}
        assert (cache.hits, cache.misses) == (50, 50)
        assert cache.get_many([]) == {}


def _corpus(folder, docs):
    folder.mkdir(exist_ok=True)
    for d in docs:
        (folder / d.id).write_text(d.text, encoding="utf-8")
    return folder


@pytest.fixture
def reads(monkeypatch):
    """The input files each build reads, in order."""
    import kg.read.documents

    seen: list[str] = []
    real = kg.read.documents._read_bytes

    def recording(src, max_bytes):
        seen.append(os.path.basename(src.path))
        return real(src, max_bytes)

    monkeypatch.setattr(kg.read.documents, "_read_bytes", recording)
    return seen


def _build_files(src, out, **kw):
    report = BuildReport()
    seen: list[str] = []
    G = build_graph([src], extractor=counting_extract, cache_dir=out, report=report,
                    progress=lambda d: seen.append(d.id), **kw)
    return graph_to_json(G), report, seen


def test_cache_rebuild_reads_only_changed_files(tmp_path, reads):
    """Unchanged files are not read again; new and changed ones are read (and extracted) first."""
    docs = make_docs(6)
    src = _corpus(tmp_path / "in", docs)
    out = tmp_path / "out"
    first, report, seen = _build_files(src, out)
    assert reads == seen == [d.id for d in docs]
    (src / "doc9999.txt").write_text(make_docs(1, start=50)[0].text, encoding="utf-8")
    (src / docs[2].id).write_text(docs[2].text + "又一段。\n", encoding="utf-8")
    reads.clear()
    CALLS.clear()
    again, report2, seen = _build_files(src, out)
    assert sorted(reads) == sorted(CALLS) == sorted(seen[:2]) == [docs[2].id, "doc9999.txt"]
    assert sorted(seen[2:]) == sorted(d.id for i, d in enumerate(docs) if i != 2)
    assert report2.cached == 5 and report2.documents == 7
    fresh = BuildReport()
    assert again == graph_to_json(build_graph([src], extractor=counting_extract, report=fresh))
    assert report2.characters == fresh.characters
    reads.clear()
    assert _build_files(src, out)[0] == again and reads == []


def test_cache_rebuild_reads_files_again_when_it_cannot_trust_them(tmp_path, reads):
    """Other options, a touched file, lost results, sidecars, problems: the file is read again."""
    docs = make_docs(4)
    src = _corpus(tmp_path / "in", docs)
    (src / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    _, report, _ = _build_files(src, out)
    assert [p.path for p in report.problems] == [str(src / "empty.txt")]
    reads.clear()
    _, report, _ = _build_files(src, out)
    assert reads == ["empty.txt"] and len(report.problems) == 1   # problems are reported again
    reads.clear()
    _build_files(src, out, date="2020-01-01")                     # read with other options
    assert len(reads) == 5
    reads.clear()
    st = os.stat(src / docs[1].id)
    os.utime(src / docs[1].id, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    CALLS.clear()
    _build_files(src, out, date="2020-01-01")
    assert reads == [docs[1].id, "empty.txt"] and CALLS == []      # touched: read, but its result is kept
    with ResultCache(out, version=f"{pipeline_version()}:test_cache:counting_extract") as cache:
        cache._db.execute("DELETE FROM results WHERE key = ?", (text_key(docs[3]),))
    reads.clear()
    CALLS.clear()
    _build_files(src, out, date="2020-01-01")
    assert reads == [docs[3].id, "empty.txt"] and CALLS == [docs[3].id]
    (src / (docs[0].id + ".meta.json")).write_text('{"title": "标题"}', encoding="utf-8")
    reads.clear()
    _build_files(src, out, date="2020-01-01")
    assert len(reads) == 5                                          # a folder with sidecars is read


def test_cache_decoded_rows_share_repeated_strings():
    from kg.rows import decode_rows

    a, b = make_docs(2)
    strings: dict[str, str] = {}
    ra = decode_rows(encode_result(test_build_fakes.fake_extract(a)), strings)
    rb = decode_rows(encode_result(test_build_fakes.fake_extract(b)), strings)
    assert ra == decode_rows(encode_result(test_build_fakes.fake_extract(a)))
    types = [e[0] for e in ra[4]] + [e[0] for e in rb[4]] + [r[2] for r in ra[5]] + [r[2] for r in rb[5]]
    assert len({id(t) for t in types}) == len(set(types))


def test_cache_inputs_update_keeps_unchanged_entries_and_drops_the_rest(tmp_path):
    """A rebuild writes only the entries that changed; files it did not list are forgotten."""
    with ResultCache(tmp_path) as cache:
        cache.set_inputs({"/a.txt": ("1:1", "ctx", [["a", None, "", "k1", 3]]), "/b.txt": ("2:2", "ctx", [])})
        cache.set_inputs({"/c.txt": ("3:3", "ctx", [])}, keep=["/a.txt"])
        assert cache.inputs() == {"/a.txt": ("1:1", "ctx", [["a", None, "", "k1", 3]]), "/c.txt": ("3:3", "ctx", [])}
        cache.set_inputs({"/d.txt": ("4:4", "ctx", [])})
        assert set(cache.inputs()) == {"/d.txt"}


# -- damage: found while the build reads the cache, mended by the build ---------------------------------

def _damaged_pages(path, pages=(3, 4)):
    """Two pages of the database overwritten (as a failing disk or a stray write would)."""
    with open(path, "r+b") as fh:
        for page in pages:
            fh.seek(page * 16384)
            fh.write(bytes(range(256)) * 64)


def _set_result(out, key, value):
    with ResultCache(out, version=f"{pipeline_version()}:test_cache:counting_extract") as cache:
        assert cache._db.execute("UPDATE results SET result = ? WHERE key = ?", (value, key)).rowcount == 1


@pytest.mark.parametrize("files", [False, True], ids=["documents", "files"])
def test_cache_damaged_pages_are_moved_aside_and_the_build_mended(tmp_path, files):
    docs = make_docs(60)
    inputs = [_corpus(tmp_path / "in", docs)] if files else docs
    before = _build(inputs, tmp_path)[0]
    path = tmp_path / CACHE_DIR / DB_NAME
    _damaged_pages(path)
    CALLS.clear()
    with pytest.warns(UserWarning, match="unreadable extraction cache .* moved to results.sqlite.damaged"):
        again, report = _build(inputs, tmp_path)
    assert again == before and report.documents == len(docs)
    assert (tmp_path / CACHE_DIR / (DB_NAME + ".damaged")).exists()
    CALLS.clear()
    assert _build(inputs, tmp_path)[0] == before and CALLS == []        # a sound cache again, that has them all


@pytest.mark.parametrize("damage", ["{not json", '{"doc_id": 1}', "[1, 2]", b"\xff\xfe not text"],
                         ids=["not-json", "other-json", "short-rows", "not-utf8"])
@pytest.mark.parametrize("files", [False, True], ids=["documents", "files"])
def test_cache_damaged_result_is_dropped_and_extracted_again(tmp_path, damage, files):
    docs = make_docs(8)
    inputs = [_corpus(tmp_path / "in", docs)] if files else docs
    before = _build(inputs, tmp_path)[0]
    _set_result(tmp_path, text_key(docs[5]), damage)
    CALLS.clear()
    with pytest.warns(UserWarning, match=f"damaged result of '{docs[5].id}'"):
        again, report = _build(inputs, tmp_path)
    assert again == before and CALLS == [docs[5].id]
    assert report.documents == len(docs) and report.cached == len(docs) - 1
    CALLS.clear()
    assert _build(inputs, tmp_path)[0] == before and CALLS == []


def test_cache_cli_damaged_cache_then_no_cache_then_cache(tmp_path, capsys):
    """The issue's sequence: damage, a --no-cache build, and cached builds that work again."""
    docs = make_docs(40)
    src = _corpus(tmp_path / "in", docs)
    out = tmp_path / "out"
    args = ["build", str(src), "-o", str(out), "--no-progress", "--format", "json", "--workers", "1"]
    assert main(args) == 0
    good = (out / "graph.json").read_bytes()
    _damaged_pages(out / CACHE_DIR / DB_NAME, pages=(1, 2))
    assert main([*args, "--no-cache"]) == 0
    capsys.readouterr()
    with warnings.catch_warnings():
        warnings.simplefilter("default")        # as outside the tests: kg prints it as a line of its own
        assert main(args) == 0
    assert "kg: warning: unreadable extraction cache" in capsys.readouterr().err
    assert main(args) == 0
    assert (out / "graph.json").read_bytes() == good


@pytest.mark.skipif(sys.platform != "linux", reason="a file size limit stands in for a full disk")
def test_cache_full_disk_is_a_clear_error(tmp_path):
    import resource

    fill = ("import sys; from kg.run.cache import ResultCache\n"
            "with ResultCache(sys.argv[1], version='v') as cache:\n"
            "    for i in range(200):\n"
            "        cache.put(str(i), 'x' * 10000)\n")

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

    done = subprocess.run([sys.executable, "-c", fill, str(tmp_path)], preexec_fn=limited, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode != 0
    assert "KGError: cannot write the extraction cache" in done.stderr and "disk full" in done.stderr
