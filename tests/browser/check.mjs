// Loads Chronicler's outputs in a real, headless Chromium and reports what it
// saw as JSON on stdout; tests/browser.rs runs it and makes the assertions.
//
//   node check.mjs OUTPUT_DIR SHOTS_DIR CHROMIUM [full|page]
//
// `full` (the default) checks the review page, TimelineJS and vis-timeline;
// `page` only the review page (for the generated 900-row story).
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

const [outDir, shotsDir, executablePath, mode = 'full'] = process.argv.slice(2);
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
  '/axe/': path.join(modules, 'axe-core'),
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

// What the review page shows now: rows, counts, and whether the header
// counts agree with them. Runs in the page.
function pageState() {
  const visible = (el) => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
  const cards = Array.from(document.querySelectorAll('#axis .event'));
  const shown = cards.filter(visible);
  const union = (attr) => new Set(shown.flatMap((c) => c.dataset[attr].split(' ').filter(Boolean)));
  const tableView = !document.getElementById('table-view').hidden;
  const rowsShown = Array.from(document.querySelectorAll('#table tbody tr')).filter((r) => !r.hidden && r.querySelector('a'));
  const num = (id) => parseInt(document.getElementById(id).textContent, 10);
  return {
    scope: (document.querySelector('input[name=scope]:checked') || {}).value,
    shown: shown.map((c) => c.id.slice(3)),
    top: shown.filter((c) => c.dataset.top).length,
    header: { shown: num('n-shown'), days: num('n-days'), conflicts: num('n-conflicts'), assumptions: num('n-assumptions') },
    actual: {
      shown: shown.length,
      days: new Set(shown.map((c) => c.closest('li.group').id)).size,
      conflicts: union('conflicts').size,
      assumptions: union('assumptions').size,
      // rows of the table view follow the same filters (only dated rows: the axis has no others)
      table: rowsShown.filter((r) => document.getElementById('ev-' + r.dataset.row)).length,
    },
    findings: {
      conflicts: document.querySelectorAll('#findings li[id^="conflict-"]:not([hidden])').length,
      assumptions: document.querySelectorAll('#findings li[id^="assumption-"]:not([hidden])').length,
    },
    tableView,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  };
}

// Boxes of date labels, gap labels and cards that overlap one another.
function overlaps() {
  const boxes = [];
  const add = (sel, kind) => document.querySelectorAll(sel).forEach((el) => {
    const b = el.getBoundingClientRect();
    if (b.width > 0 && b.height > 0) boxes.push({ kind, id: el.id || el.textContent.slice(0, 40), t: b.top + scrollY, b: b.bottom + scrollY, l: b.left, r: b.right });
  });
  add('#axis .event', 'card');
  add('#axis .gap span', 'gap');
  add('#axis .group > .when', 'date');
  add('#axis .group > .more', 'more');
  boxes.sort((a, b) => a.t - b.t);
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j].t < boxes[i].b - 0.5; j++) {
      const a = boxes[i], c = boxes[j];
      if (a.l < c.r - 0.5 && c.l < a.r - 0.5) found.push(`${a.kind} ${a.id} / ${c.kind} ${c.id}`);
    }
  }
  return { boxes: boxes.length, gaps: boxes.filter((b) => b.kind === 'gap').length, found: found.slice(0, 20), count: found.length };
}

async function axe(page) {
  await page.addScriptTag({ url: `${base}/axe/axe.min.js` });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, first: v.nodes[0] && v.nodes[0].target.join(' ') }));
  });
}

const marks = [];
let lastMark = Date.now();
function mark(what) { const now = Date.now(); marks.push(`${what} ${now - lastMark}`); lastMark = now; }

async function settle(page) {
  // the search is debounced; wait for the header to agree with the page
  await page.waitForTimeout(300);
}

