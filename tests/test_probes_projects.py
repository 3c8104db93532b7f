"""Own probe sentences for projects and programs in the phrasings of reports and news of many provinces:
crossings and works named by their kind (通道, 航站楼, 电厂, 煤矿), works counted after their list
(甲、乙、丙三大船闸工程), works that are built not campaigned (…扩能改造工程), contractors and owners that
build them (X承建的Y, Y由X投资建设), and programs (quoted packages, counted lists) — what each must name,
and must not."""

from __future__ import annotations

import pytest

from tests.conftest import entities_of, relations_of

P, G = "project", "program"

# fmt: off
PROBES = [
    # crossings and lines named by 通道: two places' short forms, or a place and 跨海
    ('深中通道建成通车，珠江口两岸融合发展加快。', [(P, '深中通道')], [], []),
    ('加快推进黄茅海跨海通道、鹤港高速二期等重大交通项目。', [(P, '黄茅海跨海通道'), (P, '鹤港高速二期')], [], []),
    ('开辟人才引进绿色通道，为企业提供便利。', [], ['人才引进绿色通道', '绿色通道'], []),
    ('建设物流大通道和国际贸易通道。', [], ['国际贸易通道', '物流大通道', '国际贸易'], []),
    ('融入西部陆海新通道建设，打造出海大通道。', [(G, '西部陆海新通道')], ['出海大通道'], []),
    # built works named by 工程 are projects, campaigns by 工程 programs
    ('全力推进乌江白马航电枢纽、渝西水资源配置工程建设。', [(P, '乌江白马航电枢纽'), (P, '渝西水资源配置工程')], [], []),
    ('宁波舟山港梅山港区二期工程已全面投产。', [(P, '宁波舟山港梅山港区二期工程')], [], []),
    ('成都北站扩能改造工程开工。', [(P, '成都北站扩能改造工程')], [], []),
    ('推动呼图壁储气库二期工程开工。', [(P, '呼图壁储气库二期工程')], [], []),
    ('由国家管网集团投资建设的唐山LNG接收站应急调峰保障工程已投入运营。',
     [(P, '唐山LNG接收站应急调峰保障工程')], [], [('国家管网集团', 'develops', '唐山LNG接收站应急调峰保障工程')]),
    ('市里实施“十百千”工程，培育一批龙头企业。', [(G, '十百千工程')], [], []),
    # kinds: terminals, plants, mines, parks
    ('长沙黄花国际机场T3航站楼开工建设。', [(P, '长沙黄花国际机场T3航站楼')], [], []),
    ('国家能源集团准东五彩湾电厂二期扩建项目相继建成。', [(P, '国家能源集团准东五彩湾电厂二期扩建项目')], [], []),
    ('新疆天池能源将军戈壁二号露天煤矿建成。', [(P, '新疆天池能源将军戈壁二号露天煤矿')], [], []),
    ('关闭退出小煤矿12处。', [], ['小煤矿'], []),
    ('区内建成丝路软件城、西安科学园。', [(P, '丝路软件城'), (P, '西安科学园')], [], []),
    ('京东方第6代AMOLED柔性产线满产运行。', [(P, '京东方第6代AMOLED柔性产线')], [], []),
    ('中铁十二局承建的太行山高速公路全线贯通。', [(P, '太行山高速公路')], [], []),
    # stage words the segmenter cuts across are no part of a name
    ('新建成青山水库、龙潭隧道和沙溪大桥。', [(P, '青山水库'), (P, '龙潭隧道'), (P, '沙溪大桥')], ['成青山水库'], []),
    # a list before a count and the head its items share
    ('目前平陆运河马道枢纽、企石枢纽、青年枢纽三大船闸工程主体施工全面铺开。',
     [(P, '平陆运河马道枢纽'), (P, '企石枢纽'), (P, '青年枢纽')], ['青年枢纽三大船闸工程'], []),
    ('加快渝黔、渝湘、渝昆三条高铁建设。', [(P, '渝黔高铁'), (P, '渝湘高铁'), (P, '渝昆高铁')], [], []),
    ('建成白鹤滩、溪洛渡两座水电站。', [(P, '白鹤滩水电站'), (P, '溪洛渡水电站')], [], []),
    ('打造智能制造、生物医药、新材料三大产业基地。', [], ['新材料三大产业基地', '新材料产业基地'], []),
    ('建设东区、西区两个产业园。', [], ['东区产业园', '西区两个产业园'], []),
    ('引进落地了蜂巢能源、中创新航两大电池项目。', [], ['蜂巢能源电池项目', '中创新航两大电池项目'], []),
    ('开展安全生产、消防安全、食品安全三大专项行动。', [], ['食品安全三大专项行动'], []),
    ('晋江市先后实施“品牌之都”“海丝名城”“智造晋江”三大工程。',
     [(G, '品牌之都'), (G, '海丝名城'), (G, '智造晋江')], [], []),
    # who builds: contractors, operators, the passive
    ('中国建筑承建的西安国际会展中心二期主体封顶。', [(P, '西安国际会展中心二期')], [],
     [('中国建筑', 'develops', '西安国际会展中心二期')]),
    ('西安国际会展中心二期由中国建筑承建，预计年底完工。', [(P, '西安国际会展中心二期')], [],
     [('中国建筑', 'develops', '西安国际会展中心二期')]),
    ('南宁万象城项目由华润集团投资建设。', [(P, '南宁万象城项目')], [], [('华润集团', 'develops', '南宁万象城项目')]),
    ('比亚迪投资建设长沙电池项目。', [(P, '长沙电池项目')], [], [('比亚迪', 'develops', '长沙电池项目')]),
    ('中国电信运营的天翼云数据中心投入使用。', [(P, '天翼云数据中心')], [], [('中国电信', 'develops', '天翼云数据中心')]),
]
# fmt: on


@pytest.mark.parametrize("text, want, bad, rel", PROBES)
def test_project_probe(text, want, bad, rel):
    ents = entities_of(text)
    assert set(want) <= ents
    assert not set(bad) & {n for _, n in ents}
    if rel:
        assert set(rel) <= relations_of(text)
