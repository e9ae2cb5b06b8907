// The first load on a slow phone (run on demand by benches/page_load.sh, never as a test).
// For each page: a fresh browser context (cold cache), Chrome's CPU slowed 4x, 1.6 Mbps down,
// 750 kbps up, 150 ms round trip (the DevTools Protocol's network emulation), then first
// contentful paint, the moment the app says it is hydrated (`window.__taskpilot_hydrated`, set
// by `hydrate()` in src/lib.rs) and the bytes transferred. Prints one JSON line per page.
//
// Usage (from the repository root): node benches/page_load.mjs BASE_URL COOKIE PATH… [--runs N]
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.resolve('end2end') + '/');
const { chromium } = require('@playwright/test');

const args = process.argv.slice(2);
let runs = 3;
const runsAt = args.indexOf('--runs');
if (runsAt >= 0) {
  runs = Number(args[runsAt + 1]);
  args.splice(runsAt, 2);
}
const [base, cookie, ...paths] = args;
const PROFILE = { cpu: 4, latency: 150, down: 1_600_000 / 8, up: 750_000 / 8 };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once(pagePath) {
  const context = await browser.newContext();
  const [name, value] = cookie.split(/=(.*)/s);
  // the sign-in page is loaded as a visitor: signed in, it would send you on to /tasks
  if (!['/login', '/signup'].includes(pagePath)) await context.addCookies([{ name, value, url: base }]);
  // records the instant the app marks itself hydrated
  await context.addInitScript(() => {
    let v;
    Object.defineProperty(window, '__taskpilot_hydrated', {
      configurable: true,
      get: () => v,
      set: (x) => {
        v = x;
        window.__hydrated_at = performance.now();
      },
    });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PROFILE.latency,
    downloadThroughput: PROFILE.down,
    uploadThroughput: PROFILE.up,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpu });
  let bytes = 0;
  const files = {};
  const urls = {};
  cdp.on('Network.responseReceived', (e) => (urls[e.requestId] = e.response.url));
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    const url = urls[e.requestId] || '';
    const kind = url.endsWith('.wasm') ? 'wasm' : url.endsWith('.js') ? 'js' : url.endsWith('.css') ? 'css' : 'html';
    files[kind] = (files[kind] || 0) + e.encodedDataLength;
  });
  const response = await page.goto(base + pagePath, { waitUntil: 'load', timeout: 120_000 });
  if (!response || response.status() !== 200) throw new Error(`${pagePath}: ${response && response.status()}`);
  if (new URL(page.url()).pathname !== pagePath) throw new Error(`${pagePath} went to ${page.url()}`);
  await page.waitForFunction(() => window.__hydrated_at !== undefined, null, { timeout: 120_000 });
  const timing = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    hydrated: window.__hydrated_at,
    // when the page's HTML, its script and its wasm had arrived: what the time went on
    html: performance.getEntriesByType('navigation')[0]?.responseEnd ?? NaN,
    js: Math.max(...performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')).map((e) => e.responseEnd)),
    wasm: Math.max(...performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).map((e) => e.responseEnd)),
  }));
  // the last responses finish after `load`; wait for the network to settle before counting
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ...timing, bytes, files };
}

for (const pagePath of paths) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await once(pagePath));
  console.log(
    JSON.stringify({
      page: pagePath,
      runs,
      fcp_ms: Math.round(median(all.map((r) => r.fcp))),
      hydrated_ms: Math.round(median(all.map((r) => r.hydrated))),
      html_ms: Math.round(median(all.map((r) => r.html))),
      js_ms: Math.round(median(all.map((r) => r.js))),
      wasm_ms: Math.round(median(all.map((r) => r.wasm))),
      bytes: median(all.map((r) => r.bytes)),
      files: all[0].files,
    }),
  );
}
await browser.close();