// 1. The review page.
await section('html', async () => {
  const t0 = Date.now();
  const { page, problems } = await open(`${base}/out/timeline.html`);
  result.html = { problems };
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  result.html.readyMs = Date.now() - t0;
  const r = await page.evaluate(() => {
    const visible = (el) => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
    const events = Array.from(document.querySelectorAll('#axis .event')).map((e) => ({
      id: e.id.replace(/^ev-/, ''),
      visible: visible(e),
      top: e.getBoundingClientRect().top + window.scrollY,
      start: e.dataset.start,
      gran: e.dataset.gran,
      headline: e.querySelector('h3').textContent,
      credit: e.querySelector('.credit').textContent,
      words: Array.from(e.querySelectorAll('.cite mark')).map((m) => m.textContent),
      documents: Array.from(e.querySelectorAll('.cite')).map((c) => c.dataset.doc),
      links: Array.from(e.querySelectorAll('.cite a[href^="http"]')).map((a) => a.getAttribute('href')),
      conflict: e.classList.contains('has-conflict'),
      assumption: e.classList.contains('has-assumption'),
    }));
    // the first screen: groups whose top is inside the viewport
    const firstScreen = Array.from(document.querySelectorAll('#axis li.group')).filter((g) => {
      const b = g.getBoundingClientRect();
      return b.height > 0 && b.top < window.innerHeight && b.bottom > 0;
    }).map((g) => ({ id: g.id, top: g.hasAttribute('data-top'), label: g.querySelector('.when').textContent }));
    return {
      events,
      firstScreen,
      points: document.querySelectorAll('#axis li.group.point:not([hidden])').length,
      spans: document.querySelectorAll('#axis li.group.span:not([hidden])').length,
      tableRows: document.querySelectorAll('#table tbody tr').length,
      hrefs: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')),
      height: document.documentElement.scrollHeight,
    };
  });
  Object.assign(result.html, r);
  result.html.opening = await page.evaluate(pageState);
  mark('result.html.opening = await pa');
  result.html.overlapOpening = await page.evaluate(overlaps);
  mark('result.html.overlapOpening = a');
  result.html.axe = await axe(page);
  mark('result.html.axe = await axe(pa');
  await page.screenshot({ path: shot(`${mode}-opening.png`) });
  result.screenshots.push(shot(`${mode}-opening.png`));

  // Every happening: the header counts follow, nothing overlaps.
  const t1 = Date.now();
  await page.check('input[name=scope][value=all]');
  result.html.allMs = Date.now() - t1;
  result.html.all = await page.evaluate(pageState);
  result.html.overlapAll = await page.evaluate(overlaps);
  mark('result.html.overlapAll = await');
  await page.screenshot({ path: shot(`${mode}-all.png`), fullPage: mode === 'full' });
  result.screenshots.push(shot(`${mode}-all.png`));

  // Expand the first collapsed day.
  const more = page.locator('#axis .more:not([hidden])').first();
  if (await more.count()) {
    const before = (await page.evaluate(pageState)).actual.shown;
    await more.click();
    result.html.expanded = { before, after: (await page.evaluate(pageState)).actual.shown, state: await page.evaluate(pageState) };
  }

  // Search: a row that the opening did not show, found by words of its headline.
  const target = await page.evaluate(() => {
    const c = Array.from(document.querySelectorAll('#axis .event')).filter((e) => !e.dataset.top).pop()
      || Array.from(document.querySelectorAll('#axis .event')).pop();
    return { id: c.id.slice(3), words: c.querySelector('h3').textContent.split(/\s+/).slice(0, 8).join(' ') };
  });
  await page.check('input[name=scope][value=all]');
  await page.fill('#q', target.words);
  await settle(page);
  const searched = await page.evaluate(pageState);
  result.html.search = { target, state: searched, found: searched.shown.includes(target.id) };
  mark('result.html.search = { target,');
  await page.screenshot({ path: shot(`${mode}-search.png`) });
  result.screenshots.push(shot(`${mode}-search.png`));
  await page.fill('#q', '');
  await settle(page);

  // Filters: by check result, by source.
  await page.selectOption('#check', 'assumption');
  result.html.assumptionFilter = await page.evaluate(pageState);
  await page.selectOption('#check', '');
  const options = await page.$$eval('#source option', (os) => os.map((o) => o.value).filter(Boolean));
  result.html.sources = options;
  const source = options.find((o) => o === 'Reuters') || options[options.length > 1 ? 1 : 0];
  await page.selectOption('#source', source);
  result.html.filtered = {
    source,
    state: await page.evaluate(pageState),
    rows: await page.$$eval('#table tbody tr:not([hidden])', (rows) => rows.map((r) => r.dataset.row)),
  };

  // The table: sort by number of articles (descending after two clicks).
  await page.selectOption('#source', '');
  await page.click('#show-table');
  const th = page.locator('#table th button', { hasText: 'Articles' });
  await th.click();
  await th.click();
  result.html.sortedSources = await page.$$eval('#table tbody tr:not([hidden])', (rows) => rows.map((r) => Number(r.cells[4].textContent)));
  result.html.tableState = await page.evaluate(pageState);
  // axe-core takes tens of seconds over a 900-row table: the seeds' run covers this view.
  if (mode === 'full') result.html.axeTable = await axe(page);
  mark('result.html.axeTable = await a');
  await page.screenshot({ path: shot(`${mode}-table.png`) });
  result.screenshots.push(shot(`${mode}-table.png`));
  await page.click('#show-axis');

  // A link to a row reveals it, whatever the scope and filters.
  if (await page.locator('input[name=scope][value=top]').count()) await page.check('input[name=scope][value=top]');
  await page.fill('#q', 'no row has these words zzqx');
  await settle(page);
  const hiddenId = target.id;
  await page.evaluate((id) => {
    const a = document.createElement('a'); a.href = '#ev-' + id; a.className = 'row-link'; a.textContent = id;
    document.getElementById('findings').appendChild(a);
  }, hiddenId);
  await page.click(`#findings a.row-link[href="#ev-${hiddenId}"]`);
  result.html.revealed = await page.evaluate((id) => {
    const e = document.getElementById('ev-' + id); const b = e.getBoundingClientRect();
    return { visible: b.height > 0, inView: b.top >= 0 && b.bottom <= window.innerHeight + 1, citesOpen: !e.querySelector('.cites').hidden, marks: Array.from(e.querySelectorAll('.cite mark')).map((m) => m.textContent) };
  }, hiddenId);
  result.html.revealedFor = hiddenId;

  // Print: the rows shown, with their citations spelled out.
  await page.emulateMedia({ media: 'print' });
  result.html.print = await page.evaluate(() => {
    const visible = (el) => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
    const cards = Array.from(document.querySelectorAll('#axis .event')).filter(visible);
    return { cards: cards.length, cites: cards.filter((c) => visible(c.querySelector('.cites'))).length, controls: visible(document.querySelector('.controls')) };
  });
  if (mode === 'full') {
    await page.pdf({ path: shot(`${mode}.pdf`), format: 'A4', printBackground: true });
    result.html.pdfBytes = fs.statSync(shot(`${mode}.pdf`)).size;
  }
  mark('result.html.pdfBytes = fs.stat');
  await page.emulateMedia({ media: 'screen' });

  // A phone: nothing wider than the screen, in every view.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/out/timeline.html`);
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  const phone = { opening: await page.evaluate(pageState) };
  await page.screenshot({ path: shot(`${mode}-390.png`) });
  result.screenshots.push(shot(`${mode}-390.png`));
  await page.check('input[name=scope][value=all]');
  await page.evaluate(() => document.querySelectorAll('#axis .event .open').forEach((b, i) => { if (i < 20) b.click(); }));
  await page.evaluate(() => document.querySelectorAll('#findings details').forEach((d) => { d.open = true; }));
  phone.all = await page.evaluate(pageState);
  phone.overlap = await page.evaluate(overlaps);
  mark('phone.overlap = await page.eva');
  await page.screenshot({ path: shot(`${mode}-390-all.png`) });
  result.screenshots.push(shot(`${mode}-390-all.png`));
  await page.click('#show-table');
  phone.table = await page.evaluate(pageState);
  await page.setViewportSize({ width: 360, height: 740 });
  phone.table360 = await page.evaluate(pageState);
  if (mode === 'full') phone.axe = await axe(page);
  mark('phone.axe = await axe(page);');
  result.html.phone = phone;
  await page.close();
});

if (mode === 'full') {
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
    credits: Array.from(document.querySelectorAll('.tl-slide:not(.tl-slide-titleslide)')).map((sl) => (sl.querySelector('.credit') || {}).textContent || ''),
    links: Array.from(document.querySelectorAll('.tl-slide .tl-text-content a[href]')).map((a) => a.getAttribute('href')),
    texts: Array.from(document.querySelectorAll('.tl-slide:not(.tl-slide-titleslide) .tl-text-content')).map((t) => t.textContent),
    images: document.querySelectorAll('.tl-slide .tl-text-content img, .tl-slide .tl-headline img').length,
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

}

result.external = external;
result.marks = marks;
result.served = served.length;
await context.close();
server.close();
fs.rmSync(profile, { recursive: true, force: true });
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
