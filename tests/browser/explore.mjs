// explore.mjs URL [SCREENSHOT_DIR]: a user's walk through `docgraph serve`
// in headless Chromium: the search page, a search for "tinh uy", a result,
// a node of its drawing, and what each page shows. Exits 0 when all is as
// expected, 1 with the reason otherwise.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, shots] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'docgraph-chromium-'));

function check(ok, what) {
  if (!ok) throw new Error(what);
  console.log(`ok: ${what}`);
}

let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1000, height: 720 },
    timeout: 60000,
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });

  // 1. The search page.
  await page.goto(url);
  check(await page.title() === 'Search · docgraph', 'the search page has its title');
  const box = page.locator('input[name=q]');
  check(await box.count() === 1, 'the search page has a search box');

  // 2. Search "tinh uy", as a user types it: no diacritics.
  await box.fill('tinh uy');
  await Promise.all([page.waitForURL(/\?q=tinh\+uy/), box.press('Enter')]);
  const results = page.locator('table#nodes a.node');
  const n = await results.count();
  check(n > 0, `the search finds nodes (${n})`);
  const names = await results.allTextContents();
  check(names.includes('Tỉnh ủy Nghệ An'), '“tinh uy” finds “Tỉnh ủy Nghệ An”');
  if (shots) await page.screenshot({ path: join(shots, 'serve-search.png') });

  // 3. Open a result.
  const result = page.locator('table#nodes a.node', { hasText: 'Tỉnh ủy Nghệ An' }).first();
  const href = await result.getAttribute('href');
  await Promise.all([page.waitForURL('**' + href), result.click()]);
  check(await page.locator('h1#label').textContent() === 'Tỉnh ủy Nghệ An',
        `the result opens its node page (${href})`);
  check(await page.locator('h3.edge-group').count() > 0, 'the node page lists its edges by type');
  const svg = page.locator('#ego svg');
  check(await svg.count() === 1, 'the node page draws its ego view as SVG');
  check(await svg.evaluate((e) => e.getBoundingClientRect().width > 100), 'the drawing is visible');
  if (shots) {
    await page.setViewportSize({ width: 1000, height: 1100 });
    await page.screenshot({ path: join(shots, 'serve-node.png') });
  }

  // 4. Follow a link of the drawing to another node.
  const links = svg.locator('a[href^="/node/"]');
  const m = await links.count();
  check(m > 1, `every node of the drawing is a link (${m})`);
  let target = null;
  for (let i = 0; i < m && !target; i++) {
    const h = await links.nth(i).getAttribute('href');
    if (h !== href) target = links.nth(i);
  }
  check(target !== null, 'the drawing links to other nodes');
  const targetHref = await target.getAttribute('href');
  const tooltip = (await target.getAttribute('xlink:title')) || '';
  await Promise.all([page.waitForURL('**' + targetHref), target.click()]);
  const label = await page.locator('h1#label').textContent();
  check(label.length > 0 && tooltip.startsWith(label),
        `the SVG link opens the page of the node it draws (${targetHref}: ${label})`);
  check(await page.locator('#ego svg a[href="' + href + '"]').count() >= 1,
        'and that page\'s drawing links back to Tỉnh ủy Nghệ An');

  // 5. A document: its implements tree is drawn too.
  await page.goto(new URL('/?q=14-KL/TW', url).href);
  const doc = page.locator('table#nodes a.node').first();
  await Promise.all([page.waitForURL('**/node/*'), doc.click()]);
  check(await page.locator('#implements svg a[href^="/node/"]').count() >= 3,
        'a document page draws its implements tree with links');
  if (shots) await page.screenshot({ path: join(shots, 'serve-document.png') });

  check(problems.length === 0, `no errors in the pages${problems.length ? ': ' + problems.join('; ') : ''}`);

  // 6. A bad id is a 404 page, not a crash.
  const resp = await page.goto(new URL('/node/99999999', url).href);
  check(resp.status() === 404 && (await page.locator('p.error').count()) === 1,
        'a bad id is a 404 page');

  await context.close();
  rmSync(profile, { recursive: true, force: true });
  console.log('browser test: all ok');
} catch (e) {
  console.error(`browser test: FAILED: ${e.message}`);
  if (context) await context.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
  process.exit(1);
}
