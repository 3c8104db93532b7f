/* kg explorer, pure helpers: DOM building (text only), highlighting, dates, links and the
 * corrections file's syntax. No state; explorer-panel.js and explorer.js use them. */
var kgLib = (function () {
  "use strict";

  // An element with attributes and children; strings become text nodes, never HTML.
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

  function valueText(v) {
    if (v === null || v === undefined) return "";
    if (Array.isArray(v)) return v.map(valueText).join("、");
    if (typeof v === "object") return Object.keys(v).map(function (k) { return k + "：" + valueText(v[k]); }).join("；");
    return String(v);
  }

  // The sentence cut into pieces, each name of `groups` ({who: [names]}) marked where it occurs:
  // the longest name wins at a position, one-character names are left out (区, 市 would be everywhere).
  function highlight(text, groups) {
    var names = [];
    Object.keys(groups).forEach(function (who) {
      groups[who].forEach(function (name) {
        name = String(name || "");
        if (name.length > 1) names.push({ name: name.toLowerCase(), who: who });
      });
    });
    names.sort(function (a, b) { return b.name.length - a.name.length; });
    var lower = text.toLowerCase();
    if (lower.length !== text.length) lower = text;
    var pieces = [], plain = "", i = 0;
    while (i < text.length) {
      var hit = null;
      for (var k = 0; k < names.length; k++) {
        if (lower.startsWith(names[k].name, i)) { hit = names[k]; break; }
      }
      if (hit) {
        if (plain) pieces.push({ text: plain });
        plain = "";
        pieces.push({ text: text.substr(i, hit.name.length), who: hit.who });
        i += hit.name.length;
      } else {
        plain += text[i];
        i += 1;
      }
    }
    if (plain) pieces.push({ text: plain });
    return pieces;
  }

  // Does any of `dates` (ISO strings) fall in [from, until]? An empty bound is open.
  function anyInRange(dates, from, until) {
    return dates.some(function (d) { return (!from || d >= from) && (!until || d <= until); });
  }
  // Does the span [start, end] meet [from, until]?
  function spanMeets(start, end, from, until) {
    return (!until || start <= until) && (!from || end >= from);
  }

  // An address the page may link to: http(s) only (the Python side checks the same).
  function webUrl(url) {
    return /^https?:\/\/[^\s\x00-\x1f\x7f]+$/i.test(url || "") ? url : "";
  }

  // One correction as a row of the corrections file (docs/corrections.md): CSV with the columns
  // action, subject, relation, object, note; a field with a comma, quote or line break is quoted.
  function correctionLine(fields) {
    return fields.map(function (v) {
      v = String(v === null || v === undefined ? "" : v);
      return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
    }).join(",").replace(/,+$/, "");
  }

  return { el: el, valueText: valueText, highlight: highlight, anyInRange: anyInRange, spanMeets: spanMeets,
           webUrl: webUrl, correctionLine: correctionLine };
})();
