"""The explorer page in a real headless Chromium: offline, drawn, searchable, clickable, inert.

Needs Selenium and the Debian packages chromium and chromium-driver (fonts-wqy-microhei for
legible labels); skipped when any is missing. Pages are opened from file:// URLs with every
host name mapped to nothing, so the page could not load anything even if it tried, and the
tests check that it did not try.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import time
from pathlib import Path

import networkx as nx
import pytest

from kg.explore.view import write_view
from kg.export.html import write_html
from kg.export.json import read_json

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

CHROMIUM = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = os.environ.get("KG_CHROMEDRIVER") or shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromedriver not installed")

DEMO = Path(__file__).parent / "data" / "demo_graph.json"
HOSTILE_NAME = '<img src=x onerror="window.__pwned=1;alert(1)">王五'
HOSTILE_ALIAS = "</script><script>window.__pwned=2;alert(2)</script>老王"
HOSTILE_SENTENCE = '王五</script><script>alert(3)</script>到<b id="injected">东山县</b>考察\u2028<img src=x onerror=alert(4)>'


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,900", "--host-resolver-rules=MAP * ~NOTFOUND",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    yield d
    d.quit()


def open_page(driver, path: Path, timeout: float = 30) -> None:
    """Open a page and wait for it to say it is ready; from then on nothing moves (see
    test_browser_nothing_moves_after_ready), so a click at a node's position hits it."""
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while not driver.execute_script("return !!(window.kgExplorer && window.kgExplorer.ready)"):
        assert time.monotonic() < deadline, "the page never became ready"
        time.sleep(0.05)


def node_id(driver, label: str) -> int:
    return driver.execute_script(
        "var label = arguments[0]; return kgExplorer.data.nodes.find(n => n.label === label).id", label)


def click_at(driver, x: float, y: float) -> None:
    canvas = driver.find_element(By.CSS_SELECTOR, "#kg-network canvas")
    w, h = canvas.size["width"], canvas.size["height"]
    ActionChains(driver).move_to_element_with_offset(canvas, int(x - w / 2), int(y - h / 2)).click().perform()


def wait_for(driver, script: str, timeout: float = 5, *args):
    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script(script, *args)
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for: {script}"
        time.sleep(0.05)


def assert_no_alert(driver) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text


@pytest.fixture(scope="module")
def demo_page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "demo.html"
    write_html(read_json(DEMO), path)
    return path


def test_browser_page_loads_with_no_network_request(driver, demo_page):
    driver.get_log("performance")                       # drop what came before
    open_page(driver, demo_page)
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [r for r in resources if not r.startswith(("data:", "file:"))] == []
    requests = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            requests.append(msg["params"]["request"]["url"])
    assert demo_page.resolve().as_uri() in requests     # the log works
    assert [u for u in requests if u.split(":", 1)[0].lower() in ("http", "https", "ws", "wss", "ftp")] == []
    assert driver.execute_script("return window.kgCspViolations") == []
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_browser_canvas_draws(driver, demo_page):
    open_page(driver, demo_page)
    painted = driver.execute_script("""
        var c = document.querySelector('#kg-network canvas');
        var px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0, red = 0;
        for (var i = 0; i < px.length; i += 4) {
          if (px[i + 3] > 0 && (px[i] < 240 || px[i + 1] < 240 || px[i + 2] < 240)) n++;
          if (Math.abs(px[i] - 0xe1) < 8 && Math.abs(px[i + 1] - 0x57) < 8 && Math.abs(px[i + 2] - 0x59) < 8) red++;
        }
        return [n, red];""")
    assert painted[0] > 5000, "the canvas is (nearly) blank"
    assert painted[1] > 100, "no official (red dot) was drawn"
    legend = driver.find_element(By.ID, "kg-type-filters").text
    assert "官员" in legend and "地区" in legend


