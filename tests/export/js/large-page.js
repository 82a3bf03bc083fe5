// Open a large plankg HTML export in headless Chromium and use it as a person
// would: wait until it is drawn (up to a deadline), type a label into the
// search box and press Enter, then click a collapsed group with the mouse.
// Prints what the page showed after each step, as JSON.
// Usage: node large-page.js CHROMIUM URL SEARCH_TEXT GROUP_ID DEADLINE_MS
"use strict";
const { openPage, click, renderedPoint, needsWebSocketFlag, sleep } = require("./devtools.js");

const state = `(() => {
  const status = document.getElementById("status");
  const details = document.getElementById("details");
  return { ...status.dataset, selected: details.dataset.selected || null, details: details.innerText,
           results: Array.from(document.querySelectorAll("#search-results li[data-id]"), (li) => li.dataset.id),
           center: (() => { const p = window.plankgGraph.pan(), z = window.plankgGraph.zoom();
                            return { x: (window.plankgGraph.width() / 2 - p.x) / z,
                                     y: (window.plankgGraph.height() / 2 - p.y) / z }; })() };
})()`;

async function main() {
  const [chromium, url, text, groupId, deadline] = process.argv.slice(2);
  const page = await openPage(chromium, url, Number(deadline));
  try {
    const t0 = Date.now();
    const out = { ready: page.ready, readyMs: page.readyMs, loaded: await page.evaluate(state) };
    // Search: the box has the focus on a large page; type into it and press Enter.
    await page.evaluate(`document.getElementById("search").focus()`);
    await page.send("Input.insertText", { text });
    await page.send("Input.dispatchKeyEvent", { type: "keyDown", key: "Enter", code: "Enter",
                                                windowsVirtualKeyCode: 13, text: "\r" });
    await page.send("Input.dispatchKeyEvent", { type: "keyUp", key: "Enter", code: "Enter", windowsVirtualKeyCode: 13 });
    await page.waitFor(`document.getElementById("details").dataset.selected`, Number(deadline));
    await sleep(600);  // the centring animation
    out.searched = await page.evaluate(state);
    out.searchMs = Date.now() - t0;
    // Click a group that is still collapsed.
    out.groupPoint = await renderedPoint(page, groupId);
    if (out.groupPoint) {
      await page.evaluate(`window.plankgGraph.center(window.plankgGraph.getElementById(${JSON.stringify(groupId)})), null`);
      out.groupPoint = await renderedPoint(page, groupId);
      await click(page, out.groupPoint);
      await page.waitFor(`document.getElementById("details").dataset.selected === ${JSON.stringify(groupId)}`,
                         Number(deadline));
      out.clicked = await page.evaluate(state);
      out.clickMs = Date.now() - t0;
      out.groupDrawn = await page.evaluate(`window.plankgGraph.getElementById(${JSON.stringify(groupId)}).nonempty()`);
    }
    console.log(JSON.stringify(out));
  } finally {
    await page.close();
  }
}

if (!needsWebSocketFlag(__filename)) {
  main().catch((error) => { console.error(error); process.exitCode = 1; });
}
