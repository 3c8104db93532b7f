/* kg explorer: draws the embedded graph with vis-network and wires search, filters and the
 * side panel. Every string from the graph is inserted with textContent (or as a vis-network
 * tooltip, which is plain text), never parsed as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var LEVELS = { country: "国家", province: "省级", city: "地级", county: "县级", township: "乡级", village: "村级", zone: "开发区" };
  var FIELD_NAMES = {
    positions: "职务", position_details: "任职详情", adcode: "行政区划代码", level: "级别", parent: "上级区划",
    investment: "投资额", stages: "阶段", mentions: "提及次数", start: "首次出现", docs: "文档"
  };

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
  var large = !data.physics;
  var state = {
    hiddenTypes: new Set(),
    hiddenRelations: new Set(),
    limit: total > data.maxNodes ? data.maxNodes : Infinity,
    pinned: new Set()
  };

  // ---- small DOM helpers: text only ----
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else if (k === "style") Object.assign(node.style, attrs[k]);
      else if (k === "onclick") node.addEventListener("click", attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function typeStyle(t) { return data.types[t] || { name: t || "?", color: "#9e9e9e", shape: "dot" }; }
  function relStyle(r) { return data.relations[r] || { name: r, color: "#999999", dashes: [4, 4] }; }
  function valueText(v) {
    if (v === null || v === undefined) return "";
    if (Array.isArray(v)) return v.map(valueText).join("、");
    if (typeof v === "object") return Object.keys(v).map(function (k) { return k + "：" + valueText(v[k]); }).join("；");
    return String(v);
  }

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

  function nodeVisible(n) {
    return !state.hiddenTypes.has(n.type) && (n.rank < state.limit || state.pinned.has(n.id));
  }
  function edgeVisible(e) {
    return !state.hiddenRelations.has(e.relation) && nodeVisible(byId.get(e.from)) && nodeVisible(byId.get(e.to));
  }

  var nodes = new vis.DataSet(data.nodes.map(nodeItem));
  var edges = new vis.DataSet(data.edges.map(edgeItem));
  var nodeView = new vis.DataView(nodes, { filter: function (item) { return nodeVisible(byId.get(item.id)); } });
  var edgeView = new vis.DataView(edges, { filter: function (item) { return edgeVisible(edgeById.get(item.id)); } });

  var options = {
    autoResize: true,
    nodes: { font: { face: data.font, size: 14, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" }, borderWidth: 1 },
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

  var api = {
    data: data, network: network, nodes: nodes, edges: edges, ready: false, readyAt: null,
    focusNode: focusNode, showEdge: showEdgePanel, search: search,
    visibleNodeIds: function () { return nodeView.getIds(); },
    visibleEdgeIds: function () { return edgeView.getIds(); },
    showMore: showMore, showAll: showAll,
    domPosition: function (id) { return network.canvasToDOM(network.getPosition(id)); }
  };
  window.kgExplorer = api;

  function markReady() {
    if (api.ready) return;
    api.ready = true;
    api.readyAt = performance.now();
    document.body.setAttribute("data-ready", "true");
    if (data.focus !== null && data.focus !== undefined) focusNode(data.focus, { animate: false, fit: true });
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () { network.once("afterDrawing", markReady); });
  } else {
    network.fit({ animation: false });
    network.once("afterDrawing", markReady);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNodePanel(params.nodes[0]);
    else if (params.edges.length) showEdgePanel(params.edges[0]);
    else hidePanel();
  });

  // ---- visibility controls ----
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    var shown = nodeView.length;
    document.getElementById("kg-status").textContent =
      "显示 " + shown + " / " + total + " 个实体，" + edgeView.length + " / " + data.edges.length + " 条关系";
    var more = state.limit < total;
    document.getElementById("kg-more").hidden = !more;
    document.getElementById("kg-all").hidden = !more;
  }
  function showMore() { state.limit += data.maxNodes; refresh(); }
  function showAll() { state.limit = Infinity; refresh(); }

  function legendRow(input, swatch, name, count) {
    return el("label", {}, [input, swatch, el("span", { text: name }), el("span", { className: "kg-count", text: String(count) })]);
  }
  function buildLegend() {
    var typeCounts = {}, relCounts = {};
    data.nodes.forEach(function (n) { typeCounts[n.type] = (typeCounts[n.type] || 0) + 1; });
    data.edges.forEach(function (e) { relCounts[e.relation] = (relCounts[e.relation] || 0) + 1; });
    var tbox = document.getElementById("kg-type-filters");
    Object.keys(data.types).forEach(function (t) {
      var s = data.types[t];
      var input = el("input", { type: "checkbox", "data-type": t });
      input.checked = true;
      input.addEventListener("change", function () {
        if (input.checked) state.hiddenTypes.delete(t); else state.hiddenTypes.add(t);
        refresh();
      });
      var swatch = el("span", { className: "kg-swatch " + s.shape, style: { background: s.color } });
      tbox.appendChild(legendRow(input, swatch, s.name, typeCounts[t] || 0));
    });
    var rbox = document.getElementById("kg-relation-filters");
    Object.keys(data.relations).forEach(function (r) {
      var s = data.relations[r];
      var input = el("input", { type: "checkbox", "data-relation": r });
      input.checked = true;
      input.addEventListener("change", function () {
        if (input.checked) state.hiddenRelations.delete(r); else state.hiddenRelations.add(r);
        refresh();
      });
      var line = el("span", { className: "kg-line" + (s.dashes ? " dashed" : ""), style: { borderTopColor: s.color } });
      rbox.appendChild(legendRow(input, line, s.name, relCounts[r] || 0));
    });
  }

  // ---- focus and panel ----
  function reveal(id) {
    var n = byId.get(id);
    if (state.hiddenTypes.has(n.type)) {
      state.hiddenTypes.delete(n.type);
      var box = document.querySelector('#kg-type-filters input[data-type="' + CSS.escape(n.type) + '"]');
      if (box) box.checked = true;
    }
    if (!nodeVisible(n) || large) {
      state.pinned.add(id);
      adjacency.get(id).forEach(function (e) { state.pinned.add(e.from); state.pinned.add(e.to); });
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
    showNodePanel(id);
    var animation = opts.animate === false ? false : { duration: 400, easingFunction: "easeInOutQuad" };
    if (opts.fit) fitVisible(animation);
    else network.focus(id, { scale: Math.max(network.getScale(), 1.0), offset: { x: -panelWidth() / 2, y: 0 },
                             animation: animation });
    return true;
  }
  function panelWidth() { return panel.hidden ? 0 : panel.offsetWidth; }
  function fitVisible(animation) {
    network.fit({ animation: false });
    var off = panelWidth(), w = container.clientWidth;
    if (!off || off >= w) return;
    var scale = network.getScale() * (w - off) / w, c = network.getViewPosition();
    network.moveTo({ position: { x: c.x + off / 2 / scale, y: c.y }, scale: scale, animation: animation || false });
  }

  var panel = document.getElementById("kg-panel");
  var body = document.getElementById("kg-panel-body");
  function openPanel(children) {
    body.replaceChildren.apply(body, children);
    panel.hidden = false;
  }
  function hidePanel() { panel.hidden = true; body.replaceChildren(); }
  document.getElementById("kg-panel-close").addEventListener("click", hidePanel);

  function nodeLink(id) {
    var n = byId.get(id);
    return el("button", { type: "button", className: "kg-link", text: n.label,
                          onclick: function () { focusNode(id); } });
  }
  function dl(rows) {
    var box = el("dl");
    rows.forEach(function (r) {
      if (r[1] === "" || r[1] === null || r[1] === undefined) return;
      box.appendChild(el("dt", { text: r[0] }));
      box.appendChild(typeof r[1] === "string" ? el("dd", { text: r[1] }) : el("dd", {}, [r[1]]));
    });
    return box;
  }
  function list(items) { return el("ul", {}, items.map(function (x) { return el("li", { text: valueText(x) }); })); }

  function showNodePanel(id) {
    var n = byId.get(id);
    if (!n) return;
    var s = typeStyle(n.type);
    var f = n.fields;
    var rows = [["类型", el("span", { className: "kg-badge", style: { background: s.color }, text: s.name + "（" + n.type + "）" })],
                ["编号", n.key], ["别名", n.aliases.join("、")]];
    ["positions", "position_details"].forEach(function (k) { if (f[k]) rows.push([FIELD_NAMES[k], list(f[k])]); });
    if (f.adcode) rows.push([FIELD_NAMES.adcode, valueText(f.adcode)]);
    if (f.level) rows.push([FIELD_NAMES.level, LEVELS[f.level] ? LEVELS[f.level] + "（" + f.level + "）" : valueText(f.level)]);
    ["parent", "investment", "stages", "mentions", "start"].forEach(function (k) {
      if (f[k] !== undefined) rows.push([FIELD_NAMES[k], valueText(f[k])]);
    });
    if (f.docs) rows.push([FIELD_NAMES.docs + "（" + f.docs.length + "）", list(f.docs)]);
    Object.keys(n.extra).forEach(function (k) { rows.push([k, valueText(n.extra[k])]); });

    var groups = {};
    adjacency.get(id).forEach(function (e) { (groups[e.relation] = groups[e.relation] || []).push(e); });
    var neighbourBlocks = [el("h3", { text: "关联（" + n.degree + " 个实体）" })];
    Object.keys(groups).sort().forEach(function (r) {
      var rs = relStyle(r);
      neighbourBlocks.push(el("h3", { "data-relation": r, text: rs.name + "（" + r + "）· " + groups[r].length }));
      neighbourBlocks.push(el("ul", {}, groups[r].map(function (e) {
        var out = e.from === id;
        var other = out ? e.to : e.from;
        return el("li", { "data-edge": String(e.id) }, [
          el("span", { className: "kg-dir", text: e.directed ? (out ? "→" : "←") : "—" }),
          nodeLink(other), " ",
          el("button", { type: "button", className: "kg-link kg-evidence-link", text: "［证据］",
                         onclick: function () { showEdgePanel(e.id); } })
        ]);
      })));
    });
    openPanel([el("h2", { text: n.label }), dl(rows)].concat(neighbourBlocks));
    panel.setAttribute("data-node", String(id));
    panel.removeAttribute("data-edge");
  }

  function showEdgePanel(id) {
    var e = edgeById.get(id);
    if (!e) return;
    var s = relStyle(e.relation);
    var ends = el("p", {}, [nodeLink(e.from), e.directed ? " → " : " — ", nodeLink(e.to)]);
    var rows = [["关系", s.name + "（" + e.relation + "）"], ["支持次数", String(e.weight)],
                ["首次出现", e.start || ""], ["规则", e.rule || ""]];
    if (e.docs.length) rows.push(["文档（" + e.docs.length + "）", list(e.docs)]);
    var evidence = [el("h3", { text: "证据" })].concat(e.evidences.map(function (text) {
      return el("blockquote", { className: "kg-evidence", text: text });
    }));
    openPanel([el("h2", { text: s.name }), ends, dl(rows)].concat(evidence));
    panel.setAttribute("data-edge", String(id));
    panel.removeAttribute("data-node");
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
      var li = el("li", { role: "option", "data-id": String(h.id), className: i === active ? "active" : "" },
                  [el("span", { text: n.label }), el("span", { className: "kg-hint", text: hint })]);
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

  buildLegend();
  refresh();
})();
