"""Where a name after (or before) a title ends: jieba's word knowledge, not a list (own names)."""

import pytest

from kg.nlp.components.titles import grammar
from kg.nlp.person_names import name_after, name_before, two_over_three

# fmt: off
AFTER = [
    # (text right after a title, the name)
    ("何东便带队赶到现场", "何东"),        # 便: an adverb
    ("张勇时，他正在查看", "张勇"),        # 时: a time word
    ("刘婧说，今年", "刘婧"),              # 说
    ("曹建江，出席", "曹建江"),            # 江 ends names
    ("李志刚说", "李志刚"),                # 刚 too, although it is also an adverb
    ("王建中表示", "王建中"),
    ("罗丹站在展板前", "罗丹"),            # no follower word: the model reads 站在 as words
    ("陈红梅坦言", "陈红梅"),
    # a verb of two characters right after three: the third character ends the name
    ("刘洪建深入企业调研", "刘洪建"),
    ("赵立新带领干部", "赵立新"),
    ("赵立新一同调研", "赵立新"),
    ("李娜一同调研", "李娜"),
    ("任组长，统筹", None),                # 任 is a verb: 组长 is a title, no name
    ("项目清单", None),
]
# fmt: on


@pytest.mark.parametrize("text, name", AFTER)
def test_person_names_after_a_title_end_where_the_words_say(text, name):
    g = grammar()
    assert name_after(text, 0, g["surname"], g["follow"], g["title"]) == name


def test_person_names_three_character_names_are_cut_only_where_two_reads_better():
    g = grammar()
    assert two_over_three("孙立便介") > 0 and name_after("孙立便介绍", 0, g["surname"], g["follow"]) == "孙立"
    assert two_over_three("曹建江") < 0


@pytest.mark.parametrize("text, words, name", [
    ("深入贯彻习近平总书记", ["深入", "贯彻", "习近平", "总书记"], "习近平"),    # a name of jieba's dictionary
    ("会见李强总理", ["会见", "李强", "总理"], "李强"),
    ("和丁薛祥副总理", ["和", "丁", "薛", "祥", "副", "总理"], "丁薛祥"),          # unknown: single characters
    ("国务院总理", ["国务院", "总理"], None),                                      # a body, no name
    ("党的总书记", ["党", "的", "总书记"], None),
])
def test_person_names_before_a_title(text, words, name):
    starts, i = [], 0
    for w in words:
        starts.append(i)
        i += len(w)
    end = text.index("总书记") if "总书记" in text else text.index("总理")
    if text[end - 1] == "副":
        end -= 1
    s = name_before(text, end, grammar()["surname"], frozenset(starts) | {len(text)}, starts)
    assert (text[s:end] if s is not None else None) == name


def test_person_names_model_cache_holds_jiebas_tables(tmp_path, monkeypatch):
    """The per-user copy of jieba's posseg tables is written, read back, and equal to jieba's own."""
    from kg.nlp import person_names

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    base = person_names._posseg_dir()
    jiebas = tuple(person_names._read_table(base / n) for n in person_names._TABLES)
    person_names._model.cache_clear()
    try:
        assert person_names._model() == jiebas                    # read from jieba, then cached
        assert list((tmp_path / "kg").glob("jieba-posseg-*.pickle"))
        person_names._model.cache_clear()
        assert person_names._model() == jiebas                    # read from the cache
    finally:
        person_names._model.cache_clear()
