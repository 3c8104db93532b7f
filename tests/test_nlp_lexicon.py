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
