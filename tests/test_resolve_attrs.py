"""Merging the attributes of an entity's records: first non-empty value wins, lists are unions in order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.resolve import _merge_attrs, _merged

SCALARS = st.one_of(st.none(), st.just(""), st.booleans(), st.integers(0, 2), st.sampled_from(["甲", "乙"]))
# Each attribute has one type, as the recognizers write it: stages are lists, the rest single values.
ATTRS = st.fixed_dictionaries({}, optional={"adcode": SCALARS, "kind": SCALARS, "unit": SCALARS,
                                            "stages": st.lists(SCALARS, max_size=3)})


def test_merged_first_value_wins_and_lists_join():
    assert _merged([{"kind": "", "stages": ["签约"]}, {"kind": "园区", "stages": ["开工", "签约"]},
                    {"kind": "基地"}]) == {"kind": "园区", "stages": ["签约", "开工"]}


@given(st.lists(ATTRS, max_size=6), st.lists(st.integers(0, 5), max_size=6))
def test_merged_skips_repeats_without_changing_the_result(attrs, repeats):
    """Records of one place repeat the same attributes thousands of times; merging them once is enough."""
    with_repeats = []
    for i, a in enumerate(attrs):
        with_repeats += [dict(a)] * (1 + (repeats[i] if i < len(repeats) else 0))
    naive: dict = {}
    for a in with_repeats:
        _merge_attrs(naive, a)
    assert _merged(with_repeats) == naive
    assert [type(v) for v in _merged(with_repeats).values()] == [type(v) for v in naive.values()]
