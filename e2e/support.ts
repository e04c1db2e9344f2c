// Shared machinery for the browser tests: the real app in a child process on a free port with
// a throw-away SQLite database, a Debian Chromium driven by playwright-core, the development
// SMS outbox, and full-page screenshots.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Response } from 'playwright-core';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const screenshotDir = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** Debian's Chromium; never a downloaded browser. CHROMIUM_PATH may point elsewhere. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const inCi = () => Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

/**
 * Why the browser tests cannot run here, or false when they can. Outside CI a missing
 * Chromium skips the tests with this message; in CI it is an error (a skipped suite in CI
 * would look like a passing one).
 */
export function browserSkipReason(): string | false {
  if (existsSync(chromiumPath)) return false;
  const message = `${chromiumPath} not found: browser tests skipped (install it with: apt-get install -y chromium)`;
  if (inCi()) return false; // launchBrowser() fails loudly instead
  console.warn(message);
  return message;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `CI is set and ${chromiumPath} does not exist: the browser tests cannot run. ` +
        'Install Chromium from Debian (apt-get install -y chromium); never download a browser.',
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export type ContextOptions = { width: number; height: number; javaScript: boolean; baseURL: string };

export async function newContext(browser: Browser, o: ContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: o.baseURL,
    viewport: { width: o.width, height: o.height },
    locale: 'fa-IR',
    timezoneId: 'Asia/Tehran',
    javaScriptEnabled: o.javaScript,
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  return context;
}

// ---------------------------------------------------------------------------------------------
// The app under test

export type RunningApp = {
  baseURL: string;
  port: number;
  databaseFile: string;
  /** Everything the process wrote to stdout and stderr so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `node --import tsx src/main.ts serve` with a fresh SQLite database and the demo data,
 * and resolves once /healthz answers ok.
 */
export async function startApp(options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'mahalle-e2e-'));
  const databaseFile = join(dir, 'mahalle.db');
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? dir,
    TMPDIR: process.env.TMPDIR ?? tmpdir(),
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    BASE_URL: baseURL,
    DATABASE_URL: `sqlite:${databaseFile}`,
    SEED_DEMO: 'yes',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const done = await Promise.race([exited(child).then(() => true), sleep(5_000).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited(child);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`the app exited (${child.exitCode ?? child.signalCode}) before answering /healthz:\n${output}`);
    }
    try {
      const res = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2_000) });
      const body = (await res.json()) as { status?: string };
      if (res.ok && body.status === 'ok') {
        return { baseURL, port, databaseFile, output: () => output, stop };
      }
      lastProblem = `HTTP ${res.status} ${JSON.stringify(body)}`;
    } catch (err) {
      lastProblem = err instanceof Error ? err.message : String(err);
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`the app did not answer /healthz within the time limit (${lastProblem}):\n${output}`);
}

// ---------------------------------------------------------------------------------------------
// The development SMS outbox

const toAscii = (s: string) =>
  s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));

/**
 * The newest one-time code sent to a mobile number (canonical 09xxxxxxxxx form), read from the
 * notifications outbox that the development SMS sender writes. ASCII digits.
 */
export function latestOtp(databaseFile: string, mobile: string): string {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare("SELECT body FROM notifications WHERE channel = 'sms' AND recipient = ? ORDER BY id DESC LIMIT 1")
      .get(mobile) as { body: string } | undefined;
    if (!row) throw new Error(`no SMS to ${mobile} in the outbox`);
    const m = /(?<![0-9۰-۹٠-٩])[0-9۰-۹٠-٩]{6}(?![0-9۰-۹٠-٩])/.exec(row.body);
    if (!m) throw new Error(`no 6-digit code in the SMS to ${mobile}: ${JSON.stringify(row.body)}`);
    return toAscii(m[0]);
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Screenshots

/** A full-page PNG at e2e/screenshots/<name>-<viewport width>.png (the folder is git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const path = join(screenshotDir, `${name}-${width}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/**
 * A browser suite: starts the app and Chromium once (both in parallel), runs each case against
 * them, and stops both afterwards. Skipped with a message where Chromium is missing outside CI.
 */
export function browserSuite<R extends { label: string }>(
  title: string,
  runs: readonly R[],
  flow: (browser: Browser, app: RunningApp, run: R) => Promise<void>,
  options: { timeoutMs?: number } = {},
): void {
  describe(title, { skip: browserSkipReason() }, () => {
    let app: RunningApp | undefined;
    let browser: Browser | undefined;

    before(async () => {
      const [a, b] = await Promise.allSettled([startApp(), launchBrowser()]);
      if (a.status === 'fulfilled') app = a.value;
      if (b.status === 'fulfilled') browser = b.value;
      if (a.status === 'rejected') throw a.reason;
      if (b.status === 'rejected') throw b.reason;
    });

    after(async () => {
      await browser?.close();
      await app?.stop();
    });

    for (const run of runs) {
      test(run.label, { timeout: options.timeoutMs ?? 90_000 }, async () => {
        assert.ok(app && browser, 'the app and the browser started');
        await flow(browser, app, run);
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Page helpers shared by the browser suites

export const path = (page: Page) => new URL(page.url()).pathname;

/** Clicks something that submits a form or follows a link and waits for the new document. */
export async function navigate(page: Page, target: Locator): Promise<Response> {
  const [response] = await Promise.all([page.waitForNavigation(), target.click()]);
  assert.ok(response, 'the click should load a new document');
  return response;
}

export async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

export async function assertPersianShell(page: Page): Promise<void> {
  const html = page.locator('html');
  assert.equal(await html.getAttribute('lang'), 'fa', `lang="fa" on ${page.url()}`);
  assert.equal(await html.getAttribute('dir'), 'rtl', `dir="rtl" on ${page.url()}`);
}

export async function assertNoLatinDigits(locator: Locator, what: string): Promise<void> {
  const shown = await text(locator);
  assert.doesNotMatch(shown, /[0-9]/, `no Latin digits in ${what}: ${shown.match(/.{0,40}[0-9].{0,40}/)?.[0]}`);
}

/** No element sticks out sideways: the page scrolls only vertically. */
export async function assertNoSideScroll(page: Page, what: string): Promise<void> {
  const [scroll, client] = await page.evaluate(() => {
    const el = (globalThis as any).document.documentElement;
    return [el.scrollWidth as number, el.clientWidth as number];
  });
  assert.ok(scroll <= client + 1, `${what} is ${scroll}px wide in a ${client}px window`);
}
