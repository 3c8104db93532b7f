/* kg explorer: draws the embedded graph with vis-network and wires search, filters
 * (explorer-filters.js) and the side panel (explorer-panel.js). Every string from the graph is
 * inserted with textContent (or as a vis-network tooltip, which is plain text), never parsed
 * as HTML. Once the page says it is ready (body[data-ready], kgExplorer.ready) nothing moves:
 * physics is off, so a node stays where kgExplorer.domPosition says it is. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  data.edges.forEach(function (e) {      // what graph_payload leaves out when the page knows it anyway
    e.start = e.start || "";
    e.end = e.end || "";
    if (!e.dates) e.dates = e.start && e.end && e.start !== e.end ? [e.start, e.end] : [e.start || e.end].filter(Boolean);
    if (e.confidence === undefined) e.confidence = 1;
  });
  var HUB_LABELS = 15;         // the most connected nodes whose labels are legible when the page opens
  var HUB_LABEL_PX = 15;       // their size on screen then, in pixels

  var byId = new Map();
  var adjacency = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); adjacency.set(n.id, []); });
  var edgeById = new Map();
  data.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    adjacency.get(e.from).push(e);
    if (e.to !== e.from) adjacency.get(e.to).push(e);
  });

  var total = data.nodes.length;
  var byRank = data.nodes.slice().sort(function (a, b) { return a.rank - b.rank; });
  var large = !data.physics;
  var view = {
    limit: total > data.maxNodes ? data.maxNodes : Infinity,
    pinned: new Set(),     // shown whatever the limit of a large page: what search and clicks reached
    forced: new Set(),     // shown whatever the evidence filters: the node the reader asked for
    shown: new Uint8Array(total)
  };

  function typeStyle(t) { return data.types[t] || { name: t || "?", color: "#9e9e9e", shape: "dot" }; }
  function relStyle(r) { return data.relations[r] || { name: r, color: "#999999", dashes: [4, 4] }; }

  // ---- vis items ----
  function nodeItem(n) {
    var s = typeStyle(n.type);
    var title = n.label + "\n" + s.name + (n.aliases.length ? "\n别名：" + n.aliases.join("、") : "");
    var item = {
      id: n.id, label: n.label, title: title, shape: s.shape, size: n.size,
      color: { background: s.color, border: s.color, highlight: { background: s.color, border: "#111" },
               hover: { background: s.color, border: "#111" } }
    };
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  }
  function edgeItem(e) {
    var s = relStyle(e.relation);
    var a = byId.get(e.from), b = byId.get(e.to);
    var item = {
      id: e.id, from: e.from, to: e.to, dashes: s.dashes,
      title: s.name + "（" + e.relation + "）\n" + a.label + (e.directed ? " → " : " — ") + b.label +
             (e.evidences.length ? "\n" + e.evidences[0] : ""),
      color: { color: s.color, highlight: s.color, hover: s.color, opacity: 0.85 },
      width: 1 + Math.min(4, Math.log2(Math.max(1, e.weight || 1))),
      arrows: { to: { enabled: e.directed, scaleFactor: 0.6 } }
    };
    if (e.parallel) {
      item.smooth = { enabled: true, type: e.parallel % 2 ? "curvedCW" : "curvedCCW", roundness: 0.2 * Math.ceil(e.parallel / 2) };
    }
    return item;
  }

  // A filter changed: the node the reader last asked for no longer overrides the filters, and a
  // new choice of documents or dates (fit) brings what it shows into view.
  function filtersChanged(fit) {
    view.forced = new Set();
    refresh();
    if (fit && api.ready) fitVisible({ duration: 300, easingFunction: "easeInOutQuad" });
  }
  var app = { data: data, byId: byId, adjacency: adjacency, edgeById: edgeById, typeStyle: typeStyle,
              relStyle: relStyle, focusNode: focusNode, refresh: filtersChanged };
  var filters = kgFilters(app);

  // What is drawn: a node of a shown type and, while an evidence filter is set, joined by an
  // edge it picks or mentioned in the documents it picks; on a large page, at most `limit` of
  // them, the first by rank, besides those that search and clicks pinned.
  function computeShown() {
    var active = filters.evidenceActive(), shown = view.shown, count = 0;
    data.nodes.forEach(function (n) {
      shown[n.id] = filters.typeShown(n) && (!active || view.forced.has(n.id) || filters.nodeMentioned(n)) ? 1 : 0;
    });
    if (active) {
      data.edges.forEach(function (e) {
        if (filters.edgePasses(e) && filters.typeShown(byId.get(e.from)) && filters.typeShown(byId.get(e.to))) {
          shown[e.from] = 1;
          shown[e.to] = 1;
        }
      });
    }
    byRank.forEach(function (n) {
      if (!shown[n.id] || view.pinned.has(n.id) || view.forced.has(n.id)) return;
      if (count < view.limit) count += 1;
      else shown[n.id] = 0;
    });
  }
  function edgeVisible(e) { return view.shown[e.from] && view.shown[e.to] && filters.edgePasses(e); }

  // Drawn in order of degree, so that hubs and their labels lie on top.
  var nodes = new vis.DataSet(data.nodes.slice().sort(function (a, b) { return a.degree - b.degree || a.id - b.id; }).map(nodeItem));
  var edges = new vis.DataSet(data.edges.map(edgeItem));
  computeShown();
  var nodeView = new vis.DataView(nodes, { filter: function (item) { return view.shown[item.id] === 1; } });
  var edgeView = new vis.DataView(edges, { filter: function (item) { return !!edgeVisible(edgeById.get(item.id)); } });

  var options = {
    autoResize: true,
    nodes: { font: { face: data.font, size: 14, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" }, borderWidth: 1,
             scaling: { label: { enabled: false, drawThreshold: 9 } } },
    edges: { smooth: false, selectionWidth: 2, hoverWidth: 1 },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large, keyboard: false },
    layout: { randomSeed: 7, improvedLayout: data.physics && total <= 100 },
    physics: data.physics ? {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -80, springLength: 110, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: 250, updateInterval: 50, fit: true }
    } : false
  };

  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  var panel = kgPanel(app);

  var api = {
    data: data, network: network, nodes: nodes, edges: edges, ready: false, readyAt: null, hubs: [],
    focusNode: focusNode, showEdge: panel.showEdge, search: search, filters: filters, lib: kgLib,
    visibleNodeIds: function () { return nodeView.getIds(); },
    visibleEdgeIds: function () { return edgeView.getIds(); },
    showMore: showMore, showAll: showAll, fit: fitVisible,
    domPosition: function (id) { return network.canvasToDOM(network.getPosition(id)); }
  };
  window.kgExplorer = api;

  // Labels of the most connected nodes shown are drawn at least HUB_LABEL_PX high on screen, so that
  // they can be read at the opening zoom; zooming in, they grow like the others once those are
  // as large. (Other labels under the drawThreshold in pixels are not drawn.)
  var hubScale = null;
  function labelHubs(pick) {
    var scale = network.getScale(), before = api.hubs, updates = [];
    var zoomed = hubScale === null || Math.abs(scale - hubScale) >= 0.02 * hubScale;
    if (pick || hubScale === null) {
      api.hubs = data.nodes.filter(function (n) { return n.degree >= 3 && view.shown[n.id]; })
        .sort(function (a, b) { return b.degree - a.degree || a.id - b.id; }).slice(0, HUB_LABELS)
        .map(function (n) { return n.id; });
      before.forEach(function (id) {
        if (api.hubs.indexOf(id) < 0) updates.push({ id: id, font: { size: 14, strokeWidth: 3 } });
      });
    }
    if (!zoomed && !updates.length && api.hubs.join() === before.join()) return;
    hubScale = scale;
    nodes.update(updates.concat(api.hubs.map(function (id) {
      return { id: id, font: { size: Math.max(14, HUB_LABEL_PX / scale), strokeWidth: Math.max(3, 4 / scale) } };
    })));
  }
  var relabel = false;
  network.on("afterDrawing", function () {
    if (relabel || !api.ready) return;
    relabel = true;
    requestAnimationFrame(function () { relabel = false; labelHubs(); });
  });
  function markReady() {
    if (api.ready) return;
    api.ready = true;
    api.readyAt = performance.now();
    document.body.setAttribute("data-ready", "true");
  }
  // Drawn, laid out and fitted: open the entity the page is about, if any, then say so.
  function settled() {
    if (data.focus === null || data.focus === undefined) return markReady();
    focusNode(data.focus, { animate: false, fit: true });
    network.once("afterDrawing", markReady);
    network.redraw();
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });     // nothing moves from here on
      network.fit({ animation: false });
      labelHubs();
      network.once("afterDrawing", settled);
      network.redraw();
    });
  } else {
    network.fit({ animation: false });
    labelHubs();
    network.once("afterDrawing", settled);
  }

  network.on("click", function (params) {
    if (params.nodes.length) panel.showNode(params.nodes[0]);
    else if (params.edges.length) panel.showEdge(params.edges[0]);
    else panel.hide();
  });

  // ---- visibility ----
  function refresh() {
    computeShown();
    nodeView.refresh();
    edgeView.refresh();
    document.getElementById("kg-status").textContent =
      "显示 " + nodeView.length + " / " + total + " 个实体，" + edgeView.length + " / " + data.edges.length + " 条关系" +
      (filters.evidenceActive() ? "（已筛选）" : "");
    document.getElementById("kg-reset").hidden = !filters.evidenceActive();
    if (api && api.ready) labelHubs(true);     // the labels legible are those of the hubs shown
    var more = view.limit < total;
    document.getElementById("kg-more").hidden = !more;
    document.getElementById("kg-all").hidden = !more;
  }
  function showMore() { view.limit += data.maxNodes; refresh(); }
  function showAll() { view.limit = Infinity; refresh(); }

  // ---- focus ----
  function reveal(id) {
    var n = byId.get(id);
    filters.showType(n.type);
    view.forced = new Set([id]);
    if (!view.shown[id] || large) {
      view.pinned.add(id);
      adjacency.get(id).forEach(function (e) { view.pinned.add(e.from); view.pinned.add(e.to); });
    }
    refresh();
  }
  // Select a node, open its panel, and bring it to the middle of the part of the canvas the
  // panel leaves free (opts.fit: show the whole graph there instead of zooming on the node).
  function focusNode(id, opts) {
    if (!byId.has(id)) return false;
    opts = opts || {};
    reveal(id);
    network.selectNodes([id]);
    panel.showNode(id);
    var animation = opts.animate === false ? false : { duration: 400, easingFunction: "easeInOutQuad" };
    if (opts.fit) fitVisible(animation);
    else network.focus(id, { scale: Math.max(network.getScale(), 1.0), offset: { x: -panel.width() / 2, y: 0 },
                             animation: animation });
    return true;
  }
  function fitVisible(animation) {
    network.fit({ animation: false });
    var off = panel.width(), w = container.clientWidth;
    if (!off || off >= w) return;
    var scale = network.getScale() * (w - off) / w, c = network.getViewPosition();
    network.moveTo({ position: { x: c.x + off / 2 / scale, y: c.y }, scale: scale, animation: animation || false });
  }

  // ---- search by label, alias or id ----
  var searchIndex = data.nodes.map(function (n) {
    return { id: n.id, names: [n.label].concat(n.aliases, [n.key]).map(function (x) { return x.toLowerCase(); }) };
  });
  function search(query, limit) {
    var q = String(query).trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    searchIndex.forEach(function (entry) {
      var best = -1, matched = null;
      entry.names.forEach(function (name, i) {
        var score = name === q ? 3 : name.indexOf(q) === 0 ? 2 : name.indexOf(q) >= 0 ? 1 : -1;
        if (score > best) { best = score; matched = i; }
      });
      if (best >= 0) hits.push({ id: entry.id, score: best, alias: matched > 0 ? entry.names[matched] : null });
    });
    hits.sort(function (a, b) {
      return b.score - a.score || byId.get(b.id).degree - byId.get(a.id).degree || a.id - b.id;
    });
    return hits.slice(0, limit || 20);
  }

  var input = document.getElementById("kg-search");
  var results = document.getElementById("kg-search-results");
  var current = [], active = 0;
  function renderResults() {
    results.replaceChildren.apply(results, current.map(function (h, i) {
      var n = byId.get(h.id);
      var hint = typeStyle(n.type).name + (h.alias && h.alias !== n.label.toLowerCase() && h.alias !== n.key.toLowerCase() ? " · " + h.alias : "");
      var li = kgLib.el("li", { role: "option", "data-id": String(h.id), className: i === active ? "active" : "" },
                        [kgLib.el("span", { text: n.label }), kgLib.el("span", { className: "kg-hint", text: hint })]);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(h.id); });
      return li;
    }));
  }
  function pick(id) {
    current = [];
    renderResults();
    input.value = byId.get(id).label;
    focusNode(id);
  }
  input.addEventListener("input", function () { current = search(input.value); active = 0; renderResults(); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      ev.preventDefault();
      var hits = current.length ? current : search(input.value);
      if (hits.length) pick(hits[Math.min(active, hits.length - 1)].id);
    } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (current.length) { active = (active + (ev.key === "ArrowDown" ? 1 : current.length - 1)) % current.length; renderResults(); }
    } else if (ev.key === "Escape") {
      current = []; renderResults();
    }
  });
  input.addEventListener("blur", function () { current = []; renderResults(); });

  document.getElementById("kg-more").addEventListener("click", showMore);
  document.getElementById("kg-all").addEventListener("click", showAll);
  document.getElementById("kg-fit").addEventListener("click", function () { fitVisible({ duration: 300 }); });

  refresh();
})();
