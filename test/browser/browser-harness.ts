import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT, TSX_BIN } from '../../scripts/stack/tool-paths';
import { connectDatabase } from '../../engine/data/connect';
import { seedDemo } from '../../engine/data/seed/seed-demo';
import { DEMO_LOGINS } from '../../engine/data/seed/demo-logins';
import { startApiProcess, type ApiProcess } from '../harness/api-process';
import { testDatabaseUri } from '../harness/db';

/**
 * The browser tests' world: a fresh database seeded with the demo organisation, the real API server serving the
 * built designer, and Debian's Chromium driven by playwright-core.
 */
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export interface BrowserWorld {
  baseUrl: string;
  api: ApiProcess;
  browser: Browser;
  conn: Connection;
  close(): Promise<void>;
}

/**
 * `ensureDesignerBuilt` (Vite, when the sources changed) in a child process: run inline, its synchronous build
 * would block this test worker's event loop for a minute and starve vitest's own messages.
 */
function buildDesigner(): Promise<void> {
  const script = "import('./scripts/stack/designer-build.ts').then((m) => console.log('designer: ' + m.ensureDesignerBuilt((l) => console.log(l))))";
  return new Promise((resolve, reject) =>
    execFile(TSX_BIN, ['-e', script], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`designer build failed:\n${stdout}\n${stderr}`));
      else {
        console.log(stdout.trim());
        resolve();
      }
    }),
  );
}

export async function startWorld(label: string): Promise<BrowserWorld> {
  await buildDesigner();
  const uri = testDatabaseUri(label);
  const conn = await connectDatabase(uri);
  await seedDemo(conn, { reset: true });
  const api = await startApiProcess(uri);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    baseUrl: api.baseUrl,
    api,
    browser,
    conn,
    async close() {
      await browser.close().catch(() => undefined);
      await api.stop();
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
    },
  };
}

export type Role = 'admin' | 'manager' | 'rep';

/** A logged-in page for a demo role, with the browser asking for `locale`. */
export async function loginAs(world: BrowserWorld, role: Role, locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await world.browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/401|Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  (page as Page & { allotErrors?: string[] }).allotErrors = errors;
  const login = DEMO_LOGINS.find((l) => l.role === role);
  if (!login) throw new Error(`no demo login for ${role}`);
  await page.goto(`${world.baseUrl}/login`);
  await page.getByTestId('login-email').fill(login.email);
  await page.getByTestId('login-password').fill(login.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(role === 'rep' ? /\/customers/ : /\/flows/);
  return { context, page };
}

/** Errors the page logged (uncaught exceptions and console errors other than expected 401s). */
export const pageErrors = (page: Page): string[] => (page as Page & { allotErrors?: string[] }).allotErrors ?? [];

/** Calls the API from inside the page, with its session cookie. */
export async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Picks an option of an Ant Design select by its visible text. */
export async function pickOption(page: Page, testId: string, optionText: string | RegExp, search?: string): Promise<void> {
  // a dropdown closed just before (Escape) fades out for a moment: wait until none is open, so the pick lands in this one
  await page
    .waitForFunction(() => document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').length === 0, null, { timeout: 5_000 })
    .catch(() => undefined);
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(search);
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await dropdown.locator('.ant-select-item-option', { hasText: optionText }).first().click();
}

/** Closes any open select dropdown. */
export async function closeDropdowns(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
}
