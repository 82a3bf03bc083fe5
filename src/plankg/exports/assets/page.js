/* plankg offline graph page: search, filter by type, details on click.
 *
 * Reads the graph from the JSON script element #plankg-data and draws it
 * with Cytoscape.js (inlined above this script). Every label is put
 * on the page with textContent, never as HTML. The page's state is kept in
 * the DOM for tests and scripts: #status has data-ready, data-nodes,
 * data-edges, data-visible-nodes, data-search, data-matches, data-resources
 * (network resources the page loaded: always 0) and data-error; #details has
 * data-selected. The URL hash #search=TEXT&select=IRI searches and selects on
 * load; #layout=force runs the force-directed layout (CoSE) at once.
 */
(function () {
  "use strict";

  var status = document.getElementById("status");
  window.addEventListener("error", function (event) {
    status.dataset.error = String(event.message || event.error || "error");
  });

  var data = JSON.parse(document.getElementById("plankg-data").textContent);
  var ui = data.ui;
  var searchBox = document.getElementById("search");
  var resultsList = document.getElementById("search-results");
  var details = document.getElementById("details");

  function make(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }

  document.getElementById("types-heading").textContent = ui.types;
  document.getElementById("results-heading").textContent = ui.results;
  document.getElementById("details-heading").textContent = ui.details;
  document.getElementById("relayout").textContent = ui.relayout;
  document.getElementById("fit").textContent = ui.fit;
  searchBox.placeholder = ui.search_placeholder;
  searchBox.setAttribute("aria-label", ui.search_placeholder);

  var cy = cytoscape({
    container: document.getElementById("graph"),
    elements: {
      nodes: data.nodes.map(function (n) { return { data: n, position: { x: n.x, y: n.y } }; }),
      edges: data.edges.map(function (e) { return { data: e }; })
    },
    layout: { name: "preset", fit: true, padding: 30 },
    minZoom: 0.02,
    maxZoom: 5,
    style: [
      { selector: "node", style: {
        "background-color": "data(color)", "width": "data(size)", "height": "data(size)",
        "label": "data(label)", "font-family": data.font, "font-size": 11, "color": "#222",
        "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "wrap", "text-max-width": 150,
        "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 7,
        "border-width": 1, "border-color": "#555" } },
      { selector: "edge", style: {
        "width": 1.2, "line-color": "#bbb", "target-arrow-color": "#bbb", "target-arrow-shape": "triangle",
        "arrow-scale": 0.8, "curve-style": "bezier", "label": "data(label)", "font-family": data.font,
        "font-size": 9, "color": "#555", "text-opacity": 0, "text-rotation": "autorotate",
        "text-outline-color": "#fff", "text-outline-width": 2 } },
      { selector: ".faded", style: { "opacity": 0.15 } },
      { selector: "node.match", style: { "border-width": 4, "border-color": "#d62728", "z-index": 10 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#1f4e99", "z-index": 20 } },
      { selector: "edge.highlight", style: {
        "line-color": "#555", "target-arrow-color": "#555", "width": 2, "text-opacity": 1, "z-index": 15 } },
      { selector: ".hidden", style: { "display": "none" } }
    ]
  });

  function visibleNodes() { return cy.nodes().not(".hidden"); }

  function updateStatus() {
    var shown = visibleNodes().length;
    status.dataset.nodes = String(cy.nodes().length);
    status.dataset.edges = String(cy.edges().length);
    status.dataset.visibleNodes = String(shown);
    status.dataset.resources = String(performance.getEntriesByType("resource").length);
    var text = format(ui.counts, { nodes: cy.nodes().length, edges: cy.edges().length });
    if (shown !== cy.nodes().length) text += " · " + format(ui.shown, { n: shown });
    if (status.dataset.search) text += " · " + format(ui.matches, { n: status.dataset.matches });
    status.textContent = text;
  }

  // ------------------------------------------------------------- details

  function row(list, term, value, quoted) {
    if (value === undefined || value === null || value === "") return;
    list.appendChild(make("dt", term));
    var dd = make("dd");
    dd.appendChild(quoted ? make("blockquote", value) : document.createTextNode(String(value)));
    list.appendChild(dd);
  }

  function linkTo(node, prefix) {
    var button = make("button", prefix + node.data("label"), "link");
    button.type = "button";
    button.addEventListener("click", function () { select(node, true); });
    return button;
  }

  function showNode(node) {
    var d = node.data();
    details.textContent = "";
    details.dataset.selected = d.id;
    var list = make("dl");
    row(list, ui.label, d.label);
    row(list, ui.type, d.type_label);
    row(list, ui.number, d.number);
    row(list, ui.label_zh, d.label_zh);
    row(list, ui.label_en, d.label_en);
    row(list, ui.iri, d.iri);
    row(list, ui.source_text, d.source_text, true);
    row(list, ui.statement_zh, d.statement_zh, true);
    row(list, ui.statement_en, d.statement_en, true);
    details.appendChild(list);
    // hook: a target's progress chart (an SVG data URI made by plankg.progress.hooks)
    if (typeof d.chart === "string" && d.chart.indexOf("data:image/svg+xml;base64,") === 0) {
      var chart = make("img", null, "chart");
      chart.src = d.chart;
      chart.alt = d.label;
      details.appendChild(chart);
    }
    var edges = node.connectedEdges().not(".hidden");
    if (edges.length) {
      details.appendChild(make("h2", ui.connections));
      var links = make("ul");
      edges.forEach(function (edge) {
        var outgoing = edge.source().id() === node.id();
        var other = outgoing ? edge.target() : edge.source();
        var item = make("li");
        item.appendChild(linkTo(other, (outgoing ? "→ " : "← ") + edge.data("label") + ": "));
        links.appendChild(item);
      });
      details.appendChild(links);
    }
  }

  function showEdge(edge) {
    var d = edge.data();
    details.textContent = "";
    details.dataset.selected = d.id;
    var list = make("dl");
    row(list, ui.relation, d.label);
    row(list, ui.iri, d.relation);
    list.appendChild(make("dt", ui.source));
    list.appendChild(make("dd")).appendChild(linkTo(edge.source(), ""));
    list.appendChild(make("dt", ui.target));
    list.appendChild(make("dd")).appendChild(linkTo(edge.target(), ""));
    row(list, ui.rationale, d.rationale_zh, true);
    row(list, ui.rationale, d.rationale_en, true);
    details.appendChild(list);
  }

  function clearDetails() {
    details.textContent = "";
    delete details.dataset.selected;
    details.appendChild(make("p", ui.hint, "empty"));
  }

  function select(node, center) {
    cy.elements().removeClass("highlight");
    cy.elements(":selected").unselect();
    node.select();
    node.connectedEdges().addClass("highlight");
    showNode(node);
    if (center) cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 });
  }

  cy.on("tap", "node", function (event) { select(event.target, false); });
  cy.on("tap", "edge", function (event) {
    cy.elements().removeClass("highlight");
    event.target.addClass("highlight");
    showEdge(event.target);
  });
  cy.on("tap", function (event) {
    if (event.target === cy) { cy.elements().removeClass("highlight"); clearDetails(); }
  });

  // -------------------------------------------------------------- search

  function haystack(node) {
    var d = node.data();
    return [d.label, d.label_zh, d.label_en, d.type_label, d.iri].join("\n").toLowerCase();
  }

  function search(query) {
    var q = query.trim().toLowerCase();
    cy.elements().removeClass("faded match");
    resultsList.textContent = "";
    if (!q) {
      delete status.dataset.search;
      delete status.dataset.matches;
      updateStatus();
      return cy.collection();
    }
    var matches = visibleNodes().filter(function (node) { return haystack(node).indexOf(q) !== -1; });
    status.dataset.search = query.trim();
    status.dataset.matches = String(matches.length);
    if (matches.length) {
      cy.elements().addClass("faded");
      matches.removeClass("faded").addClass("match");
      matches.forEach(function (node) {
        var item = make("li");
        item.dataset.id = node.id();
        var button = make("button", node.data("label") + " · " + node.data("type_label"));
        button.type = "button";
        button.addEventListener("click", function () { select(node, true); });
        item.appendChild(button);
        resultsList.appendChild(item);
      });
      cy.fit(matches, 80);
      if (cy.zoom() > 1.5) cy.zoom({ level: 1.5, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    } else {
      resultsList.appendChild(make("li", ui.no_results, "empty"));
    }
    updateStatus();
    return matches;
  }

  var pending = null;
  searchBox.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { search(searchBox.value); }, 150);
  });
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      clearTimeout(pending);
      var matches = search(searchBox.value);
      if (matches.length) select(matches[0], true);
    } else if (event.key === "Escape") {
      searchBox.value = "";
      search("");
    }
  });

  // ------------------------------------------------------- type filters

  var filters = document.getElementById("type-filters");
  data.types.forEach(function (t) {
    var item = make("li");
    var label = make("label");
    var box = make("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.type = t.type;
    box.addEventListener("change", function () {
      var nodes = cy.nodes().filter(function (n) { return n.data("type") === t.type; });
      if (box.checked) nodes.removeClass("hidden"); else nodes.addClass("hidden");
      search(searchBox.value);
    });
    var swatch = make("span", null, "swatch");
    swatch.style.backgroundColor = t.color;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(make("span", t.label));
    label.appendChild(make("span", t.count, "count"));
    item.appendChild(label);
    filters.appendChild(item);
  });

  // ------------------------------------------------------------- buttons

  document.getElementById("fit").addEventListener("click", function () { cy.fit(visibleNodes(), 30); });
  function forceLayout(animate) {
    cy.layout({
      name: "cose", animate: animate && cy.nodes().length <= 600, randomize: false, fit: true, padding: 30,
      nodeDimensionsIncludeLabels: true, idealEdgeLength: function () { return 60; },
      nodeRepulsion: function () { return 20000; }, numIter: 1500
    }).run();
  }
  document.getElementById("relayout").addEventListener("click", function () { forceLayout(true); });

  // ------------------------------------------------------- the URL hash

  function applyHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    if (params.get("layout") === "force") forceLayout(false);
    if (params.has("search")) {
      searchBox.value = params.get("search");
      search(searchBox.value);
    }
    if (params.has("select")) {
      var node = cy.getElementById(params.get("select"));
      if (node.nonempty()) select(node, false);
    }
  }
  window.addEventListener("hashchange", applyHash);

  clearDetails();
  applyHash();
  updateStatus();
  status.dataset.ready = "true";
  window.addEventListener("load", updateStatus);
  window.plankgGraph = cy;
})();
