"""jieba's dictionary is cached per user as word costs in a pickle, and the cache cuts text alike."""

import os

from kg.nlp import tokenizer


def test_word_costs_cache_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = tokenizer.build_word_costs()
    tokenizer._save_word_costs(built)
    path = tokenizer._word_costs_cache()
    assert path.parent == tmp_path / "kg" and path.exists()

    loaded = tokenizer._load_word_costs()
    assert loaded is not None and loaded[1] == built[1]
    text = "重庆市江北区建成两江数据中心，实施“链长制”。"
    assert list(tokenizer.DagCutter(*loaded)(text)) == list(tokenizer.DagCutter(*built)(text))


def test_word_costs_cache_absent_or_corrupt_falls_back(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert tokenizer._load_word_costs() is None
    path = tokenizer._word_costs_cache()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    assert tokenizer._load_word_costs() is None


def test_writing_the_word_costs_cache_keeps_only_the_installs_used_last(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "kg"
    folder.mkdir()
    installs = [folder / f"jieba-wordcosts-0.42.1-5071852-17000000{i:02d}.pickle" for i in range(5)]
    for i, f in enumerate(installs):
        f.write_bytes(b"x")
        os.utime(f, (1_700_000_000 + i, 1_700_000_000 + i))     # the last one used last
    older_kg = folder / "jieba-0.42.1-5071852-1700000000.pickle"
    one_dictionary = folder / "jieba-costs-0.42.1-5071852-1700000000.pickle"     # the costs' older format
    unrelated = folder / "notes.txt"
    for f in (older_kg, one_dictionary, unrelated):
        f.write_bytes(b"x")

    tokenizer._save_word_costs(({"重庆": -9.0}, 17.0))

    kept = sorted(f.name for f in folder.iterdir())
    newest_others = [f.name for f in installs[-(tokenizer.KEEP_WORD_COSTS - 1):]]
    assert kept == sorted([tokenizer._word_costs_cache().name, *newest_others, "notes.txt"])


def test_loading_the_word_costs_cache_marks_it_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    tokenizer._save_word_costs(({"重庆": -9.0}, 17.0))
    path = tokenizer._word_costs_cache()
    os.utime(path, (1_700_000_000, 1_700_000_000))
    assert tokenizer._load_word_costs() is not None
    assert path.stat().st_mtime > 1_700_000_000