def test_browser_search_focuses_node_by_alias(driver, demo_page):
    open_page(driver, demo_page)
    box = driver.find_element(By.ID, "kg-search")
    box.send_keys("林书记")
    options = wait_for(driver, "return Array.from(document.querySelectorAll('#kg-search-results li'))"
                               ".map(li => li.textContent)")
    assert options[0].startswith("林晓峰")
    box.send_keys(Keys.ENTER)
    lin = node_id(driver, "林晓峰")
    assert wait_for(driver, "return kgExplorer.network.getSelectedNodes()") == [lin]
    time.sleep(0.6)                                        # the focus animation
    panel = driver.find_element(By.ID, "kg-panel")
    assert panel.is_displayed()
    canvas = driver.find_element(By.CSS_SELECTOR, "#kg-network canvas")
    pos = driver.execute_script("return kgExplorer.domPosition(arguments[0])", lin)
    free = canvas.size["width"] - panel.size["width"]        # the panel overlays the canvas' right side
    assert abs(pos["x"] - free / 2) < 5 and abs(pos["y"] - canvas.size["height"] / 2) < 5
    assert panel.find_element(By.TAG_NAME, "h2").text == "林晓峰"
    assert "林书记" in panel.text
    career = [td.text for td in panel.find_elements(By.CSS_SELECTOR, "table.kg-career td")]
    assert career[1:] == ["青川市", "市委书记"]            # a graph of position_details only: still a table


