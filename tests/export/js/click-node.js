// Open a plankg HTML export in headless Chromium, click a node with the mouse
// (over the DevTools protocol) and print what the page then shows, as JSON.
// Usage: node click-node.js CHROMIUM URL NODE_IRI
"use strict";
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

if (typeof WebSocket === "undefined") {
  // Node 20 has WebSocket behind a flag; Node 22 and later have it on.
  const again = spawnSync(process.execPath, ["--experimental-websocket", __filename, ...process.argv.slice(2)],
    { stdio: "inherit" });
  process.exit(again.status === null ? 1 : again.status);
}

const [chromium, url, nodeId] = process.argv.slice(2);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "plankg-click-"));
const browser = spawn(chromium, [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
  "--window-size=1400,900", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank",
], { stdio: ["ignore", "ignore", "pipe"] });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function devtoolsPort() {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error("Chromium did not open its DevTools port: " + seen)), 30000);
    browser.stderr.on("data", (chunk) => {
      seen += chunk;
      const found = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (found) { clearTimeout(timer); resolve(found[1]); }
    });
  });
}

async function main() {
  const port = await devtoolsPort();
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const page = targets.find((t) => t.type === "page");
  const socket = new WebSocket(page.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
  let next = 0;
  const waiting = new Map();
  socket.onmessage = (message) => {
    const reply = JSON.parse(message.data);
    if (reply.id && waiting.has(reply.id)) { waiting.get(reply.id)(reply); waiting.delete(reply.id); }
  };
  const send = (method, params = {}) => new Promise((resolve) => {
    next += 1;
    waiting.set(next, resolve);
    socket.send(JSON.stringify({ id: next, method, params }));
  });
  const evaluate = async (expression) =>
    (await send("Runtime.evaluate", { expression, returnByValue: true })).result.result.value;

  await send("Page.enable");
  await send("Page.navigate", { url });
  for (let i = 0; i < 100 && (await evaluate("document.getElementById('status')?.dataset.ready")) !== "true"; i++) {
    await sleep(100);
  }
  const point = await evaluate(`(() => {
    const node = window.plankgGraph.getElementById(${JSON.stringify(nodeId)});
    const at = node.renderedPosition();
    const box = document.getElementById("graph").getBoundingClientRect();
    return { x: box.left + at.x, y: box.top + at.y };
  })()`);
  for (const type of ["mouseMoved", "mousePressed", "mouseReleased"]) {
    await send("Input.dispatchMouseEvent", { type, x: point.x, y: point.y, button: "left", clickCount: 1 });
    await sleep(50);
  }
  await sleep(300);
  const shown = await evaluate(`({
    selected: document.getElementById("details").dataset.selected || null,
    details: document.getElementById("details").innerText,
    error: document.getElementById("status").dataset.error || null
  })`);
  console.log(JSON.stringify({ point, ...shown }));
  socket.close();
}

main()
  .catch((error) => { console.error(error); process.exitCode = 1; })
  .finally(() => {
    browser.once("exit", () => {
      // Chromium's helper processes may still be writing the profile as it
      // exits; a profile left in the temporary folder is no test failure.
      try {
        fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      } catch (error) {
        console.error(`left ${profile}: ${error.code}`);
      }
    });
    browser.kill();
  });
