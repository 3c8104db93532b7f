"""kg.read.textnorm: traditional to simplified, character for character."""

from __future__ import annotations

import pytest

from kg.read.textnorm import to_simplified

# fmt: off
CASES = [
    ("綦江區", "綦江区"),
    ("重慶市綦江區委書記 李四", "重庆市綦江区委书记 李四"),
    ("國家發展和改革委員會", "国家发展和改革委员会"),
    ("鄉村振興戰略", "乡村振兴战略"),
    ("乾隆年間的頭髮", "乾隆年间的头发"),      # phrase table keeps 乾隆
    ("天氣乾燥", "天气干燥"),
    ("一目瞭然", "一目了然"),
]
# fmt: on


@pytest.mark.parametrize("text,expected", CASES)
def test_textnorm_converts_traditional(text, expected):
    assert to_simplified(text) == expected


@pytest.mark.parametrize("text", [
    "重庆市江北区委书记 张三出席开工仪式。",
    "2023年7月28日，ABC公司在两江新区签约。",
    "",
    "\x00\ufeff😀\u3000",
])
def test_textnorm_leaves_simplified_alone(text):
    assert to_simplified(text) == text


def test_textnorm_one_region_whatever_the_script():
    assert to_simplified("綦江區") == to_simplified("綦江区") == "綦江区"


def test_textnorm_keeps_offsets():
    text = "據悉，重慶市綦江區委書記 李四今天調研。"
    out = to_simplified(text)
    assert len(out) == len(text)
    start = text.index("綦江區")
    assert out[start:start + 3] == "綦江区"


def test_textnorm_variant_characters_of_names_in_a_simplified_text_stay():
    from kg.read.textnorm import for_recognition

    text = "叙州区先后签约四川鼎昇锂电科技有限公司等上下游企业14家，总投资212亿元。"
    assert for_recognition(text) == text
    assert for_recognition("重慶市綦江區委書記 李四") == "重庆市綦江区委书记 李四"


def test_textnorm_company_name_keeps_its_variant_character():
    from tests.conftest import entities_of

    text = "叙州区围绕电芯龙头企业开展以商招商，先后签约四川鼎昇锂电科技有限公司等上下游企业。"
    assert ("enterprise", "四川鼎昇锂电科技有限公司") in entities_of(text)