def test_browser_click_node_then_edge_shows_evidence(driver, demo_page):
    open_page(driver, demo_page)
    sun, baishi = node_id(driver, "孙雅婷"), node_id(driver, "白石县")
    a = driver.execute_script("return kgExplorer.domPosition(arguments[0])", sun)
    click_at(driver, a["x"], a["y"])
    panel = driver.find_element(By.ID, "kg-panel")
    wait_for(driver, "return !document.getElementById('kg-panel').hidden")
    assert panel.find_element(By.TAG_NAME, "h2").text == "孙雅婷"
    assert "白石县县长" in panel.text and "主政" in panel.text and "白石县" in panel.text

    b = driver.execute_script("return kgExplorer.domPosition(arguments[0])", baishi)
    click_at(driver, (a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2)
    wait_for(driver, "return document.getElementById('kg-panel').getAttribute('data-edge') !== null")
    evidence = [q.text for q in panel.find_elements(By.CSS_SELECTOR, "blockquote.kg-evidence")]
    assert evidence == ["白石县县长孙雅婷察看高标准农田建设进度。"]
    assert "d002" in panel.text


def test_browser_filters_by_type_and_relation(driver, demo_page):
    open_page(driver, demo_page)
    before = driver.execute_script("return kgExplorer.visibleNodeIds().length")
    driver.find_element(By.CSS_SELECTOR, '#kg-type-filters input[data-type="official"]').click()
    labels = driver.execute_script(
        "return kgExplorer.visibleNodeIds().map(id => kgExplorer.data.nodes[id].type)")
    assert len(labels) == before - 5 and "official" not in labels
    driver.find_element(By.CSS_SELECTOR, '#kg-relation-filters input[data-relation="part_of"]').click()
    relations = driver.execute_script(
        "return kgExplorer.visibleEdgeIds().map(id => kgExplorer.data.edges[id].relation)")
    assert relations and "part_of" not in relations and "governs" not in relations


def hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node(f"official:{HOSTILE_NAME}", label=HOSTILE_NAME, type="official", docs=["<b>d1</b>"],
               aliases=[HOSTILE_NAME, HOSTILE_ALIAS], positions=["<i>县长</i> href=javascript:alert(5)"])
    G.add_node("region:东山县", label="东山县", type="region", aliases=["东山县", "href"], docs=["d1"],
               level="county", parent="<img src=x onerror=alert(6)>")
    G.add_node("enterprise:海风公司", label="海风公司", type="enterprise", aliases=["海风公司"], docs=["d1"])
    G.add_edge(f"official:{HOSTILE_NAME}", "region:东山县", key="governs", relation="governs", rule="<r>",
               doc="d1", evidence=HOSTILE_SENTENCE, weight=1, docs=["d1"], evidences=[HOSTILE_SENTENCE])
    G.add_edge("region:东山县", "enterprise:海风公司", key="hosts", relation="hosts", rule="r", doc="d1",
               evidence="海风公司落户东山县。", weight=1, docs=["d1"], evidences=["海风公司落户东山县。"])
    return G


def test_browser_hostile_strings_render_as_text(driver, tmp_path):
    path = tmp_path / "hostile.html"
    write_html(hostile_graph(), path, title="<img src=x onerror=alert(7)>标题")
    open_page(driver, path)
    assert_no_alert(driver)
    assert driver.title == "<img src=x onerror=alert(7)>标题"

    box = driver.find_element(By.ID, "kg-search")
    box.send_keys("老王")
    wait_for(driver, "return document.querySelectorAll('#kg-search-results li').length")
    box.send_keys(Keys.ENTER)
    panel = driver.find_element(By.ID, "kg-panel")
    wait_for(driver, "return !document.getElementById('kg-panel').hidden")
    assert panel.find_element(By.TAG_NAME, "h2").text == HOSTILE_NAME
    assert HOSTILE_ALIAS in panel.text and "<i>县长</i>" in panel.text

    panel.find_element(By.CSS_SELECTOR, ".kg-evidence-link").click()
    quote = wait_for(driver, "return document.querySelector('blockquote.kg-evidence')")
    assert quote.get_property("textContent") == HOSTILE_SENTENCE

    time.sleep(0.6)                                        # the focus animation
    pos = driver.execute_script("return kgExplorer.domPosition(arguments[0])", 0)
    canvas = driver.find_element(By.CSS_SELECTOR, "#kg-network canvas")
    w, h = canvas.size["width"], canvas.size["height"]
    x, y = int(pos["x"] - w / 2), int(pos["y"] - h / 2)
    ActionChains(driver).move_to_element_with_offset(canvas, x - 30, y - 30).pause(0.1) \
        .move_to_element_with_offset(canvas, x, y).perform()
    tip = wait_for(driver, "var t = document.querySelector('div.vis-tooltip');"
                           "return t && t.style.visibility === 'visible' && t", 5)
    assert tip.get_property("textContent").startswith(HOSTILE_NAME)
    tags = driver.execute_script("return Array.from(arguments[0].querySelectorAll('*')).map(e => e.tagName)", tip)
    assert set(tags) <= {"BR"}                             # innerText turns "\n" into <br>, nothing else

    time.sleep(0.3)
    assert_no_alert(driver)
    assert driver.execute_script("return window.__pwned") is None
    assert driver.execute_script("return document.querySelectorAll('img, b, i, #injected').length") == 0
    assert driver.execute_script("return document.scripts.length") == 4


def test_browser_large_graph_opens_filtered_and_shows_more(driver, tmp_path):
    rng = random.Random(3)
    types = ["official", "region", "enterprise", "organization", "project", "program"]
    G = nx.MultiDiGraph()
    for i in range(600):
        t = types[i % 6]
        G.add_node(f"{t}:节点{i}", label=f"节点{i}", type=t, aliases=[f"节点{i}", f"别名{i}"], docs=["d1"])
    ids = list(G.nodes)
    for i in range(1, 600):
        j = rng.randrange(i)
        G.add_edge(ids[i], ids[j], key="part_of", relation="part_of", evidence=f"节点{i}属于节点{j}。",
                   evidences=[f"节点{i}属于节点{j}。"], weight=1, docs=["d1"], doc="d1", rule="r")
    path = tmp_path / "large.html"
    write_html(G, path, max_nodes=100)
    open_page(driver, path)
    shown = driver.execute_script("return kgExplorer.visibleNodeIds().length")
    assert shown == 100
    more = driver.find_element(By.ID, "kg-more")
    assert more.is_displayed()
    more.click()
    assert driver.execute_script("return kgExplorer.visibleNodeIds().length") == 200
    hidden = driver.execute_script(
        "var v = new Set(kgExplorer.visibleNodeIds());"
        "return kgExplorer.data.nodes.find(n => !v.has(n.id)).label")
    box = driver.find_element(By.ID, "kg-search")
    box.send_keys(hidden.replace("节点", "别名"))
    wait_for(driver, "return document.querySelectorAll('#kg-search-results li').length")
    box.send_keys(Keys.ENTER)
    hid = node_id(driver, hidden)
    assert wait_for(driver, "return kgExplorer.network.getSelectedNodes()") == [hid]
    assert hid in driver.execute_script("return kgExplorer.visibleNodeIds()")
    driver.find_element(By.ID, "kg-all").click()
    assert driver.execute_script("return kgExplorer.visibleNodeIds().length") == 600


def test_browser_large_graph_filter_fills_the_page_limit(driver, tmp_path):
    """A filter on a page that opened on its first max_nodes shows what it picks, up to that limit."""
    G = random_large_graph(300, 0)
    path = tmp_path / "limited.html"
    write_html(G, path, max_nodes=40)
    open_page(driver, path)
    assert driver.execute_script("return kgExplorer.visibleNodeIds().length") == 40
    for t in ("official", "region", "enterprise", "organization", "program"):
        driver.find_element(By.CSS_SELECTOR, f'#kg-type-filters input[data-type="{t}"]').click()
    types = driver.execute_script("return kgExplorer.visibleNodeIds().map(id => kgExplorer.data.nodes[id].type)")
    assert types == ["project"] * 40                                  # 50 projects, 40 of them shown


def test_browser_ego_view_opens_on_its_entity(driver, tmp_path):
    path = tmp_path / "view.html"
    write_view(read_json(DEMO), "云帆科技", path, depth=1)
    open_page(driver, path)
    yunfan = node_id(driver, "青川云帆智能科技有限公司")
    assert driver.execute_script("return kgExplorer.network.getSelectedNodes()") == [yunfan]
    assert driver.find_element(By.CSS_SELECTOR, "#kg-panel h2").text == "青川云帆智能科技有限公司"
    assert driver.execute_script("return kgExplorer.visibleNodeIds().length") == 4


# ---- opens readable and still ----

def random_large_graph(n: int = 500, lone: int = 60) -> nx.MultiDiGraph:
    """A graph past PHYSICS_MAX_NODES with a few hubs (preferential attachment) and lone nodes."""
    rng = random.Random(5)
    types = ["official", "region", "enterprise", "organization", "project", "program"]
    G = nx.MultiDiGraph()
    for i in range(n + lone):
        t = types[i % 6]
        G.add_node(f"{t}:实体{i}", label=f"实体{i}", type=t, aliases=[f"实体{i}"], docs=["d1"])
    ids = list(G.nodes)
    targets = [ids[0]]
    for i in range(1, n):
        v = rng.choice(targets)
        G.add_edge(ids[i], v, key="hosts", relation="hosts", evidence="句子。", evidences=["句子。"], weight=1,
                   docs=["d1"], doc="d1", rule="r")
        targets += [v, ids[i]]
    return G


@pytest.fixture(scope="module")
def large_page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "large.html"
    write_html(random_large_graph(), path)
    return path


@pytest.fixture(scope="module")
def mid_page(tmp_path_factory) -> Path:
    """Laid out by physics in the browser, and still settling after its 250 stabilization steps."""
    path = tmp_path_factory.mktemp("pages") / "mid.html"
    write_html(random_large_graph(250, 20), path)
    return path


POSITIONS = "return Object.fromEntries(kgExplorer.visibleNodeIds().map(id => [id, kgExplorer.domPosition(id)]))"


def assert_still_and_clickable(driver, ids) -> None:
    """Nothing moves after ready, and a click at a node's reported position selects that node."""
    before = driver.execute_script(POSITIONS)
    time.sleep(1.0)
    assert driver.execute_script(POSITIONS) == before
    for i in ids:
        p = driver.execute_script("return kgExplorer.domPosition(arguments[0])", i)
        click_at(driver, p["x"], p["y"])
        assert wait_for(driver, "return kgExplorer.network.getSelectedNodes()") == [i]
        driver.find_element(By.ID, "kg-panel-close").click()
        driver.execute_script("kgExplorer.network.unselectAll()")
    assert driver.execute_script(POSITIONS) == before


@pytest.mark.parametrize("page", ["demo_page", "mid_page", "large_page"])
def test_browser_nothing_moves_after_ready(driver, page, request):
    open_page(driver, request.getfixturevalue(page))
    hubs = driver.execute_script("return kgExplorer.hubs")
    assert hubs
    assert_still_and_clickable(driver, hubs[:4])


def hub_label_pixels(driver) -> dict[str, float]:
    """Label of each hub -> its height on screen in pixels, as vis-network draws it."""
    return driver.execute_script("""
        var k = kgExplorer, s = k.network.getScale(), out = {};
        k.hubs.forEach(id => { out[k.data.nodes[id].label] = k.network.body.nodes[id].labelModule.fontOptions.size * s; });
        return out;""")


def test_browser_large_graph_opens_with_hub_labels_legible(driver, large_page):
    open_page(driver, large_page)
    sizes = hub_label_pixels(driver)
    assert len(sizes) >= 10 and min(sizes.values()) >= 12, sizes
    canvas = driver.find_element(By.CSS_SELECTOR, "#kg-network canvas")
    for i in driver.execute_script("return kgExplorer.hubs"):
        p = driver.execute_script("return kgExplorer.domPosition(arguments[0])", i)
        assert 0 <= p["x"] <= canvas.size["width"] and 0 <= p["y"] <= canvas.size["height"]
    degrees = driver.execute_script("return kgExplorer.hubs.map(id => kgExplorer.data.nodes[id].degree)")
    assert degrees == sorted(degrees, reverse=True) and degrees[0] == max(
        driver.execute_script("return kgExplorer.data.nodes.map(n => n.degree)"))
    top = driver.execute_script("return kgExplorer.hubs[0]")
    kind = driver.execute_script("return kgExplorer.data.nodes[arguments[0]].type", top)
    driver.find_element(By.CSS_SELECTOR, f'#kg-type-filters input[data-type="{kind}"]').click()
    hubs = driver.execute_script("return kgExplorer.hubs")              # the hubs of what is shown
    assert hubs and top not in hubs and set(hubs) <= set(driver.execute_script("return kgExplorer.visibleNodeIds()"))
    assert driver.execute_script("return kgExplorer.nodes.get(arguments[0]).font.size", top) == 14    # reset
    driver.execute_script("kgExplorer.network.moveTo({scale: 2})")      # zoomed in: as large as the others
    wait_for(driver, "return kgExplorer.hubs.every(id => kgExplorer.network.body.nodes[id].labelModule.fontOptions.size === 14)")


@pytest.mark.skipif(not (Path(__file__).resolve().parent.parent.parent / "shared" / "corpus").is_dir(),
                    reason="../shared (dev corpus) is not beside the repo")
def test_browser_dev_corpus_opens_readable(driver, tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-m", "kg", "build", str(root.parent / "shared" / "corpus"), "-o", str(tmp_path),
                    "--no-progress", "--no-cache", "--format", "html"], cwd=root, check=True, capture_output=True)
    open_page(driver, tmp_path / "graph.html")
    sizes = hub_label_pixels(driver)
    assert len(sizes) >= 10 and min(sizes.values()) >= 12, sizes
    assert_still_and_clickable(driver, driver.execute_script("return kgExplorer.hubs")[:5])


