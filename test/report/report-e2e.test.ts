// End to end: real configs -> real parser and verifier -> HTML report -> headless Chromium.
// Needs Debian's chromium at /usr/bin/chromium (`.ci/run` installs it). Screenshots land in
// test-artifacts/ (git-ignored) for people to look at.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, referenceLab, summarizedLab, withoutLine, writeReport } from './e2e-labs.js';

// Debian's chromium by default; CI runners that ship another build name it in HUBSPOKE_CHROMIUM.
const CHROMIUM = process.env.HUBSPOKE_CHROMIUM ?? '/usr/bin/chromium';
const FAKE_KEY = 'FAKE-lab-psk-4b1d9e';

let context: BrowserContext;
let userDataDir: string;
const outsideRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `report e2e: ${CHROMIUM} is missing; install Debian's chromium (apt-get install -y chromium), as .ci/run does`,
    );
  }
  userDataDir = mkdtempSync(join(tmpdir(), 'hubspoke-report-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // The report must open without network access: record (and refuse) anything but the file itself.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file://')) return route.continue();
    outsideRequests.push(url);
    return route.abort();
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(path).href);
  expect(errors).toEqual([]);
  return page;
}

describe('HTML report in a browser', () => {
  it('shows the reference lab proven: 12 green cells, the topology, no key and no network access', async () => {
    // GIVEN the reference lab's configs (with a fake key) proven by the real verifier
    const { path, html } = await writeReport(referenceLab(FAKE_KEY), 'report-reference-lab');
    // WHEN the report is opened in Chromium
    const page = await open(path);
    // THEN the matrix shows 12 green cells and no red one, and the verdict is PROVEN
    await expect.poll(() => page.locator('table.matrix td.cell.ok').count()).toBe(12);
    expect(await page.locator('table.matrix td.cell.broken').count()).toBe(0);
    expect(await page.locator('#verdict').textContent()).toBe('PROVEN');
    // and the picture shows the hub, three spokes and three green tunnels
    expect(await page.locator('svg.topology g.node').count()).toBe(4);
    expect(await page.locator('svg.topology g.tunnel.ok').count()).toBe(3);
    expect(await page.locator('svg.topology').textContent()).toContain('WAN 10.1.4.1/24 (Ethernet1)');
    // and the key of the configs appears nowhere, and nothing was fetched from outside
    expect(html).not.toContain(FAKE_KEY);
    expect(await page.content()).not.toContain(FAKE_KEY);
    expect(outsideRequests).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'report-reference-lab.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('lets a reader click a broken pair of a mutated lab and see its problem and fix', async () => {
    // GIVEN the lab without the hub ACL line that protects Spoke1 -> Spoke3
    const lab = withoutLine(
      referenceLab(FAKE_KEY),
      'three-spokes/hub.cfg',
      'access-list 130 permit ip 172.16.1.0 0.0.0.255 172.16.2.0 0.0.0.255',
    );
    const { path, result } = await writeReport(lab, 'report-broken-lab');
    const broken = result.pairs.filter((p) => !p.covered);
    expect(broken.length).toBeGreaterThan(0);
    const page = await open(path);
    // WHEN the reader clicks the red cell Spoke1 -> Spoke3
    const cell = page.locator('table.matrix td.cell.broken[title^="Spoke1 172.16.1.0/24 → Spoke3"]');
    expect(await cell.count()).toBe(1);
    const target = await cell.getAttribute('data-pair');
    await cell.click();
    // THEN that pair's section opens and shows its problem code, the hub line and the fix hint
    const section = page.locator(`details#${target}`);
    await expect.poll(() => section.getAttribute('open')).not.toBeNull();
    await expect.poll(() => section.locator('li.problem').first().isVisible()).toBe(true);
    const text = (await section.textContent()) ?? '';
    const pair = result.pairs.find((p) => p.from === 'Spoke1' && p.to === 'Spoke3')!;
    for (const q of pair.problems) expect(text).toContain(q.code);
    expect(text).toContain('three-spokes/hub.cfg:');
    expect(text).toContain('Fix:');
    expect(await page.locator('#verdict').textContent()).toBe('NOT PROVEN');
    expect(await page.locator('svg.topology g.tunnel.broken').count()).toBeGreaterThan(0);
    expect(await page.content()).not.toContain(FAKE_KEY);
    await page.screenshot({ path: join(ARTIFACTS, 'report-broken-lab.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('summarizes a 200-spoke network and stays responsive to clicks', async () => {
    // GIVEN a summarized hub with 200 spokes, one of which lost its route to the site pool
    const key = (i: number): string => `FAKE-summarized-key-${String(i).padStart(3, '0')}-x9`;
    const lab = withoutLine(summarizedLab(200, key), 'spoke007.cfg', 'ip route 10.0.0.0 255.0.0.0 GigabitEthernet1');
    const { path, html, result } = await writeReport(lab, 'report-200-spokes', { brokenOnly: true });
    expect(result.summary.pairs).toBe(201 * 200);
    expect(result.summary.broken).toBeGreaterThan(0);
    // WHEN the report is opened
    const page = await open(path);
    await page.screenshot({ path: join(ARTIFACTS, 'report-200-spokes-top.png') });
    // THEN the picture shows the hub and 12 spoke groups, the matrix 13 x 13 group cells
    expect(await page.locator('svg.topology g.node').count()).toBe(13);
    expect(await page.locator('table.matrix.groups td.cell').count()).toBe(13 * 13);
    // and clicking the red group cell filters the broken-pair list (expect.poll's own timeout catches a hung page)
    const groupCell = page.locator('table.matrix.groups td.cell.broken').first();
    await groupCell.click();
    await expect.poll(() => page.locator('#filter-note').isVisible()).toBe(true);
    const visibleRows = await page.locator('table.broken-list tbody tr:not(.filtered-out)').count();
    expect(visibleRows).toBeGreaterThan(0);
    // and clicking a listed pair opens its detail with the problem
    const row = page.locator('table.broken-list tbody tr:not(.filtered-out)').first();
    const target = await row.getAttribute('data-pair');
    await row.click();
    await expect.poll(() => page.locator(`details#${target}`).getAttribute('open')).not.toBeNull();
    expect(await page.locator(`details#${target} li.problem`).first().textContent()).toMatch(/NO_ROUTE|error/);
    // and a group node opens its member list
    await page.locator('svg.topology g.node.group').first().click();
    await expect.poll(() => page.locator('details.group[open]').count()).toBe(1);
    expect(html).not.toContain(key(7));
    expect(outsideRequests).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'report-200-spokes-after-clicks.png') });
    await page.close();
  }, 120_000);
});
