"""Own probe sentences for enterprises and organizations, in the phrasings of news of provinces and
layouts the dev corpus lacks: what each must name, what it must not, and the relations it must hold."""

from __future__ import annotations

import pytest

from tests.conftest import entities_of, relations_of

# fmt: off
PROBES = [
    # a verb before a listed or registered company is no part of its name
    ('新区积极协调甘肃银行、兰州银行为企业提供融资，吸引宁德时代、比亚迪等龙头企业前来考察。',
     [('enterprise', '宁德时代'), ('enterprise', '比亚迪'), ('enterprise', '甘肃银行')], ['吸引宁德时代'], []),
    ('我们先后对接华为、比亚迪等龙头企业。', [('enterprise', '华为')], ['对接华为'], []),
    ('委托广西投资集团有限公司开展片区综合开发。', [('enterprise', '广西投资集团有限公司')], ['委托广西投资集团有限公司'], []),
    ('区里主动协调重庆长安汽车股份有限公司解决用地问题。', [('enterprise', '重庆长安汽车股份有限公司')], [], []),
    ('来自浙江大华技术股份有限公司的代表发言。', [('enterprise', '浙江大华技术股份有限公司')], ['来自浙江大华技术股份有限公司'], []),
    # two neighbouring places open a joint company name
    ('区里主动对接宁波舟山港集团有限公司。', [('enterprise', '宁波舟山港集团有限公司')], ['舟山港集团有限公司'], []),
    ('襄阳高新区湖北汉江智行汽车科技有限公司落户。', [('enterprise', '湖北汉江智行汽车科技有限公司')], [], []),
]
# fmt: on


@pytest.mark.parametrize("text, want, bad, rel", PROBES)
def test_enterprise_probe(text, want, bad, rel):
    ents = entities_of(text)
    assert set(want) <= ents
    assert not set(bad) & {n for _, n in ents}
    if rel:
        assert set(rel) <= relations_of(text)