# ---- careers, filters, evidence, corrections ----

CAREERS = Path(__file__).parent / "data" / "careers_graph.json"


@pytest.fixture(scope="module")
def careers_page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "careers.html"
    write_html(read_json(CAREERS), path)
    return path


def key_id(driver, key: str) -> int:
    return driver.execute_script("return kgExplorer.data.nodes.find(n => n.key === arguments[0]).id", key)


def edge_id(driver, head: str, relation: str, tail: str) -> int:
    return driver.execute_script("""
        var k = kgExplorer, n = key => k.data.nodes.find(x => x.key === key).id;
        return k.data.edges.find(e => e.relation === arguments[1] && e.from === n(arguments[0]) && e.to === n(arguments[2])).id""",
        head, relation, tail)


def test_browser_career_table_in_time_order(driver, careers_page):
    open_page(driver, careers_page)
    driver.execute_script("kgExplorer.focusNode(arguments[0], {animate: false})", key_id(driver, "official:王建国"))
    panel = driver.find_element(By.ID, "kg-panel")
    rows = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in panel.find_elements(By.CSS_SELECTOR, "table.kg-career tbody tr")]
    assert rows == [["2022-05-10", "江北区", "江北区区长 ★"], ["2024-03-02", "江北区", "江北区委书记 ★"],
                    ["2024-03-02", "重庆市", "重庆市委常委"]]
    assert "title：" not in panel.text and "role：" not in panel.text     # no raw position dicts
    panel.find_element(By.CSS_SELECTOR, "table.kg-career tbody tr .kg-link").click()   # the unit
    assert wait_for(driver, "return kgExplorer.network.getSelectedNodes()") == [key_id(driver, "region:江北区")]

    driver.execute_script("kgExplorer.focusNode(arguments[0], {animate: false})", key_id(driver, "official:李红梅"))
    rows = [td.text for td in panel.find_elements(By.CSS_SELECTOR, "table.kg-career td")]
    assert rows == ["2022-05-10 – 2024-03-02", "江北区", "江北区副区长"]          # from position_details

    driver.execute_script("kgExplorer.focusNode(arguments[0], {animate: false})", key_id(driver, "official:王建国（云阳县）"))
    assert panel.find_element(By.CSS_SELECTOR, ".kg-namesake").text.startswith("与江北区的王建国同名")


