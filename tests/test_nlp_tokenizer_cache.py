"""jieba's prefix dictionary is cached per user as a pickle, and the cache cuts text alike."""

import jieba

from kg.nlp import tokenizer


def test_prefix_dict_cache_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = jieba.Tokenizer()
    built.initialize()
    tokenizer._save_prefix_dict(built)
    path = tokenizer._prefix_dict_cache()
    assert path.parent == tmp_path / "kg" and path.exists()

    loaded = jieba.Tokenizer()
    assert tokenizer._load_prefix_dict(loaded) and loaded.initialized
    text = "重庆市江北区建成两江数据中心，实施“链长制”。"
    assert list(loaded.cut(text, HMM=False)) == list(built.cut(text, HMM=False))


def test_prefix_dict_cache_absent_or_corrupt_falls_back(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert not tokenizer._load_prefix_dict(jieba.Tokenizer())
    path = tokenizer._prefix_dict_cache()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    assert not tokenizer._load_prefix_dict(jieba.Tokenizer())
