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
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while not driver.execute_script("return !!(window.kgExplorer && window.kgExplorer.ready)"):
        assert time.monotonic() < deadline, "the page never became ready"
        time.sleep(0.05)
    driver.execute_script("kgExplorer.network.stopSimulation()")   # positions stay put for clicks


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
    assert "青川市委书记" in panel.text and "林书记" in panel.text


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


def test_browser_ego_view_opens_on_its_entity(driver, tmp_path):
    path = tmp_path / "view.html"
    write_view(read_json(DEMO), "云帆科技", path, depth=1)
    open_page(driver, path)
    yunfan = node_id(driver, "青川云帆智能科技有限公司")
    assert driver.execute_script("return kgExplorer.network.getSelectedNodes()") == [yunfan]
    assert driver.find_element(By.CSS_SELECTOR, "#kg-panel h2").text == "青川云帆智能科技有限公司"
    assert driver.execute_script("return kgExplorer.visibleNodeIds().length") == 4