def shown(driver) -> tuple[set[str], set[tuple[str, str, str]]]:
    """Keys of the visible nodes, and (head, relation, tail) keys of the visible edges."""
    nodes, edges = driver.execute_script("""
        var k = kgExplorer, key = id => k.data.nodes[id].key;
        return [k.visibleNodeIds().map(key),
                k.visibleEdgeIds().map(id => { var e = k.data.edges[id]; return [key(e.from), e.relation, key(e.to)]; })];""")
    return set(nodes), {tuple(e) for e in edges}


def set_value(driver, element_id: str, value: str, event: str = "change") -> None:
    driver.execute_script("var el = document.getElementById(arguments[0]); el.value = arguments[1];"
                          "el.dispatchEvent(new Event(arguments[2]))", element_id, value, event)


def pick_documents(driver, titles: list[str]) -> None:
    if not driver.find_element(By.ID, "kg-doc-box").get_property("open"):
        driver.find_element(By.CSS_SELECTOR, "#kg-doc-box summary").click()
    select = driver.find_element(By.ID, "kg-doc-filter")
    driver.execute_script("Array.from(arguments[0].options).forEach(o => o.selected = false);"
                          "arguments[0].dispatchEvent(new Event('change'))", select)
    for option in select.find_elements(By.TAG_NAME, "option"):
        if option.text.split(" · ")[0] in titles:
            ActionChains(driver).key_down(Keys.CONTROL).click(option).key_up(Keys.CONTROL).perform()


