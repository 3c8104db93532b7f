"""jieba's word classes are cached per user, packed by tag, and read back as the same table."""

from kg.nlp import wordclass


def test_word_classes_cache_reads_back_the_dictionary(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    wordclass.word_classes.cache_clear()
    try:
        built = wordclass.word_classes()                          # read from jieba, then cached
        assert built == wordclass._read_dictionary()
        assert list((tmp_path / "kg").glob("jieba-classes-*.pickle"))
        wordclass.word_classes.cache_clear()
        assert wordclass.word_classes() == built                  # read from the cache
    finally:
        wordclass.word_classes.cache_clear()
