// Headless Chromium driven over the DevTools protocol, for the page tests.
// openPage(chromium, url, deadlineMs) starts a browser, opens the page, waits
// (up to the deadline) until #status says data-ready="true", and returns
// { send, evaluate, sleep, waitFor, close }.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Node 20 has WebSocket behind a flag; Node 22 and later have it on. Run the
// calling script again with the flag if it is missing; returns true if so.
function needsWebSocketFlag(filename) {
  if (typeof WebSocket !== "undefined") return false;
  const { spawnSync } = require("child_process");
  const again = spawnSync(process.execPath, ["--experimental-websocket", filename, ...process.argv.slice(2)],
    { stdio: "inherit" });
  process.exitCode = again.status === null ? 1 : again.status;
  return true;
}

async function openPage(chromium, url, deadlineMs = 60000) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "plankg-page-"));
  const browser = spawn(chromium, [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
    "--window-size=1400,900", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank",
  ], { stdio: ["ignore", "ignore", "pipe"] });
  const close = () => new Promise((resolve) => {
    browser.once("exit", () => {
      // Chromium's helper processes may still be writing the profile as it
      // exits; a profile left in the temporary folder is no test failure.
      try {
        fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      } catch (error) {
        console.error(`left ${profile}: ${error.code}`);
      }
      resolve();
    });
    browser.kill();
  });
  try {
    const port = await new Promise((resolve, reject) => {
      let seen = "";
      const timer = setTimeout(() => reject(new Error("Chromium did not open its DevTools port: " + seen)), 30000);
      browser.stderr.on("data", (chunk) => {
        seen += chunk;
        const found = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
        if (found) { clearTimeout(timer); resolve(found[1]); }
      });
    });
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
    const evaluate = async (expression) => {
      const reply = await send("Runtime.evaluate", { expression, returnByValue: true });
      if (reply.error) throw new Error(`${expression.slice(0, 80)}: ${JSON.stringify(reply.error)}`);
      if (reply.result.exceptionDetails) {
        throw new Error(`${expression.slice(0, 80)}: ${JSON.stringify(reply.result.exceptionDetails)}`);
      }
      return reply.result.result.value;
    };
    // Wait until the expression is truthy, up to the deadline; return its value (or null at the deadline).
    const waitFor = async (expression, ms = deadlineMs) => {
      const end = Date.now() + ms;
      for (;;) {
        const value = await evaluate(expression);
        if (value || Date.now() > end) return value || null;
        await sleep(100);
      }
    };
    await send("Page.enable");
    const started = Date.now();
    await send("Page.navigate", { url });
    const ready = await waitFor("document.getElementById('status')?.dataset.ready === 'true'");
    const readyMs = Date.now() - started;
    const finish = async () => { socket.close(); await close(); };
    return { send, evaluate, waitFor, sleep, ready: Boolean(ready), readyMs, close: finish };
  } catch (error) {
    await close();
    throw error;
  }
}

// Click at a point of the page with the mouse.
async function click(page, point) {
  for (const type of ["mouseMoved", "mousePressed", "mouseReleased"]) {
    await page.send("Input.dispatchMouseEvent", { type, x: point.x, y: point.y, button: "left", clickCount: 1 });
    await sleep(50);
  }
}

// Where Cytoscape drew an element, in page coordinates.
function renderedPoint(page, id) {
  return page.evaluate(`(() => {
    const node = window.plankgGraph.getElementById(${JSON.stringify(id)});
    if (node.empty()) return null;
    const at = node.renderedPosition();
    const box = document.getElementById("graph").getBoundingClientRect();
    return { x: box.left + at.x, y: box.top + at.y };
  })()`);
}

module.exports = { openPage, click, renderedPoint, needsWebSocketFlag, sleep };