def test_browser_filters_by_document_date_rule_and_confidence(driver, careers_page):
    open_page(driver, careers_page)
    all_nodes, all_edges = shown(driver)
    assert len(all_nodes) == 9 and len(all_edges) == 8

    pick_documents(driver, ["云阳县乡村振兴现场会"])
    nodes, edges = shown(driver)
    assert edges == {("official:王建国（云阳县）", "governs", "region:云阳县"),
                     ("region:云阳县", "implements", "program:数字乡村行动")}
    assert nodes == {"official:王建国（云阳县）", "region:云阳县", "program:数字乡村行动"}
    assert "已筛选" in driver.find_element(By.ID, "kg-status").text
    assert driver.execute_script("var v = new Set(kgExplorer.visibleNodeIds()); return kgExplorer.hubs.every(id => v.has(id))")
    pick_documents(driver, [])

    set_value(driver, "kg-date-from", "2023-01-01")
    set_value(driver, "kg-date-until", "2023-12-31")
    nodes, edges = shown(driver)                       # only the positions held through 2023
    assert edges == {("official:王建国", "governs", "region:江北区"), ("official:李红梅", "serves_in", "region:江北区")}
    assert nodes == {"official:王建国", "official:李红梅", "region:江北区"}
    set_value(driver, "kg-date-from", "")
    set_value(driver, "kg-date-until", "")

    driver.find_element(By.CSS_SELECTOR, "#kg-rule-box summary").click()
    driver.find_element(By.CSS_SELECTOR, '#kg-rule-filters input[data-rule="hosts_speaker"]').click()
    nodes, edges = shown(driver)
    assert not any(r == "hosts" for _, r, _ in edges) and len(edges) == 6
    assert "project:江北数字经济产业园" not in nodes and "region:江北区" in nodes

    set_value(driver, "kg-confidence", "0.5", "input")          # combined with the rule filter
    nodes, edges = wait_for(driver, "return kgExplorer.visibleEdgeIds().length === 5") and shown(driver)
    assert "program:数字乡村行动" not in nodes
    assert driver.find_element(By.ID, "kg-confidence-value").text == "0.50"

    pick_documents(driver, ["江北区委全会召开"])                    # and a document: 2024-03-02's
    nodes, edges = shown(driver)
    assert edges == {("official:王建国", "governs", "region:江北区"), ("official:李红梅", "serves_in", "region:江北区"),
                     ("region:江北区", "part_of", "region:重庆市"), ("official:王建国", "serves_in", "region:重庆市")}
    assert "enterprise:重庆云杉微电子有限公司" in nodes            # mentioned there, its hosts edge filtered out

    driver.find_element(By.ID, "kg-reset").click()
    assert shown(driver) == (all_nodes, all_edges)
    assert not driver.find_element(By.ID, "kg-reset").is_displayed()


