/* kg explorer, the side panel: a node's fields, career table, documents and neighbours; an
 * edge's evidence with both names marked and each sentence's source; a correction to paste.
 * kgPanel(app) is called once by explorer.js with the page's data and its focus function. */
function kgPanel(app) {
  "use strict";

  var el = kgLib.el, valueText = kgLib.valueText, data = app.data;
  var LEVELS = { country: "国家", province: "省级", city: "地级", county: "县级", township: "乡级", village: "村级", zone: "开发区" };
  var FIELD_NAMES = {
    positions: "职务", adcode: "行政区划代码", level: "级别", parent: "上级区划",
    investment: "投资额", stages: "阶段", mentions: "提及次数", start: "首次出现"
  };
  // What the correction box offers: a name, and the row's fields (action, subject, relation, object, note).
  var NODE_CORRECTIONS = [
    { name: "删除这个实体", row: function (n) { return ["drop", n.key]; } },
    { name: "改名", row: function (n) { return ["rename", n.key, "", n.label]; } },
    { name: "改类型", row: function (n) { return ["retype", n.key, "", n.type]; } },
    { name: "合并：保留它，并入上一个看过的", row: function (n, prev) { return ["merge", n.key, "", prev]; } },
    { name: "添加别名", row: function (n) { return ["add-alias", n.key, "", ""]; } }
  ];
  var EDGE_CORRECTIONS = [
    { name: "删除这条关系", row: function (e) { return ["drop-edge"].concat(ends(e)); } },
    { name: "补一条关系（附说明）", row: function (e) { return ["add-edge"].concat(ends(e), ["说明"]); } }
  ];

  var panel = document.getElementById("kg-panel");
  var body = document.getElementById("kg-panel-body");
  var lastNode = null;    // the node shown last: what "merge" offers to fold into the next one
  document.getElementById("kg-panel-close").addEventListener("click", hide);

  function ends(e) { return [app.byId.get(e.from).key, e.relation, app.byId.get(e.to).key]; }

  function open(children, kind, id) {
    body.replaceChildren.apply(body, children);
    panel.hidden = false;
    panel.setAttribute("data-" + kind, String(id));
    panel.removeAttribute(kind === "node" ? "data-edge" : "data-node");
  }
  function hide() { panel.hidden = true; body.replaceChildren(); }

  function nodeLink(id) {
    return el("button", { type: "button", className: "kg-link", text: app.byId.get(id).label,
                          onclick: function () { app.focusNode(id); } });
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
  function span(start, end) {
    if (start && end && start !== end) return start + " – " + end;
    return start || end || "—";
  }

  // A document: its title (else its id), date, and a link to its source where the input gave one.
  function docLine(i) {
    var d = data.documents[i];
    var parts = [el("span", { className: "kg-doc-title", text: d.title || d.id, title: d.id })];
    if (d.date) parts.push(el("span", { className: "kg-date", text: d.date }));
    var url = kgLib.webUrl(d.url);
    if (url) parts.push(el("a", { className: "kg-source-link", href: url, target: "_blank", rel: "noopener noreferrer", text: "原文" }));
    return parts;
  }
  function docList(refs) {
    return el("ul", { className: "kg-docs" }, refs.map(function (i) {
      return el("li", { "data-doc": data.documents[i].id }, docLine(i));
    }));
  }

  function careerTable(rows) {
    var head = el("tr", {}, ["起止", "单位", "职务"].map(function (t) { return el("th", { text: t }); }));
    return el("table", { className: "kg-career" }, [el("thead", {}, [head]), el("tbody", {}, rows.map(function (r) {
      var unit = r.unit !== null && r.unit !== undefined ? nodeLink(r.unit) : el("span", { text: r.unitName || "—" });
      var hint = [r.evidence].concat(r.docs.map(function (i) {
        var d = data.documents[i];
        return (d.title || d.id) + (d.date ? " " + d.date : "");
      })).filter(Boolean).join("\n");
      var title = el("span", { text: r.title || r.role });
      if (r.top) title.appendChild(el("span", { className: "kg-top", title: "主要负责人", text: " ★" }));
      return el("tr", { title: hint }, [el("td", { className: "kg-date", text: span(r.start, r.end) }),
                                        el("td", {}, [unit]), el("td", {}, [title])]);
    }))]);
  }

  function correctionBox(options, item, prev) {
    var select = el("select", { className: "kg-correction-op", "aria-label": "更正类型" },
                    options.map(function (o, i) { return el("option", { value: String(i), text: o.name }); }));
    var text = el("textarea", { className: "kg-correction", rows: "2", spellcheck: "false", "aria-label": "更正文件的一行" });
    function update() { text.value = kgLib.correctionLine(options[Number(select.value)].row(item, prev)); }
    select.addEventListener("change", update);
    update();
    var copy = el("button", { type: "button", className: "kg-copy", text: "复制", onclick: function () {
      text.select();
      if (navigator.clipboard) navigator.clipboard.writeText(text.value).catch(function () { document.execCommand("copy"); });
      else document.execCommand("copy");
    } });
    return [el("h3", { text: "更正（复制到 kg-corrections.csv）" }), el("div", { className: "kg-correction-row" }, [select, copy]), text];
  }

  function showNode(id) {
    var n = app.byId.get(id);
    if (!n) return;
    var s = app.typeStyle(n.type), f = n.fields;
    var rows = [["类型", el("span", { className: "kg-badge", style: { background: s.color }, text: s.name + "（" + n.type + "）" })],
                ["编号", n.key], ["别名", n.aliases.join("、")]];
    if (n.namesake) rows.push(["同名", el("span", { className: "kg-namesake", text: n.namesake })]);
    if (f.positions && !n.career) rows.push([FIELD_NAMES.positions, list(f.positions)]);
    if (f.adcode) rows.push([FIELD_NAMES.adcode, valueText(f.adcode)]);
    if (f.level) rows.push([FIELD_NAMES.level, LEVELS[f.level] ? LEVELS[f.level] + "（" + f.level + "）" : valueText(f.level)]);
    ["parent", "investment", "stages", "mentions", "start"].forEach(function (k) {
      if (f[k] !== undefined) rows.push([FIELD_NAMES[k], valueText(f[k])]);
    });
    Object.keys(n.extra).forEach(function (k) { rows.push([k, valueText(n.extra[k])]); });
    var blocks = [el("h2", { text: n.label }), dl(rows)];
    if (n.career) blocks.push(el("h3", { text: "任职经历" }), careerTable(n.career));
    if (n.docs.length) blocks.push(el("h3", { text: "文档（" + n.docs.length + "）" }), docList(n.docs));

    var groups = {};
    app.adjacency.get(id).forEach(function (e) { (groups[e.relation] = groups[e.relation] || []).push(e); });
    blocks.push(el("h3", { text: "关联（" + n.degree + " 个实体）" }));
    Object.keys(groups).sort().forEach(function (r) {
      var rs = app.relStyle(r);
      blocks.push(el("h3", { "data-relation": r, text: rs.name + "（" + r + "）· " + groups[r].length }));
      blocks.push(el("ul", {}, groups[r].map(function (e) {
        var out = e.from === id;
        return el("li", { "data-edge": String(e.id) }, [
          el("span", { className: "kg-dir", text: e.directed ? (out ? "→" : "←") : "—" }),
          nodeLink(out ? e.to : e.from), " ",
          el("button", { type: "button", className: "kg-link kg-evidence-link", text: "［证据］",
                         onclick: function () { showEdge(e.id); } })
        ]);
      })));
    });
    var prev = lastNode !== null && lastNode !== id ? app.byId.get(lastNode).key : n.type + ":";
    open(blocks.concat(correctionBox(NODE_CORRECTIONS.concat(splits(n)), n, prev)), "node", id);
    lastNode = id;
  }

  // Split an alias off; for an official, also the posts in one unit off, as another person of that name.
  function splits(n) {
    var units = [];
    (n.career || []).forEach(function (r) {
      if (r.unit !== null && r.unit !== undefined && units.indexOf(r.unit) < 0) units.push(r.unit);
    });
    return n.aliases.map(function (a) {
      return { name: "拆出别名“" + a + "”", row: function () { return ["split", n.key, "", a]; } };
    }).concat(units.length > 1 ? units.map(function (u) {
      var unit = app.byId.get(u);
      return { name: "在" + unit.label + "任职的另是一人", row: function () { return ["split", n.key, "", unit.key]; } };
    }) : []);
  }

  function names(n) { return [n.label].concat(n.aliases); }

  function showEdge(id) {
    var e = app.edgeById.get(id);
    if (!e) return;
    var s = app.relStyle(e.relation), a = app.byId.get(e.from), b = app.byId.get(e.to);
    var rows = [["关系", s.name + "（" + e.relation + "）"], ["支持次数", String(e.weight)]];
    if (data.confidences) rows.push(["置信度", e.confidence.toFixed(2)]);
    if (e.end) rows.push(["起止", span(e.start, e.end)]);
    else rows.push(["首次出现", e.start]);
    rows.push(["规则", e.rule]);
    var blocks = [el("h2", { text: s.name }), el("p", {}, [nodeLink(e.from), e.directed ? " → " : " — ", nodeLink(e.to)]),
                  dl(rows), el("h3", { text: "证据" })];
    e.evidences.forEach(function (text, i) {
      var quote = el("blockquote", { className: "kg-evidence" }, kgLib.highlight(text, { head: names(a), tail: names(b) })
        .map(function (p) { return p.who ? el("mark", { className: "kg-" + p.who, text: p.text }) : p.text; }));
      blocks.push(quote);
      if (e.sources[i] !== null && e.sources[i] !== undefined) blocks.push(el("p", { className: "kg-source" }, docLine(e.sources[i])));
    });
    if (e.docs.length) blocks.push(el("h3", { text: "文档（" + e.docs.length + "）" }), docList(e.docs));
    open(blocks.concat(correctionBox(EDGE_CORRECTIONS, e)), "edge", id);
  }

  return { showNode: showNode, showEdge: showEdge, hide: hide, width: function () { return panel.hidden ? 0 : panel.offsetWidth; } };
}
