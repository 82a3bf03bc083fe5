/* plankg offline graph page: search, groups that expand, filter by type, details on click.
 *
 * Reads the graph from the JSON script element #plankg-data and draws it
 * with Cytoscape.js (inlined above this script). Every label is put
 * on the page with textContent, never as HTML.
 *
 * Large graphs stay usable: every node belongs to a group (its plan in a
 * corpus, its area in one plan). When data.collapse is true (more than a
 * couple of thousand nodes) the page opens with each group drawn as one
 * node and the edges between groups as one edge per pair; a click on a
 * group expands it, and the graph in Cytoscape holds only what is drawn.
 * Labels are drawn only where they are readable (a node's label size grows
 * with the node, and Cytoscape skips labels smaller than a few pixels on
 * screen); beyond data.edge_limit drawn edges they are plain lines, and
 * edges are hidden while the view moves. Search runs over every node,
 * drawn or not, and a result opens its group and centres on it.
 *
 * The page's state is kept in the DOM for tests and scripts: #status has
 * data-ready, data-nodes, data-edges (the graph's), data-visible-nodes (its
 * nodes drawn), data-groups, data-expanded (groups open), data-drawn (nodes
 * and group nodes in Cytoscape), data-edge-style (full or lite),
 * data-search, data-matches, data-resources (network resources the page
 * loaded: always 0) and data-error; #details has data-selected. The URL hash
 * #search=TEXT&select=IRI searches and selects on load; #expand=GROUP (or
 * all) opens a group; #layout=force runs the force-directed layout (CoSE).
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
  var MAX_RESULTS = 200;

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

  // ------------------------------------------------------------ the model

  var byId = new Map();
  var groups = new Map();
  var members = new Map();
  var incident = new Map();
  data.groups.forEach(function (g) { groups.set(g.id, g); members.set(g.id, []); });
  data.nodes.forEach(function (n) {
    byId.set(n.id, n);
    members.get(n.group).push(n);
    incident.set(n.id, []);
    n.haystack = [n.label, n.label_zh, n.label_en, n.type_label, n.iri].join("\n").toLowerCase();
  });
  data.edges.forEach(function (e) {
    incident.get(e.source).push(e);
    if (e.target !== e.source) incident.get(e.target).push(e);
  });
  var expanded = new Set(data.collapse ? [] : data.groups.map(function (g) { return g.id; }));
  var hiddenTypes = new Set();
  var large = data.nodes.length > 2000 || data.edges.length > data.edge_limit;

  function groupData(g) {
    return {
      id: g.id, cluster: true, label: g.label + " · " + format(ui.members, { n: g.count }),
      color: g.color, size: g.size, font: g.font, count: g.count, kind: g.kind, x: g.x, y: g.y
    };
  }

  function edgeStyle(lite) {
    return lite
      ? { "curve-style": "haystack", "haystack-radius": 0, "target-arrow-shape": "none", "width": 0.8 }
      : { "curve-style": "bezier", "target-arrow-shape": "triangle", "width": 1.2 };
  }

  var cy = cytoscape({
    container: document.getElementById("graph"),
    elements: [],
    minZoom: 0.005,
    maxZoom: 5,
    hideEdgesOnViewport: large,
    textureOnViewport: large,
    pixelRatio: large ? 1 : "auto",
    style: [
      { selector: "node", style: {
        "background-color": "data(color)", "width": "data(size)", "height": "data(size)",
        "label": "data(label)", "font-family": data.font, "font-size": "data(font)", "color": "#222",
        "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "wrap", "text-max-width": 150,
        "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 8,
        "border-width": 1, "border-color": "#555" } },
      { selector: "node.cluster", style: {
        "shape": "round-rectangle", "background-opacity": 0.55, "border-width": 2, "border-style": "double",
        "text-valign": "center", "text-max-width": 400, "min-zoomed-font-size": 6 } },
      { selector: "edge", style: {
        "width": 1.2, "line-color": "#bbb", "target-arrow-color": "#bbb", "target-arrow-shape": "triangle",
        "arrow-scale": 0.8, "curve-style": "bezier", "label": "data(label)", "font-family": data.font,
        "font-size": 9, "color": "#555", "text-opacity": 0, "text-rotation": "autorotate",
        "text-outline-color": "#fff", "text-outline-width": 2 } },
      { selector: "edge.meta", style: {
        "line-color": "#9aa", "target-arrow-shape": "none", "curve-style": "haystack", "haystack-radius": 0,
        "width": "data(width)", "opacity": 0.6 } },
      { selector: "edge.lite", style: edgeStyle(true) },
      { selector: ".faded", style: { "opacity": 0.15 } },
      { selector: "node.match", style: { "border-width": 4, "border-color": "#d62728", "z-index": 10 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#1f4e99", "z-index": 20 } },
      { selector: "edge.highlight", style: {
        "line-color": "#555", "target-arrow-color": "#555", "width": 2, "text-opacity": 1, "z-index": 15 } },
      { selector: ".hidden", style: { "display": "none" } }
    ]
  });

  // What stands for a node on screen: itself when its group is open, else its group.
  function shownAs(id) {
    var group = byId.get(id).group;
    return expanded.has(group) ? id : group;
  }

  // Make Cytoscape hold exactly what is to be drawn: the nodes of open groups,
  // a node for each closed group, real edges between drawn nodes and one
  // edge per pair of a closed group and anything else.
  function render() {
    var wantNodes = new Map();
    data.groups.forEach(function (g) {
      if (expanded.has(g.id)) {
        members.get(g.id).forEach(function (n) { wantNodes.set(n.id, n); });
      } else {
        wantNodes.set(g.id, groupData(g));
      }
    });
    var wantEdges = new Map();
    data.edges.forEach(function (e) {
      var source = shownAs(e.source), target = shownAs(e.target);
      if (source === e.source && target === e.target) {
        wantEdges.set(e.id, e);
      } else if (source !== target) {
        var id = "meta " + source + " → " + target;
        var meta = wantEdges.get(id);
        if (!meta) {
          meta = { id: id, source: source, target: target, meta: true, count: 0 };
          wantEdges.set(id, meta);
        }
        meta.count += 1;
      }
    });
    var realEdges = 0;
    wantEdges.forEach(function (e) {
      if (e.meta) {
        e.label = format(ui.edges_between, { n: e.count });
        e.width = Math.min(8, 1 + Math.log(e.count));
      } else {
        realEdges += 1;
      }
    });
    var lite = realEdges > data.edge_limit;
    cy.batch(function () {
      cy.elements().forEach(function (element) {
        var keep = element.isNode() ? wantNodes.has(element.id()) : wantEdges.has(element.id());
        if (!keep) element.remove();
      });
      var add = [];
      wantNodes.forEach(function (n, id) {
        if (cy.getElementById(id).empty()) {
          var hidden = !n.cluster && hiddenTypes.has(n.type);
          add.push({ group: "nodes", data: n, position: { x: n.x, y: n.y },
                     classes: (n.cluster ? "cluster" : "") + (hidden ? " hidden" : "") });
        }
      });
      wantEdges.forEach(function (e, id) {
        var existing = cy.getElementById(id);
        if (existing.empty()) {
          add.push({ group: "edges", data: e, classes: e.meta ? "meta" : "" });
        } else if (e.meta) {
          existing.data({ count: e.count, label: e.label, width: e.width });
        }
      });
      cy.add(add);
      var plain = cy.edges().not(".meta");
      if (lite) plain.addClass("lite"); else plain.removeClass("lite");
    });
    status.dataset.edgeStyle = lite ? "lite" : "full";
    updateStatus();
  }

  function drawnNodes() { return cy.nodes().not(".cluster").not(".hidden"); }

  function updateStatus() {
    var shown = drawnNodes().length;
    status.dataset.nodes = String(data.nodes.length);
    status.dataset.edges = String(data.edges.length);
    status.dataset.visibleNodes = String(shown);
    status.dataset.groups = String(data.groups.length);
    status.dataset.expanded = String(expanded.size);
    status.dataset.drawn = String(cy.nodes().length);
    status.dataset.resources = String(performance.getEntriesByType("resource").length);
    var text = format(ui.counts, { nodes: data.nodes.length, edges: data.edges.length });
    if (shown !== data.nodes.length) text += " · " + format(ui.shown, { n: shown });
    if (status.dataset.search) text += " · " + format(ui.matches, { n: status.dataset.matches });
    status.textContent = text;
  }

  function expand(groupIds) {
    var changed = false;
    groupIds.forEach(function (id) {
      if (groups.has(id) && !expanded.has(id)) { expanded.add(id); changed = true; }
    });
    if (changed) render();
    return changed;
  }

  function collapse(groupIds) {
    if (!data.collapse) return;
    groupIds.forEach(function (id) { expanded.delete(id); });
    render();
  }

  // ------------------------------------------------------------- details

  function row(list, term, value, quoted) {
    if (value === undefined || value === null || value === "") return;
    list.appendChild(make("dt", term));
    var dd = make("dd");
    dd.appendChild(quoted ? make("blockquote", value) : document.createTextNode(String(value)));
    list.appendChild(dd);
  }

  function button(text, className, action) {
    var b = make("button", text, className);
    b.type = "button";
    b.addEventListener("click", action);
    return b;
  }

  function linkTo(id, prefix) {
    var target = byId.has(id) ? byId.get(id) : groups.get(id);
    return button(prefix + target.label, "link", function () {
      if (byId.has(id)) selectId(id, true); else { expand([id]); showGroup(groups.get(id)); }
    });
  }

  function showNode(d) {
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
    if (data.collapse) row(list, ui.group, groups.get(d.group).label);
    details.appendChild(list);
    if (data.collapse) {
      details.appendChild(button(ui.collapse, "collapse", function () {
        collapse([d.group]);
        clearDetails();
      }));
    }
    // hook: a target's progress chart (an SVG data URI made by plankg.tracking.hooks)
    if (typeof d.chart === "string" && d.chart.indexOf("data:image/svg+xml;base64,") === 0) {
      var chart = make("img", null, "chart");
      chart.src = d.chart;
      chart.alt = d.label;
      details.appendChild(chart);
    }
    var edges = incident.get(d.id).filter(function (e) {
      var other = e.source === d.id ? e.target : e.source;
      return !hiddenTypes.has(byId.get(other).type);
    });
    if (edges.length) {
      details.appendChild(make("h2", ui.connections));
      var links = make("ul");
      edges.forEach(function (e) {
        var outgoing = e.source === d.id;
        var item = make("li");
        item.appendChild(linkTo(outgoing ? e.target : e.source, (outgoing ? "→ " : "← ") + e.label + ": "));
        links.appendChild(item);
      });
      details.appendChild(links);
    }
  }

  function showGroup(g) {
    details.textContent = "";
    details.dataset.selected = g.id;
    var list = make("dl");
    row(list, ui.group, g.label);
    row(list, ui.type, ui.group_kind[g.kind]);
    row(list, ui.iri, g.kind === "type" ? null : g.seed);
    row(list, ui.connections, format(ui.members, { n: g.count }));
    details.appendChild(list);
    if (expanded.has(g.id)) {
      details.appendChild(button(ui.collapse, "collapse", function () { collapse([g.id]); clearDetails(); }));
    } else {
      details.appendChild(button(ui.expand, "expand", function () { expand([g.id]); showGroup(g); }));
    }
  }

  function showEdge(edge) {
    var d = edge.data();
    details.textContent = "";
    details.dataset.selected = d.id;
    var list = make("dl");
    row(list, ui.relation, d.meta ? format(ui.edges_between, { n: d.count }) : d.label);
    row(list, ui.iri, d.relation);
    list.appendChild(make("dt", ui.source));
    list.appendChild(make("dd")).appendChild(linkTo(d.source, ""));
    list.appendChild(make("dt", ui.target));
    list.appendChild(make("dd")).appendChild(linkTo(d.target, ""));
    row(list, ui.rationale, d.rationale_zh, true);
    row(list, ui.rationale, d.rationale_en, true);
    details.appendChild(list);
  }

  function clearDetails() {
    details.textContent = "";
    delete details.dataset.selected;
    details.appendChild(make("p", ui.hint, "empty"));
  }

  // Select a node of the graph, opening its group first if it is closed.
  function selectId(id, center) {
    var d = byId.get(id);
    if (!d) return false;
    expand([d.group]);
    var node = cy.getElementById(id);
    cy.elements().removeClass("highlight");
    cy.elements(":selected").unselect();
    node.select();
    node.connectedEdges().addClass("highlight");
    showNode(d);
    if (center) cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 });
    return true;
  }

  cy.on("tap", "node", function (event) {
    var d = event.target.data();
    if (d.cluster) {
      var g = groups.get(d.id);
      expand([g.id]);
      showGroup(g);
    } else {
      selectId(d.id, false);
    }
  });
  cy.on("tap", "edge", function (event) {
    cy.elements().removeClass("highlight");
    event.target.addClass("highlight");
    showEdge(event.target);
  });
  cy.on("tap", function (event) {
    if (event.target === cy) { cy.elements().removeClass("highlight"); clearDetails(); }
  });

  // -------------------------------------------------------------- search

  // Every node of the graph, drawn or in a closed group, whose labels, type or IRI hold the text.
  function search(query) {
    var q = query.trim().toLowerCase();
    cy.elements().removeClass("faded match");
    resultsList.textContent = "";
    if (!q) {
      delete status.dataset.search;
      delete status.dataset.matches;
      updateStatus();
      return [];
    }
    var matches = data.nodes.filter(function (n) { return !hiddenTypes.has(n.type) && n.haystack.indexOf(q) !== -1; });
    status.dataset.search = query.trim();
    status.dataset.matches = String(matches.length);
    if (matches.length) {
      var ids = new Set(matches.map(function (n) { return shownAs(n.id); }));
      var drawn = cy.collection(Array.from(ids, function (id) { return cy.getElementById(id); }));
      cy.elements().addClass("faded");
      drawn.removeClass("faded").addClass("match");
      matches.slice(0, MAX_RESULTS).forEach(function (n) {
        var item = make("li");
        item.dataset.id = n.id;
        item.appendChild(button(n.label + " · " + n.type_label, null, function () { selectId(n.id, true); }));
        resultsList.appendChild(item);
      });
      if (matches.length > MAX_RESULTS) {
        resultsList.appendChild(make("li", format(ui.more, { n: matches.length - MAX_RESULTS }), "empty"));
      }
      cy.fit(drawn, 80);
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
      if (matches.length) selectId(matches[0].id, true);
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
      if (box.checked) hiddenTypes.delete(t.type); else hiddenTypes.add(t.type);
      var nodes = cy.nodes().filter(function (n) { return n.data("type") === t.type && !n.data("cluster"); });
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

  document.getElementById("fit").addEventListener("click", function () { cy.fit(cy.nodes().not(".hidden"), 30); });
  function forceLayout(animate) {
    cy.layout({
      name: "cose", animate: animate && cy.nodes().length <= 600, randomize: false, fit: true, padding: 30,
      nodeDimensionsIncludeLabels: true, idealEdgeLength: function () { return 60; },
      nodeRepulsion: function () { return 20000; }, numIter: 1500
    }).run();
  }
  document.getElementById("relayout").addEventListener("click", function () { forceLayout(true); });
  if (data.collapse) {
    var expandAll = document.getElementById("expand-all");
    var collapseAll = document.getElementById("collapse-all");
    expandAll.textContent = ui.expand_all;
    collapseAll.textContent = ui.collapse_all;
    expandAll.hidden = collapseAll.hidden = false;
    expandAll.addEventListener("click", function () { expand(Array.from(groups.keys())); });
    collapseAll.addEventListener("click", function () { collapse(Array.from(groups.keys())); clearDetails(); });
  }

  // ------------------------------------------------------- the URL hash

  function applyHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    params.getAll("expand").forEach(function (id) {
      expand(id === "all" ? Array.from(groups.keys()) : [id]);
      if (groups.has(id)) showGroup(groups.get(id));
    });
    if (params.get("layout") === "force") forceLayout(false);
    if (params.has("search")) {
      searchBox.value = params.get("search");
      search(searchBox.value);
    }
    if (params.has("select")) selectId(params.get("select"), false);
  }
  window.addEventListener("hashchange", applyHash);

  render();
  cy.fit(cy.nodes(), 30);
  clearDetails();
  applyHash();
  updateStatus();
  if (data.collapse) searchBox.focus();
  status.dataset.ready = "true";
  window.addEventListener("load", updateStatus);
  window.plankgGraph = cy;
  window.plankgPage = { expand: expand, collapse: collapse, search: search, select: selectId };
})();