def test_browser_old_graph_has_no_confidence_slider(driver, demo_page):
    open_page(driver, demo_page)
    assert not driver.find_element(By.ID, "kg-confidence-box").is_displayed()
    assert driver.find_element(By.ID, "kg-doc-box").is_displayed()        # documents known by id


def test_browser_evidence_marks_both_names_and_links_its_source(driver, careers_page):
    open_page(driver, careers_page)
    driver.execute_script("kgExplorer.showEdge(arguments[0])",
                          edge_id(driver, "region:江北区", "hosts", "project:江北数字经济产业园"))
    panel = driver.find_element(By.ID, "kg-panel")
    quote = panel.find_element(By.CSS_SELECTOR, "blockquote.kg-evidence")
    assert quote.text == "江北加快建设数字经济产业园，力争年内投用。"
    marks = [(m.get_attribute("class"), m.text) for m in quote.find_elements(By.TAG_NAME, "mark")]
    assert marks == [("kg-head", "江北"), ("kg-tail", "数字经济产业园")]        # aliases count as names
    source = panel.find_element(By.CSS_SELECTOR, ".kg-source")
    assert "江北区召开数字经济推进会" in source.text and "2022-05-10" in source.text
    link = source.find_element(By.TAG_NAME, "a")
    assert link.get_attribute("href") == "https://news.example.cn/jiangbei/2022/0510.html"
    assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("target") == "_blank"
    assert "置信度" in panel.text and "0.60" in panel.text

    driver.execute_script("kgExplorer.showEdge(arguments[0])",
                          edge_id(driver, "official:王建国", "governs", "region:江北区"))
    quotes = panel.find_elements(By.CSS_SELECTOR, "blockquote.kg-evidence")
    assert [[m.text for m in q.find_elements(By.TAG_NAME, "mark")] for q in quotes] == [
        ["江北区", "王建国"], ["江北区", "王建国"]]
    assert [s.text for s in panel.find_elements(By.CSS_SELECTOR, ".kg-source .kg-doc-title")] == [
        "江北区召开数字经济推进会", "江北区委全会召开"]
    assert "2022-05-10 – 2024-03-02" in panel.text

    driver.execute_script("kgExplorer.showEdge(arguments[0])",          # its document's url is javascript:
                          edge_id(driver, "region:云阳县", "implements", "program:数字乡村行动"))
    assert "云阳县乡村振兴现场会" in panel.find_element(By.CSS_SELECTOR, ".kg-source").text
    assert panel.find_elements(By.CSS_SELECTOR, "a") == []
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0


