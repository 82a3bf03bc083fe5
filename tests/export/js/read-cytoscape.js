// Read a plankg .cyjs export with Cytoscape.js (headless) and print what it holds as JSON.
// Usage: node read-cytoscape.js FILE
"use strict";
const fs = require("fs");
const cytoscape = require("cytoscape");

const json = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const cy = cytoscape({ headless: true, styleEnabled: false, elements: json.elements });
// Cytoscape desktop reads the whole document the same way: cy.json() with elements.
const again = cytoscape({ headless: true, styleEnabled: false });
again.json({ elements: json.elements });

console.log(JSON.stringify({
  version: cytoscape.version,
  nodes: cy.nodes().length,
  edges: cy.edges().length,
  nodesViaJson: again.nodes().length,
  edgesViaJson: again.edges().length,
  danglingEdges: cy.edges().filter((e) => e.source().empty() || e.target().empty()).length,
  names: cy.nodes().map((n) => n.data("name")),
  labels: cy.nodes().map((n) => n.data("label")),
  positioned: cy.nodes().filter((n) => Number.isFinite(n.position("x")) && Number.isFinite(n.position("y"))).length,
  interactions: cy.edges().map((e) => e.data("interaction")),
}));
