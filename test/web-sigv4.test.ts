import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildWeb } from '../web/build.js';
import { STUB_PRINCIPALS } from '../web/test-support.js';
import { launchChromium, requireChromium } from './helpers/browser.js';
import { NodeSha256, STUB_AWS_CREDENTIALS, startWebStub, type WebStub } from './helpers/web-stub-server.js';

/**
 * The web UI of a deployment with IAM authorization (config.json `auth: "sigv4"`), in headless Chromium against the
 * stub acting as API Gateway: it verifies every request's SigV4 signature by recomputing it with
 * `@smithy/signature-v4`. Sign-in with pasted credentials, signed GETs and POSTs, expiry and sign-out.
 */
const POLL_MS = 1000;
const shots = resolve(import.meta.dirname, '..', 'artifacts', 'screenshots');
const chromiumLookup = requireChromium('web SigV4 tests (test/web-sigv4.test.ts)');
const { accessKeyId, secretAccessKey, sessionToken } = STUB_AWS_CREDENTIALS;

/** What `aws configure export-credentials --format process` prints, expiring `inMs` from now. */
function exported(inMs = 60 * 60 * 1000): string {
  // Whole seconds, rounded up: the credentials last at least `inMs`.
  const expiration = new Date(Math.ceil((Date.now() + inMs) / 1000) * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, '+00:00');
  return JSON.stringify(
    {
      Version: 1,
      AccessKeyId: accessKeyId,
      SecretAccessKey: secretAccessKey,
      SessionToken: sessionToken,
      Expiration: expiration,
    },
    null,
    4,
  );
}

