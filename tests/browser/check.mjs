// Loads Chronicler's outputs in a real, headless Chromium and reports what it
// saw as JSON on stdout; tests/browser.rs runs it and makes the assertions.
//
//   node check.mjs OUTPUT_DIR SHOTS_DIR CHROMIUM
//
// A tiny HTTP server on 127.0.0.1 (an ephemeral port) serves OUTPUT_DIR under
// /out/, TimelineJS under /tl/, vis-timeline under /vis/ and two host pages.
// Every request to any other host is refused and reported: the pages must
// work offline. Console errors, uncaught exceptions and failed requests of
// each page are reported too.

import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const [outDir, shotsDir, executablePath] = process.argv.slice(2);
if (!outDir || !shotsDir || !executablePath) {
  console.error('usage: node check.mjs OUTPUT_DIR SHOTS_DIR CHROMIUM');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(here, 'node_modules');
const roots = {
  '/out/': path.resolve(outDir),
  '/tl/': path.join(modules, '@knight-lab', 'timelinejs', 'dist'),
  '/vis/': path.join(modules, 'vis-timeline', 'standalone', 'umd'),
};
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff': 'font/woff', '.woff2': 'font/woff2',
  '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject', '.map': 'application/json',
};

const pages = {
  '/tljs.html': `<!DOCTYPE html><html><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="/tl/css/timeline.css">
<script src="/tl/js/timeline.js"></script>
<style>html,body{margin:0;height:100%}#tl{width:100%;height:640px}</style></head>
<body><div id="tl"></div><script>
fetch('/out/timelinejs.json').then(function (r) { return r.json(); }).then(function (data) {
  window.timeline = new TL.Timeline('tl', data, {
    hash_bookmark: false, script_path: location.origin + '/tl/js/',
    // The default font sheet imports web fonts from a CDN; the page must work offline.
    font: null,
  });
  window.timeline.on('loaded', function () { document.documentElement.dataset.ready = 'true'; });
}).catch(function (e) { console.error('timelinejs.json: ' + e); });
</script></body></html>`,
  '/vis.html': `<!DOCTYPE html><html><head><meta charset="utf-8"><title>vis-timeline</title>
<script src="/vis/vis-timeline-graph2d.min.js"></script>
<style>body{margin:0;font:14px sans-serif}#vis{width:100%}</style></head>
<body><div id="vis"></div><script>
fetch('/out/vis-timeline.json').then(function (r) { return r.json(); }).then(function (data) {
  var items = new vis.DataSet(data.items), groups = new vis.DataSet(data.groups);
  window.tl = new vis.Timeline(document.getElementById('vis'), items, groups,
    { stack: true, zoomMin: 3600000, orientation: 'top' });
  // Ready once the window shows every item.
  var first = Math.min.apply(null, data.items.map(function (i) { return Date.parse(i.start); }));
  var last = Math.max.apply(null, data.items.map(function (i) { return Date.parse(i.end || i.start); }));
  window.tl.on('changed', function () {
    var w = window.tl.getWindow();
    if (w.start.valueOf() <= first && w.end.valueOf() >= last) document.documentElement.dataset.ready = 'true';
  });
  window.tl.fit({ animation: false });
}).catch(function (e) { console.error('vis-timeline.json: ' + e); });
</script></body></html>`,
};

const served = [];
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  served.push(url.pathname);
  if (pages[url.pathname]) {
    res.writeHead(200, { 'content-type': types['.html'] });
    res.end(pages[url.pathname]);
    return;
  }
  for (const [prefix, root] of Object.entries(roots)) {
    if (!url.pathname.startsWith(prefix)) continue;
    const file = path.join(root, decodeURIComponent(url.pathname.slice(prefix.length)));
    if (!file.startsWith(root + path.sep)) break;
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404);
        res.end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    });
    return;
  }
  res.writeHead(404);
  res.end('not found');
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chronicler-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const external = [];
await context.route('**/*', (route) => {
  const u = new URL(route.request().url());
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.hostname === '127.0.0.1') return route.continue();
  external.push(route.request().url());
  return route.abort();
});

/// Opens `url` in a fresh page that records its problems.
async function open(url) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

const shot = (name) => path.join(shotsDir, name);
const result = { base, screenshots: [] };
fs.mkdirSync(shotsDir, { recursive: true });
const waitMs = 20000;
context.setDefaultTimeout(waitMs);

/// Runs one part; a part that throws is reported as failed and the rest go on.
async function section(name, fn) {
  try {
    await fn();
  } catch (e) {
    result.failed = result.failed || {};
    result.failed[name] = String(e && e.message || e);
  }
}