def correction(driver, option_text: str | None = None) -> str:
    panel = driver.find_element(By.ID, "kg-panel")
    if option_text is not None:
        select = panel.find_element(By.CSS_SELECTOR, "select.kg-correction-op")
        next(o for o in select.find_elements(By.TAG_NAME, "option") if o.text == option_text).click()
    return panel.find_element(By.CSS_SELECTOR, "textarea.kg-correction").get_property("value")


def test_browser_offers_a_correction_row_to_paste(driver, careers_page):
    open_page(driver, careers_page)
    driver.execute_script("kgExplorer.focusNode(arguments[0], {animate: false})", key_id(driver, "region:重庆市"))
    driver.execute_script("kgExplorer.focusNode(arguments[0], {animate: false})", key_id(driver, "official:王建国"))
    assert correction(driver) == "drop,official:王建国"
    assert correction(driver, "拆出别名“王区长”") == "split,official:王建国,,王区长"
    assert correction(driver, "改类型") == "retype,official:王建国,,official"
    assert correction(driver, "合并：保留它，并入上一个看过的") == "merge,official:王建国,,region:重庆市"
    assert correction(driver, "在重庆市任职的另是一人") == "split,official:王建国,,region:重庆市"    # a namesake

    driver.execute_script("kgExplorer.showEdge(arguments[0])", edge_id(driver, "official:王建国", "governs", "region:江北区"))
    assert correction(driver) == "drop-edge,official:王建国,governs,region:江北区"
    assert correction(driver, "补一条关系（附说明）") == "add-edge,official:王建国,governs,region:江北区,说明"


# fmt: off
@pytest.mark.parametrize("fields, row", [
    (["drop", "region:江北区"], "drop,region:江北区"),
    (["rename", "enterprise:甲,乙公司", "", "丙公司"], 'rename,"enterprise:甲,乙公司",,丙公司'),
    (["add-edge", "a", "leads", "b", '他说："好"'], 'add-edge,a,leads,b,"他说：""好"""'),
    (["add-alias", "region:江北区", "", "江北\n区"], 'add-alias,region:江北区,,"江北\n区"'),
])
# fmt: on
def test_browser_correction_row_is_csv(driver, demo_page, fields, row):
    open_page(driver, demo_page)
    assert driver.execute_script("return kgExplorer.lib.correctionLine(arguments[0])", fields) == row