describe.skipIf(!chromiumLookup.found)('web UI with SigV4 sign-in in Chromium', () => {
  let outDir: string;
  let stub: WebStub;
  let browser: Browser;
  let context: BrowserContext;
  let problems: string[];

  beforeAll(async () => {
    if (!chromiumLookup.found) throw new Error(chromiumLookup.reason);
    outDir = await mkdtemp(join(tmpdir(), 'iamlp-web-sigv4-'));
    await buildWeb({ outDir });
    await mkdir(shots, { recursive: true });
    stub = await startWebStub({ webDir: outDir, pollIntervalMs: POLL_MS, auth: 'sigv4' });
    browser = await launchChromium(chromiumLookup.executablePath);
  });

  afterAll(async () => {
    await browser?.close();
    await stub?.close();
    if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    stub.state.mode = 'normal';
    stub.requests.length = 0;
    problems = [];
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  });

  afterEach(async () => {
    await context.close();
    // Every API request carried a valid signature (a mismatch is recorded as a violation).
    expect(stub.violations).toEqual([]);
  });

  async function open(route = '#/'): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      // The browser logs each refused (403) request; anything else is a problem.
      if (message.type() === 'error' && !/status of 403/.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${stub.url}/${route}`);
    return page;
  }

  async function signIn(page: Page, pasted = exported()): Promise<void> {
    await page.locator('[data-state="sign-in"]').waitFor();
    await page.fill('#credentials-json', pasted);
    await page.click('.sign-in-form button[type="submit"]');
  }

  it('asks for credentials first, sends nothing unsigned, and refuses malformed ones', async () => {
    const page = await open();
    const state = page.locator('[data-state="sign-in"]');
    await state.waitFor();
    expect(await page.locator('h1').textContent()).toBe('Sign in with AWS credentials');
    const text = await state.textContent();
    expect(text).toContain('execute-api:Invoke');
    expect(text).toContain('Temporary credentials are recommended');
    expect(text).toContain('aws configure export-credentials --format process');
    expect(await page.locator('.indicator').textContent()).toBe('Not signed in');
    expect(await page.locator('[data-account]').isHidden()).toBe(true);
    await page.screenshot({ path: join(shots, 'sigv4-sign-in.png'), fullPage: true });
    expect(stub.requests).toEqual([]);

    await page.fill('#credentials-json', '{ "AccessKeyId": "ASIA');
    await page.click('.sign-in-form button[type="submit"]');
    expect(await page.locator('.form-error').textContent()).toMatch(/not valid JSON/);
    await page.fill(
      '#credentials-json',
      JSON.stringify({ AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey }),
    );
    await page.click('.sign-in-form button[type="submit"]');
    expect(await page.locator('.form-error').textContent()).toMatch(/session token/);
    expect(stub.requests).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('signs in with pasted credentials, signs every GET and POST, and returns to sign-in when they expire', async () => {
    const page = await open();
    await signIn(page);
    const rows = page.locator('[data-principal]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(4);
    await expect.poll(() => page.locator('.indicator').textContent()).toMatch(/^Live/);
    expect(await page.locator('[data-account]').textContent()).toContain(`${accessKeyId.slice(0, 4)}…`);
    // Kept in this tab only.
    const stored = await page.evaluate("sessionStorage.getItem('iamlp.aws-credentials')");
    expect(JSON.parse(String(stored))).toMatchObject({ accessKeyId, sessionToken });
    expect(await page.evaluate('localStorage.length')).toBe(0);

    // The principal whose ARN carries markup: every character of it is percent-encoded in the path, and signed.
    const hostile = STUB_PRINCIPALS[2]?.item.arn ?? '';
    await page.goto(`${stub.url}/#/principal/${encodeURIComponent(hostile)}`);
    await page.locator('[data-panel="usage"] table, [data-panel="usage"] .table').first().waitFor();
    await expect
      .poll(() => stub.requests.some((r) => r.path.startsWith('/simulate?') && r.status === 200))
      .toBe(true);
    const usage = stub.requests.find((r) => r.path.endsWith('/usage?limit=50') && r.status === 200);
    expect(usage?.path).toMatch(/^\/principals\/arn%3Aaws%3Asts%3A.*%3Cscript%3E.*%28.*\/usage/);
    expect(stub.requests.length).toBeGreaterThan(5);
    expect(stub.requests.every((r) => r.signedBy === accessKeyId && r.status < 400)).toBe(true);

    stub.state.mode = 'expired';
    const state = page.locator('[data-state="sign-in"]');
    await state.waitFor({ timeout: POLL_MS * 10 });
    expect(await page.locator('h1').textContent()).toBe('Your AWS credentials have expired');
    expect(await page.locator('[data-notice]').textContent()).toContain(
      'The security token included in the request is expired',
    );
    expect(await page.evaluate("sessionStorage.getItem('iamlp.aws-credentials')")).toBeNull();
    expect(await page.locator('[data-account]').isHidden()).toBe(true);
    await page.screenshot({ path: join(shots, 'sigv4-expired.png') });

    // New credentials continue where the user was.
    stub.state.mode = 'normal';
    await signIn(page);
    await page.locator('[data-panel="usage"] table, [data-panel="usage"] .table').first().waitFor();
    expect(problems).toEqual([]);
  });

  it('returns to sign-in on its own when the known expiration passes, and on any other 403', async () => {
    const page = await open();
    await signIn(page, exported(4000));
    await page.locator('[data-principal]').first().waitFor();
    await page.locator('[data-state="sign-in"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('h1').textContent()).toBe('Your AWS credentials have expired');
    expect(await page.locator('[data-notice]').textContent()).toMatch(
      /They expired at \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
    );
    // Expired credentials were never sent: the stub saw no refused request.
    expect(stub.requests.every((r) => r.status < 400)).toBe(true);

    await signIn(page);
    await page.locator('[data-principal]').first().waitFor();
    stub.state.mode = 'unauthorized';
    await page.locator('[data-state="sign-in"]').waitFor({ timeout: POLL_MS * 10 });
    expect(await page.locator('h1').textContent()).toBe('The API refused these credentials');
    expect(await page.locator('[data-notice]').textContent()).toContain('403: "Forbidden"');
    expect(problems).toEqual([]);
  });

  it('signs in with the keys typed one by one, and signs out from the header, forgetting them', async () => {
    const page = await open('#/alerts');
    await page.locator('[data-state="sign-in"]').waitFor();
    await page.click('.key-fields summary');
    await page.fill('#access-key-id', accessKeyId);
    await page.fill('#secret-access-key', secretAccessKey);
    await page.fill('#session-token', sessionToken);
    await page.screenshot({ path: join(shots, 'sigv4-sign-in-fields.png'), fullPage: true });
    await page.click('.sign-in-form button[type="submit"]');
    await page.locator('[data-alert-id]').first().waitFor();
    await expect.poll(() => page.locator('.indicator').textContent()).toMatch(/^Live/);
    await page.screenshot({ path: join(shots, 'sigv4-signed-in.png') });
    await page.click('[data-account] button');
    await page.locator('[data-state="sign-in"]').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Sign in with AWS credentials');
    expect(await page.locator('[data-notice]').count()).toBe(0);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    const after = stub.requests.length;
    await page.waitForTimeout(POLL_MS * 1.5);
    expect(stub.requests.length).toBe(after);
    expect(problems).toEqual([]);
  });

  it('has a stub that refuses unsigned and wrongly signed requests (the check above is real)', async () => {
    const url = new URL('/stats', stub.url);
    const signer = new SignatureV4({
      credentials: { accessKeyId, secretAccessKey: `${secretAccessKey}x`, sessionToken },
      region: STUB_AWS_CREDENTIALS.region,
      service: 'execute-api',
      sha256: NodeSha256,
    });
    const signed = await signer.sign({
      method: 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      path: url.pathname,
      headers: { host: url.host },
    });
    const wrong = await fetch(url, { headers: signed.headers });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({
      message: 'The request signature we calculated does not match the signature you provided.',
    });
    const unsigned = await fetch(url);
    expect(unsigned.status).toBe(403);
    expect(stub.violations).toEqual([
      expect.stringMatching(/^GET \/stats: signature mismatch/),
      expect.stringMatching(/^GET \/stats: no SigV4 Authorization header/),
    ]);
    stub.violations.length = 0;
  });
});
