/* kg explorer, the filters in the left column: entity type and relation (which draw the
 * legend), and the evidence filters: confidence, date range, documents and rules.
 * Evidence filters pick edges; the page then shows the entities those edges join, and, for a
 * document or date filter, the entities those documents or dates mention.
 * kgFilters(app) is called once by explorer.js; app.refresh(fit) redraws after a change, and
 * brings what is shown into view after a change of documents or dates (fit = true). */
function kgFilters(app) {
  "use strict";

  var el = kgLib.el, data = app.data;
  var state = {
    hiddenTypes: new Set(), hiddenRelations: new Set(), hiddenRules: new Set(),
    minConfidence: 0, from: "", until: "", docs: null     // docs: a Set of document indices, or null for all
  };
  function byIdOf(id) { return document.getElementById(id); }

  function legendRow(input, swatch, name, count) {
    return el("label", {}, [input, swatch, el("span", { text: name }), el("span", { className: "kg-count", text: String(count) })]);
  }
  // One checkbox per value of `attr`, all checked; unchecking adds the value to `hidden`.
  function checkboxes(box, values, attr, hidden, counts, look) {
    values.forEach(function (v) {
      var input = el("input", { type: "checkbox" });
      input.setAttribute("data-" + attr, v);
      input.checked = true;
      input.addEventListener("change", function () {
        if (input.checked) hidden.delete(v); else hidden.add(v);
        app.refresh();
      });
      var l = look(v);
      box.appendChild(legendRow(input, l.swatch, l.name, counts[v] || 0));
    });
  }
  function counts(items, key) {
    var c = {};
    items.forEach(function (x) { c[x[key]] = (c[x[key]] || 0) + 1; });
    return c;
  }

  function build() {
    checkboxes(byIdOf("kg-type-filters"), Object.keys(data.types), "type", state.hiddenTypes, counts(data.nodes, "type"),
      function (t) {
        var s = data.types[t];
        return { name: s.name, swatch: el("span", { className: "kg-swatch " + s.shape, style: { background: s.color } }) };
      });
    checkboxes(byIdOf("kg-relation-filters"), Object.keys(data.relations), "relation", state.hiddenRelations,
      counts(data.edges, "relation"), function (r) {
        var s = data.relations[r];
        return { name: s.name, swatch: el("span", { className: "kg-line" + (s.dashes ? " dashed" : ""), style: { borderTopColor: s.color } }) };
      });
    if (data.rules.length) {
      byIdOf("kg-rule-box").hidden = false;
      checkboxes(byIdOf("kg-rule-filters"), data.rules, "rule", state.hiddenRules, counts(data.edges, "rule"),
        function (r) { return { name: r, swatch: null }; });
    }
    if (data.confidences) buildConfidence();
    if (data.documents.some(function (d) { return d.date; }) || data.edges.some(function (e) { return e.dates.length; })) buildDates();
    if (data.documents.length > 1) buildDocuments();
    byIdOf("kg-reset").addEventListener("click", reset);
  }

  function buildConfidence() {
    byIdOf("kg-confidence-box").hidden = false;
    var input = byIdOf("kg-confidence"), shown = byIdOf("kg-confidence-value"), pending = false;
    input.addEventListener("input", function () {
      shown.textContent = Number(input.value).toFixed(2);
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; state.minConfidence = Number(input.value); app.refresh(); });
    });
  }

  function buildDates() {
    byIdOf("kg-date-box").hidden = false;
    var all = [];
    data.documents.forEach(function (d) { if (d.date) all.push(d.date); });
    data.edges.forEach(function (e) { if (e.dates.length) all.push(e.dates[0], e.dates[e.dates.length - 1]); });
    all.sort();
    ["from", "until"].forEach(function (k) {
      var input = byIdOf(k === "from" ? "kg-date-from" : "kg-date-until");
      input.min = all[0];
      input.max = all[all.length - 1];
      input.addEventListener("change", function () { state[k] = input.value; app.refresh(true); });
    });
  }

  // The list of documents is filled when it is first opened: a corpus may have thousands.
  function buildDocuments() {
    var box = byIdOf("kg-doc-box"), select = byIdOf("kg-doc-filter"), search = byIdOf("kg-doc-search"), options = [];
    box.hidden = false;
    byIdOf("kg-doc-count").textContent = String(data.documents.length);
    box.addEventListener("toggle", fillDocuments);
    function fillDocuments() {
      if (options.length) return;
      options = data.documents.map(function (d, i) {
        var option = el("option", { value: String(i), title: d.id, text: (d.title || d.id) + (d.date ? " · " + d.date : "") });
        option.selected = !!state.docs && state.docs.has(i);
        return option;
      });
      select.replaceChildren.apply(select, options);
    }
    select.addEventListener("change", function () {
      var picked = Array.from(select.selectedOptions, function (o) { return Number(o.value); });
      state.docs = picked.length ? new Set(picked) : null;
      app.refresh(true);
    });
    search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase();
      options.forEach(function (o, i) {
        var d = data.documents[i];
        o.hidden = !!q && (d.title + " " + d.id + " " + d.date).toLowerCase().indexOf(q) < 0;
      });
    });
  }

  function reset() {
    state.hiddenTypes.clear(); state.hiddenRelations.clear(); state.hiddenRules.clear();
    state.minConfidence = 0; state.from = ""; state.until = ""; state.docs = null;
    document.querySelectorAll("#kg-legend input[type=checkbox]").forEach(function (c) { c.checked = true; });
    byIdOf("kg-confidence").value = "0";
    byIdOf("kg-confidence-value").textContent = "0";
    byIdOf("kg-date-from").value = byIdOf("kg-date-until").value = "";
    Array.from(byIdOf("kg-doc-filter").options).forEach(function (o) { o.selected = false; });
    app.refresh(true);
  }

  function docsMeet(refs) {
    return !state.docs || refs.some(function (i) { return state.docs.has(i); });
  }
  function datesMeet(dates) { return kgLib.anyInRange(dates, state.from, state.until); }

  // Any evidence filter set? Then only what they pick is shown.
  function evidenceActive() {
    return !!(state.docs || state.from || state.until || state.hiddenRules.size || state.minConfidence > 0);
  }
  function edgePasses(e) {
    if (state.hiddenRelations.has(e.relation) || state.hiddenRules.has(e.rule) || e.confidence < state.minConfidence) return false;
    if (!docsMeet(e.docs)) return false;
    if (!state.from && !state.until) return true;
    if (e.start && e.end) return kgLib.spanMeets(e.start, e.end, state.from, state.until);
    return datesMeet(e.dates);
  }
  // A node the document or date filter picks by its own mentions.
  function nodeMentioned(n) {
    if (!state.docs && !state.from && !state.until) return false;
    return docsMeet(n.docs) && (!state.from && !state.until || datesMeet(n.dates));
  }
  function typeShown(n) { return !state.hiddenTypes.has(n.type); }
  function showType(t) {
    if (!state.hiddenTypes.has(t)) return;
    state.hiddenTypes.delete(t);
    var box = document.querySelector('#kg-type-filters input[data-type="' + CSS.escape(t) + '"]');
    if (box) box.checked = true;
  }

  // For scripts (scripts/screenshot.py, benchmarks): set a filter as its control would.
  function setDocs(refs) {
    var set = new Set(refs);
    if (refs.length) byIdOf("kg-doc-box").open = true;
    Array.from(byIdOf("kg-doc-filter").options).forEach(function (o) { o.selected = set.has(Number(o.value)); });
    state.docs = refs.length ? set : null;
    app.refresh(true);
  }
  function setDates(from, until) {
    state.from = byIdOf("kg-date-from").value = from || "";
    state.until = byIdOf("kg-date-until").value = until || "";
    app.refresh(true);
  }
  function setMinConfidence(value) {
    state.minConfidence = Number(value) || 0;
    byIdOf("kg-confidence").value = String(state.minConfidence);
    byIdOf("kg-confidence-value").textContent = state.minConfidence.toFixed(2);
    app.refresh();
  }

  build();
  return { state: state, evidenceActive: evidenceActive, edgePasses: edgePasses, nodeMentioned: nodeMentioned,
           typeShown: typeShown, showType: showType, reset: reset, setDocs: setDocs, setDates: setDates,
           setMinConfidence: setMinConfidence };
}
