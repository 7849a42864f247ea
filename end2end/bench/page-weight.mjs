// What a visitor's browser downloads and how soon a slow phone can use the page, measured in
// Debian's Chromium against a running site (`.ci/bench-performance` starts it):
//   node end2end/bench/page-weight.mjs BASE_URL PATH...
// For each path: the wasm and JavaScript bytes as they came over the wire (encoded, i.e. after
// compression), with Chromium's cache empty. Then, for the directory, with the CPU slowed 4×
// and the network at Chrome's "Fast 3G" (562.5 ms latency, ~1.4 Mbit/s down): the time from
// navigation to the page being hydrated, and, on the hydrated page with the CPU still slowed,
// the time from the search being asked (the URL following the search box, after the 250 ms pause
// in typing it waits for) to the results painted (median of 5).
import { chromium } from "@playwright/test";

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error("usage: node page-weight.mjs BASE_URL PATH...");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"],
});

async function hydrated(page) {
  await page.waitForSelector("body[data-hydrated=true]", { timeout: 60_000 });
}

/** Loads `path` in a fresh context and sums the encoded bytes of its wasm and JS. */
async function weigh(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes = [];
  page.on("requestfinished", (request) => {
    const url = new URL(request.url());
    if (/\.(wasm|js)$/.test(url.pathname)) {
      sizes.push(request.sizes().then((s) => ({ url: url.pathname, bytes: s.responseBodySize })));
    }
  });
  await page.goto(base + path);
  await hydrated(page);
  // Chunks a lazy route fetches after hydration count too.
  await page.waitForLoadState("networkidle");
  const files = await Promise.all(sizes);
  await context.close();
  const sum = (re) => files.filter((f) => re.test(f.url)).reduce((n, f) => n + f.bytes, 0);
  return { path, wasm: sum(/\.wasm$/), js: sum(/\.js$/), files: files.length };
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
console.log("page                                     wasm KiB   js KiB  total KiB  files (encoded, as downloaded)");
for (const path of paths) {
  const w = await weigh(path);
  console.log(
    `${path.padEnd(40)} ${kb(w.wasm).padStart(8)} ${kb(w.js).padStart(8)} ${kb(w.wasm + w.js).padStart(10)}  ${w.files}`,
  );
}

/** The directory on a slow phone: time to hydrated, then keystroke to painted results. */
async function slowPhone() {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 562.5,
    downloadThroughput: ((1.44 * 1024 * 1024) / 8) * 0.9,
    uploadThroughput: ((675 * 1024) / 8) * 0.9,
  });
  const started = Date.now();
  await page.goto(base + "/et/directory");
  await hydrated(page);
  const interactive = Date.now() - started;

  // Typing on the hydrated page, the network back to loopback (the answer's own round trip is
  // the server's, measured by wrk); the CPU stays 4× slower.
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  const words = ["disain", "muusika", "narva", "foto", "teater"];
  const times = [];
  for (const word of words) {
    const ms = await page.evaluate(async (word) => {
      // The search waits for a pause in typing (250 ms) before it asks the server; the clock
      // starts when it does, i.e. when the URL follows the search box.
      const section = document.querySelector("section.directory");
      let asked = null;
      for (const name of ["pushState", "replaceState"]) {
        const original = history[name];
        history[name] = function (...args) {
          asked ??= performance.now();
          history[name] = original;
          return original.apply(this, args);
        };
      }
      const painted = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (asked === null) return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
        });
        observer.observe(section, { childList: true, subtree: true, characterData: true });
      });
      const input = document.querySelector("input[type=search]");
      input.value = word;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const done = await Promise.race([painted, new Promise((r) => setTimeout(() => r(null), 10_000))]);
      return done === null || asked === null ? Infinity : done - asked;
    }, word);
    times.push(ms);
  }
  await context.close();
  const measured = times.filter(Number.isFinite).sort((a, b) => a - b);
  return {
    interactive,
    typing: measured[Math.floor(measured.length / 2)],
    worst: measured[measured.length - 1],
    measured: measured.length,
    tried: times.length,
  };
}

const slow = await slowPhone();
console.log(
  `slow phone (4x CPU, Fast 3G), /et/directory: hydrated ${slow.interactive} ms after navigation; ` +
    `search asked to results painted (4x CPU, loopback) median ${slow.typing?.toFixed(0)} ms, ` +
    `worst ${slow.worst?.toFixed(0)} ms (${slow.measured} of ${slow.tried} searches seen painting within 10 s)`,
);
await browser.close();
