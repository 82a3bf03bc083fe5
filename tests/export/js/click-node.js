// Open a plankg HTML export in headless Chromium, click a node with the mouse
// (over the DevTools protocol) and print what the page then shows, as JSON.
// Usage: node click-node.js CHROMIUM URL NODE_IRI
"use strict";
const { openPage, click, renderedPoint, needsWebSocketFlag, sleep } = require("./devtools.js");

async function main() {
  const [chromium, url, nodeId] = process.argv.slice(2);
  const page = await openPage(chromium, url);
  try {
    const point = await renderedPoint(page, nodeId);
    await click(page, point);
    await sleep(300);
    const shown = await page.evaluate(`({
      selected: document.getElementById("details").dataset.selected || null,
      details: document.getElementById("details").innerText,
      error: document.getElementById("status").dataset.error || null
    })`);
    console.log(JSON.stringify({ point, ...shown }));
  } finally {
    await page.close();
  }
}

if (!needsWebSocketFlag(__filename)) {
  main().catch((error) => { console.error(error); process.exitCode = 1; });
}
