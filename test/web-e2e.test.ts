import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotGrantedSource } from '../api/granted/index.js';
import { type LocalApi, startLocalApi } from '../api/local.js';
import { alertIdOf } from '../stream/alerts/index.js';
import { type DevStack, startDevStack } from '../stream/dev/index.js';
import { launchChromium, requireChromium } from './helpers/browser.js';
import { runCli } from './helpers/run-cli.js';

/**
 * The whole local product in a real headless Chromium: dev stack (kinesalite → poller → consumer → dynalite), the
 * API with its token, the built UI (dist/web, built by the global setup), and records sent with `iamlp replay`
 * exactly as a user would. Screenshots land in artifacts/screenshots/e2e-*.png.
 */
const root = resolve(import.meta.dirname, '..');
const shots = join(root, 'artifacts', 'screenshots');
const chromiumLookup = requireChromium('end-to-end browser tests (test/web-e2e.test.ts)');

const ATTACKER = 'arn:aws:iam::123456789012:user/e2e-attacker';
const SCRIPT = '<script>window.__xss="script"</script>';
const IMG = '<img src=x onerror="window.__xss=\'img\'">';

/** A CloudTrail record of the e2e principal. */
function event(id: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAE2EATTACKER000001',
      arn: ATTACKER,
      accountId: '123456789012',
      userName: 'e2e-attacker',
    },
    eventTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.7',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: null,
    responseElements: null,
    eventID: id,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '123456789012',
    ...fields,
  };
}

describe.skipIf(!chromiumLookup.found)('dashboard end to end (dev stack + API + UI in Chromium)', () => {
  let cwd: string;
  let stack: DevStack;
  let api: LocalApi;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const dialogs: string[] = [];

  /** Sends records through `iamlp replay` into the running stack, found through its stack file. */
  async function replay(name: string, records: readonly Record<string, unknown>[]): Promise<void> {
    const file = join(cwd, name);
    await writeFile(file, JSON.stringify({ Records: records }));
    const run = await runCli(['replay', file, '--quiet'], { cwd });
    expect(run.code, run.stderr).toBe(0);
  }

  beforeAll(async () => {
    if (!chromiumLookup.found) throw new Error(chromiumLookup.reason);
    cwd = await mkdtemp(join(tmpdir(), 'iamlp-e2e-'));
    await mkdir(shots, { recursive: true });
    stack = await startDevStack({
      stackFile: join(cwd, 'artifacts', 'dev-stack.json'),
      attach: async (pipeline) => {
        api = await startLocalApi(pipeline, {
          version: 'e2e',
          webRoot: join(root, 'dist', 'web'),
          granted: new SnapshotGrantedSource(join(root, 'fixtures/granted/authorization-details.json')),
        });
        return api;
      },
    });
    const run = await runCli(['replay', join(root, 'fixtures/edge'), '--quiet'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    browser = await launchChromium(chromiumLookup.executablePath);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('opens the dashboard with the printed URL and shows the replayed principals', async () => {
    await page.goto(api.dashboardUrl);
    await page.locator('[data-principal]').first().waitFor({ timeout: 15_000 });
    expect(page.url()).not.toContain(api.token);
    await expect
      .poll(() => page.locator('[data-stat="events"] .tile-value').textContent(), { timeout: 15_000 })
      .not.toBe('0');
    await page.screenshot({ path: join(shots, 'e2e-dashboard.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('shows a new high-risk first use in the alert feed within a poll interval of it being stored', async () => {
    await replay('alert.json', [
      event('e2e-alert-1', {
        eventSource: 'iam.amazonaws.com',
        eventName: 'CreateAccessKey',
        requestParameters: { userName: 'victim' },
      }),
    ]);
    const id = alertIdOf('first-use', ATTACKER, 'iam:CreateAccessKey');
    const alert = page.locator(`[data-alert-id="${id}"]`);
    // Pipeline (batching window 0.5 s) + API refresh (1 s) + one UI poll (3 s), with room for a loaded machine.
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.getAttribute('data-new')).not.toBeNull();
    expect(await alert.textContent()).toContain('iam:CreateAccessKey');
    await page.screenshot({ path: join(shots, 'e2e-alert.png') });
  });

  it('opens the principal and downloads a policy equal to what /generate drafts', async () => {
    await page.locator(`[data-principal="${ATTACKER}"] a`).first().click();
    await page.locator('[data-panel="policy"] [data-action="download"]').waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-panel="policy"] [data-action="download"]'),
    ]);
    const saved = JSON.parse(await readFile((await download.path()) as string, 'utf8'));
    const res = await fetch(`${api.url}/generate?principal=${encodeURIComponent(ATTACKER)}`, {
      headers: { authorization: `Bearer ${api.token}` },
    });
    const drafted = (await res.json()) as { documents: unknown[] };
    expect(saved).toEqual(drafted.documents.length === 1 ? drafted.documents[0] : drafted.documents);
    expect(JSON.stringify(saved)).toContain('iam:CreateAccessKey');
    // The simulation of that draft against the recorded calls: nothing the principal did is lost.
    const simulation = page.locator('[data-panel="simulation"]');
    await simulation.locator('[data-metric="allowed-actions"]').waitFor({ timeout: 15_000 });
    expect(await simulation.locator('[data-regressions]').getAttribute('data-regressions')).toBe('0');
    await page.screenshot({ path: join(shots, 'e2e-principal.png'), fullPage: true });
  });

  it('renders hostile principal, resource and userAgent strings as text, executing nothing', async () => {
    // CloudTrail fields are attacker-controlled: these reach the principals table, the alert feed, the
    // principal page, the usage table and the drafted policy verbatim.
    const hostile = `arn:aws:iam::123456789012:user/e2e-${IMG}`;
    await replay('hostile.json', [
      event('e2e-hostile-1', {
        userIdentity: {
          type: 'IAMUser',
          principalId: 'AIDAE2EHOSTILE0000001',
          arn: hostile,
          accountId: '123456789012',
        },
        eventSource: 'iam.amazonaws.com',
        eventName: 'CreateAccessKey',
        userAgent: `${SCRIPT}${IMG}`,
        requestParameters: { userName: `v${SCRIPT}` },
      }),
    ]);
    await page.goto(`${api.url}/#/`);
    const row = page.locator(`[data-principal="${hostile.replace(/"/g, '\\"')}"]`);
    await row.first().waitFor({ timeout: 15_000 });
    const alert = page.locator(`[data-alert-id="${alertIdOf('first-use', hostile, 'iam:CreateAccessKey')}"]`);
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain(IMG);
    await page.screenshot({ path: join(shots, 'e2e-hostile-dashboard.png'), fullPage: true });
    await row.locator('a').first().click();
    const usage = page.locator('[data-panel="usage"]');
    await expect.poll(() => usage.textContent(), { timeout: 15_000 }).toContain(`user/v${SCRIPT}`);
    expect(await page.locator('h1').first().textContent()).toContain(IMG);
    expect(await page.locator('[data-panel="policy"]').textContent()).toContain(
      'user/v<script>window.__xss=',
    );
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await page.locator('img[src="x"], main script, [data-panel] script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(shots, 'e2e-hostile-principal.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
