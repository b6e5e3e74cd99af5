import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BuildReport, buildWeb } from '../web/build.js';
import {
  alertFor,
  PAYLOAD_IMG,
  PAYLOAD_SCRIPT,
  policyOf,
  STUB_PRINCIPALS,
  type StubPrincipal,
} from '../web/test-support.js';
import { launchChromium, requireChromium } from './helpers/browser.js';
import { startWebStub, type WebStub } from './helpers/web-stub-server.js';

/**
 * The web UI in headless Chromium against a contract-validated stub API: every designed state (loading, data,
 * empty, unreachable, 401), live polling with ETags, the principal page, policy download, and hostile strings.
 * Screenshots land in artifacts/screenshots for review.
 */
const POLL_MS = 1000;
const shots = resolve(import.meta.dirname, '..', 'artifacts', 'screenshots');
const chromiumLookup = requireChromium('web UI tests (test/web-ui.test.ts)');

function stubPrincipal(index: number): StubPrincipal {
  const principal = STUB_PRINCIPALS[index];
  if (principal === undefined) throw new Error(`no stub principal ${index}`);
  return principal;
}

describe.skipIf(!chromiumLookup.found)('web UI in Chromium', () => {
  let outDir: string;
  let report: BuildReport;
  let stub: WebStub;
  let browser: Browser;
  let context: BrowserContext;
  let problems: string[];
  let dialogs: string[];

  beforeAll(async () => {
    if (!chromiumLookup.found) throw new Error(chromiumLookup.reason);
    outDir = await mkdtemp(join(tmpdir(), 'iamlp-web-'));
    report = await buildWeb({ outDir });
    await mkdir(shots, { recursive: true });
    stub = await startWebStub({ webDir: outDir, pollIntervalMs: POLL_MS });
    browser = await launchChromium(chromiumLookup.executablePath);
  });

  afterAll(async () => {
    await browser?.close();
    await stub?.close();
    if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    Object.assign(stub.state, { mode: 'normal', delayMs: 0, principals: [...STUB_PRINCIPALS] });
    stub.state.alerts.splice(0, Infinity, alertFor(stubPrincipal(0), 0), alertFor(stubPrincipal(2), 1));
    stub.requests.length = 0;
    problems = [];
    dialogs = [];
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  });

  afterEach(async () => {
    await context.close();
    expect(stub.violations).toEqual([]);
  });

  /** Opens a route; `token: null` opens it without a token, as a stale bookmark would. */
  async function open(route = '#/', token: string | null = stub.token): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const fragment = token === null ? route : `${route}&token=${encodeURIComponent(token)}`;
    await page.goto(`${stub.url}/${fragment}`);
    return page;
  }

  it('builds within the 100 KB gzip budget with a strict Content-Security-Policy', async () => {
    expect(report.withinBudget).toBe(true);
    expect(report.totalGzipBytes).toBeLessThan(100 * 1024);
    const html = await readFile(join(outDir, 'index.html'), 'utf8');
    expect(html).toContain("script-src 'self'");
    expect(html).not.toMatch(/unsafe-inline|<script>|style=/);
  });

  it('shows a loading state, then the dashboard data, and moves the token out of the address bar', async () => {
    stub.state.delayMs = 1200;
    const page = await open();
    await expect.poll(() => page.locator('.state-loading').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, 'loading.png') });
    await page.locator('[data-principal]').first().waitFor();
    stub.state.delayMs = 0;
    expect(await page.locator('[data-principal]').count()).toBe(4);
    expect(await page.locator('[data-stat="events"] .tile-value').textContent()).toBe('16.5K');
    expect(await page.locator('[data-stat="lag"] .tile-value').textContent()).toBe('840 ms');
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate("sessionStorage.getItem('iamlp.token')")).toBe(stub.token);
    await expect.poll(() => page.locator('.indicator').textContent()).toMatch(/^Live/);
    await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('revalidates with If-None-Match every poll and a 304 re-renders nothing', async () => {
    const page = await open();
    await page.locator('[data-principal]').first().waitFor();
    await page.evaluate(`(() => {
      window.__mutations = 0;
      const target = document.querySelector('[data-panel="principals"] .table-wrap');
      new MutationObserver((records) => { window.__mutations += records.length; }).observe(target, { childList: true });
    })()`);
    const before = stub.requests.length;
    const polls = () =>
      stub.requests.slice(before).filter((request) => request.path.startsWith('/principals?'));
    await expect.poll(() => polls().length, { timeout: POLL_MS * 5 }).toBeGreaterThanOrEqual(2);
    expect(polls().every((request) => request.conditional && request.status === 304)).toBe(true);
    expect(await page.evaluate('window.__mutations')).toBe(0);
  });

  it('filters by text, type and account and sorts by column', async () => {
    const page = await open();
    const rows = page.locator('[data-principal]');
    await rows.first().waitFor();
    await page.fill('#filter-q', 'alice');
    await expect.poll(() => rows.count()).toBe(1);
    await page.fill('#filter-q', '');
    await page.selectOption('#filter-type', 'aws-service');
    await expect.poll(() => rows.first().getAttribute('data-principal')).toBe('lambda.amazonaws.com');
    await page.selectOption('#filter-type', '');
    await page.fill('#filter-account', '210987654321');
    await expect.poll(() => rows.count()).toBe(1);
    await page.fill('#filter-account', '');
    await page.click('button[data-sort="events"]');
    await expect.poll(() => rows.first().getAttribute('data-principal')).toBe(stubPrincipal(0).item.arn);
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Events');
  });

  it('explains the empty state', async () => {
    stub.state.mode = 'empty';
    const page = await open();
    const empty = page.locator('[data-state="empty"]');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('npm start');
    expect(await page.locator('[data-panel="alerts"]').textContent()).toContain('No high-risk alerts');
    await page.screenshot({ path: join(shots, 'empty.png'), fullPage: true });
  });

  it('shows an unreachable API with backoff, keeps the last data, and recovers', async () => {
    const page = await open();
    await page.locator('[data-principal]').first().waitFor();
    stub.state.mode = 'unreachable';
    const banner = page.locator('[data-banner="unreachable"]');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).toMatch(/Retrying in \d+ s .*last successful update \d\d:\d\d:\d\d/);
    expect(await page.locator('[data-principal]').count()).toBe(4);
    await page.screenshot({ path: join(shots, 'unreachable.png') });
    stub.state.mode = 'error';
    await page.click('[data-banner] button');
    await expect.poll(() => stub.requests.some((request) => request.status === 500)).toBe(true);
    stub.state.mode = 'normal';
    await page.click('[data-banner] button');
    await banner.waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('.indicator').textContent()).toMatch(/^Live/);
  });

  it('shows the failed first load as an error in each panel', async () => {
    stub.state.mode = 'error';
    const page = await open();
    await page.locator('[data-panel="principals"] .state-error').waitFor();
    expect(await page.locator('[data-banner]').textContent()).toContain('no successful update yet');
    expect(await page.locator('[data-panel="principals"] .state-error').textContent()).toContain(
      '500 INTERNAL',
    );
    await page.screenshot({ path: join(shots, 'error.png') });
  });

  it('shows the sign-in state on 401, for a missing and for an expired token', async () => {
    const page = await open('#/', null);
    const state = page.locator('[data-state="unauthorized"]');
    await state.waitFor();
    expect(await state.textContent()).toContain('Token missing');
    expect(await state.textContent()).toContain('npm start');
    await page.screenshot({ path: join(shots, 'unauthorized.png') });
    const expired = await open('#/', 'not-the-token');
    await expired.locator('[data-state="unauthorized"]').waitFor();
    expect(await expired.locator('h1').textContent()).toBe('Your token has expired');
  });

  it('shows a new alert within one poll interval, marked new until marked seen', async () => {
    const page = await open();
    await page.locator('[data-alert-id="alert-1"]').waitFor();
    expect(await page.locator('[data-alert-id][data-new]').count()).toBe(0);
    const added = Date.now();
    stub.state.alerts.push(alertFor(stubPrincipal(1), 2));
    await page.locator('[data-alert-id="alert-2"][data-new]').waitFor({ timeout: POLL_MS + 2000 });
    expect(Date.now() - added).toBeLessThanOrEqual(POLL_MS + 2000);
    expect(await page.locator('[data-new-count]').textContent()).toBe('1 new');
    expect(await page.locator('.alert').first().getAttribute('data-alert-id')).toBe('alert-2');
    await page.screenshot({ path: join(shots, 'new-alert.png') });
    await page.click('text=Mark all seen');
    expect(await page.locator('[data-alert-id][data-new]').count()).toBe(0);
  });

  it('renders a principal: drift, timeline, usage pages and the drafted policy', async () => {
    const target = stubPrincipal(0);
    const page = await open();
    await page.click(`[data-principal="${target.item.arn}"] a.principal-link`);
    await page.locator('[data-score]').waitFor();
    expect(page.url()).toContain(`#/principal/${encodeURIComponent(target.item.arn)}`);
    expect(await page.locator('[data-score]').getAttribute('data-score')).toBe('62');
    expect(await page.locator('[data-section="granted-unused"]').textContent()).toContain('iam:PassRole');
    expect(await page.locator('[data-section="denied"] tbody tr').count()).toBe(2);
    expect(await page.locator('svg.timeline rect.bar-success').count()).toBeGreaterThan(5);
    const usageRows = page.locator('[data-panel="usage"] tbody tr');
    expect(await usageRows.count()).toBe(50);
    await page.click('[data-panel="usage"] button:has-text("Next")');
    await expect.poll(() => usageRows.count()).toBe(14);
    const policy = JSON.parse((await page.locator('[data-panel="policy"] pre').textContent()) ?? '');
    expect(policy).toEqual(policyOf(target).documents[0]);
    const simulation = page.locator('[data-panel="simulation"]');
    await simulation.locator('[data-metric]').first().waitFor();
    expect(await simulation.locator('[data-metric="allowed-actions"] dd').textContent()).toBe(
      `420 → ${policyOf(target).stats.actions}`,
    );
    expect(await simulation.locator('[data-metric="concreteness"] dd').textContent()).toBe('0.0% → 75.0%');
    expect(await simulation.locator('[data-metric="high-risk"] dd').textContent()).toBe('15 → 1');
    expect(await simulation.locator('[data-regressions]').getAttribute('data-regressions')).toBe('0');
    await page.screenshot({ path: join(shots, 'principal.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('downloads and copies the policy as JSON named after the principal', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stub.url });
    const target = stubPrincipal(0);
    const page = await open(`#/principal/${encodeURIComponent(target.item.arn)}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-action="download"]'),
    ]);
    expect(download.suggestedFilename()).toBe('app-deployer-policy.json');
    const saved = await readFile(await download.path(), 'utf8');
    expect(JSON.parse(saved)).toEqual(policyOf(target).documents[0]);
    await page.click('[data-action="copy"]');
    expect(JSON.parse(String(await page.evaluate('navigator.clipboard.readText()')))).toEqual(
      policyOf(target).documents[0],
    );
  });

  it('renders hostile ARNs, resources, reasons and error codes as text without running them', async () => {
    const hostile = stubPrincipal(2);
    const page = await open();
    await page.locator('[data-alert-id="alert-1"]').waitFor();
    expect(await page.locator('[data-panel="principals"]').textContent()).toContain(PAYLOAD_SCRIPT);
    expect(await page.locator('[data-alert-id="alert-1"]').textContent()).toContain(PAYLOAD_IMG);
    await page.evaluate(
      `location.hash = ${JSON.stringify(`#/principal/${encodeURIComponent(hostile.item.arn)}`)}`,
    );
    await page.locator('[data-panel="usage"] tbody tr').first().waitFor();
    await page.locator('[data-panel="policy"] pre').waitFor();
    expect(await page.locator('[data-arn]').textContent()).toBe(hostile.item.arn);
    expect(await page.locator('[data-panel="usage"]').textContent()).toContain(PAYLOAD_SCRIPT);
    expect(await page.locator('[data-panel="drift"]').textContent()).toContain(PAYLOAD_IMG);
    await page.locator('[data-regressions="1"]').waitFor();
    expect(await page.locator('[data-regressions="1"]').textContent()).toContain(PAYLOAD_SCRIPT);
    expect(await page.locator('main img, main script, main [onerror]').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(shots, 'hostile-principal.png'), fullPage: true });
  });

  it('lists all alerts on the alerts page and loads older ones', async () => {
    const more = Array.from({ length: 118 }, (_, index) => alertFor(stubPrincipal(index % 2), index + 2));
    stub.state.alerts.push(...more);
    const page = await open('#/alerts');
    await expect.poll(() => page.locator('.alert').count()).toBe(100);
    await page.click('text=Load older alerts');
    await expect.poll(() => page.locator('.alert').count()).toBe(120);
    expect(await page.locator('[data-alert-id][data-new]').count()).toBe(0);
  });

  it('says so when a principal has no events', async () => {
    const page = await open(`#/principal/${encodeURIComponent('arn:aws:iam::123456789012:role/ghost')}`);
    await page.locator('text=iamlp has no events for this principal.').waitFor();
    expect(await page.locator('[data-panel="usage"]').textContent()).toContain('Not found');
  });

  it('lays out on a narrow screen in dark mode without horizontal scrolling', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    const page = await open();
    await page.locator('[data-principal]').first().waitFor();
    const overflow = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
    expect(await page.evaluate(overflow)).toBe(0);
    await page.screenshot({ path: join(shots, 'narrow-dark-dashboard.png'), fullPage: true });
    await page.evaluate(
      `location.hash = ${JSON.stringify(`#/principal/${encodeURIComponent(stubPrincipal(0).item.arn)}`)}`,
    );
    await page.locator('[data-panel="policy"] pre').waitFor();
    expect(await page.evaluate(overflow)).toBe(0);
    await page.screenshot({ path: join(shots, 'narrow-dark-principal.png') });
  });
});
