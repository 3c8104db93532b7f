"""The trie scanner that finds place names: leftmost-longest, non-overlapping."""

import re

import pytest

from kg.nlp.lexicon import Trie, alternation


@pytest.mark.parametrize("text", [
    "江北区和江北的江北嘴", "重庆市江北区", "北区", "", "江", "区江北区江北"])
def test_trie_agrees_with_a_longest_first_regex(text):
    words = ["江北", "江北区", "重庆", "重庆市", "北区"]
    rx = re.compile(alternation(words))
    assert list(Trie(words).finditer(text)) == [m.span() for m in rx.finditer(text)]


def test_trie_takes_the_longest_word_then_moves_past_it():
    assert list(Trie(["重庆", "重庆市", "市江"]).finditer("重庆市江北")) == [(0, 3)]


def test_trie_with_one_character_words():
    assert list(Trie(["江", "江北"]).finditer("江北江南")) == [(0, 2), (2, 3)]


def test_trie_of_words_of_three_characters_or_more():
    words = ["宁德时代", "格力电器", "中兴通"]
    text = "宁德时格力电器中兴通讯宁德时代"
    assert list(Trie(words).finditer(text)) == [(3, 7), (7, 10), (11, 15)]


def test_factored_alternation_matches_like_a_flat_longest_first_one():
    """``alternation`` factors the words by their characters; in any context, backtracking
    included, it must match exactly what ``w1|w2|…`` sorted longest first matches."""
    import itertools
    import random

    rnd = random.Random(5)
    strings = ["".join(p) for n in range(6) for p in itertools.product("ab.", repeat=n)]
    for _ in range(40):
        words = {"".join(rnd.choice("ab.") for _ in range(rnd.randint(1, 4))) for _ in range(rnd.randint(1, 8))}
        flat = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
        for ctx in ("{}", "(?:{})b", "(?:{})$", "(?:{})+a"):
            a, b = re.compile(ctx.format(flat)), re.compile(ctx.format(alternation(words)))
            for s in strings:
                assert [m.span() for m in a.finditer(s)] == [m.span() for m in b.finditer(s)], (words, ctx, s)
    assert alternation(["发展", "发挥", "发"]) == "发(?:展|挥|)"