// 1. The review page.
await section('html', async () => {
  const { page, problems } = await open(`${base}/out/timeline.html`);
  result.html = { problems };
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  const r = await page.evaluate(() => {
    const visible = (el) => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
    const events = Array.from(document.querySelectorAll('#axis .event')).map((e) => ({
      id: e.id.replace(/^ev-/, ''),
      visible: visible(e),
      top: e.getBoundingClientRect().top + window.scrollY,
      start: e.dataset.start,
      gran: e.dataset.gran,
      headline: e.querySelector('h3').textContent,
      words: Array.from(e.querySelectorAll('.cite mark')).map((m) => m.textContent),
      documents: Array.from(e.querySelectorAll('.cite')).map((c) => c.dataset.doc),
      conflict: e.classList.contains('has-conflict'),
      assumption: e.classList.contains('has-assumption'),
    }));
    return {
      events,
      points: document.querySelectorAll('#axis .dotmark').length,
      spans: document.querySelectorAll('#axis .spanbar').length,
      tableRows: document.querySelectorAll('#table tbody tr').length,
      laidOut: document.getElementById('axis').classList.contains('laid-out'),
      height: document.getElementById('axis').offsetHeight,
    };
  });
  Object.assign(result.html, r);
  await page.screenshot({ path: shot('timeline.png'), fullPage: true });
  result.screenshots.push(shot('timeline.png'));

  // Click a card: the panel shows its quoted words and articles.
  const target = r.events.find((e) => e.conflict) || r.events.find((e) => e.words.length > 1) || r.events[0];
  await page.click(`#ev-${target.id}`);
  await page.waitForSelector('#detail:not([hidden])');
  result.html.detail = await page.evaluate(() => ({
    marks: Array.from(document.querySelectorAll('#detail-body mark')).map((m) => m.textContent),
    documents: Array.from(document.querySelectorAll('#detail-body .cite')).map((c) => c.dataset.doc),
  }));
  result.html.detailFor = target.id;
  await page.screenshot({ path: shot('timeline-detail.png') });
  result.screenshots.push(shot('timeline-detail.png'));
  await page.keyboard.press('Escape');

  // Hovering shows the words (the card's title).
  result.html.hover = await page.getAttribute(`#ev-${target.id}`, 'title');

  // The table: sort by sources (descending after two clicks), filter by a source.
  await page.click('#show-table');
  const th = page.locator('#table th', { hasText: 'Sources' });
  await th.click();
  await th.click();
  result.html.sortedSources = await page.$$eval('#table tbody tr', (rows) => rows.map((r) => Number(r.cells[4].textContent)));
  const options = await page.$$eval('#source option', (os) => os.map((o) => o.value).filter(Boolean));
  result.html.sources = options;
  await page.selectOption('#source', options[0]);
  result.html.filtered = {
    source: options[0],
    rows: await page.$$eval('#table tbody tr:not([hidden])', (rows) => rows.map((r) => r.dataset.row)),
  };
  await page.screenshot({ path: shot('table.png'), fullPage: true });
  result.screenshots.push(shot('table.png'));
  await page.selectOption('#source', '');
  await page.click('#show-axis');

  // Print: the citations are spelled out.
  await page.emulateMedia({ media: 'print' });
  result.html.printCitesShown = await page.$$eval('#axis .event .cites', (cs) => cs.filter((c) => getComputedStyle(c).display !== 'none').length);
  await page.screenshot({ path: shot('print.png') });
  result.screenshots.push(shot('print.png'));
  await page.pdf({ path: shot('timeline.pdf'), format: 'A4', printBackground: true });
  result.html.pdfBytes = fs.statSync(shot('timeline.pdf')).size;
  await page.close();
});

// 2. TimelineJS with timelinejs.json.
await section('timelinejs', async () => {
  const { page, problems } = await open(`${base}/tljs.html`);
  result.timelinejs = { problems };
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  await page.waitForSelector('.tl-slide');
  Object.assign(result.timelinejs, await page.evaluate(() => ({
    slides: document.querySelectorAll('.tl-slide:not(.tl-slide-titleslide)').length,
    ids: Array.from(document.querySelectorAll('.tl-slide:not(.tl-slide-titleslide)')).map((s) => s.id),
    markers: document.querySelectorAll('.tl-timemarker').length,
    headline: (document.querySelector('.tl-slide .tl-headline') || {}).textContent || '',
  })));
  await page.screenshot({ path: shot('timelinejs.png') });
  result.screenshots.push(shot('timelinejs.png'));
  // The next slide, once TimelineJS has moved to it.
  await page.click('.tl-slidenav-next');
  await page.waitForFunction((id) => window.timeline.current_id === id, result.timelinejs.ids[1]);
  // … and its marker has slid to the middle of the time navigation.
  await page.waitForFunction(() => {
    const m = document.querySelector('.tl-timemarker-active');
    return m && Math.abs(m.getBoundingClientRect().left - window.innerWidth / 2) < 2;
  });
  await page.screenshot({ path: shot('timelinejs-next.png') });
  result.screenshots.push(shot('timelinejs-next.png'));
  await page.close();
});

// 3. vis-timeline with vis-timeline.json.
await section('vis', async () => {
  const { page, problems } = await open(`${base}/vis.html`);
  result.vis = { problems };
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  await page.waitForSelector('.vis-item');
  Object.assign(result.vis, await page.evaluate(() => ({
    items: document.querySelectorAll('.vis-item').length,
    ranges: document.querySelectorAll('.vis-item.vis-range').length,
    groups: document.querySelectorAll('.vis-label').length,
    contents: Array.from(document.querySelectorAll('.vis-item .vis-item-content')).map((c) => c.textContent),
  })));
  await page.screenshot({ path: shot('vis-timeline.png'), fullPage: true });
  result.screenshots.push(shot('vis-timeline.png'));
  await page.close();
});

result.external = external;
result.served = served.length;
await context.close();
server.close();
fs.rmSync(profile, { recursive: true, force: true });
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
