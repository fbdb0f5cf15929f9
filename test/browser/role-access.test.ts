import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, loginAs, pageErrors, screenshot, startWorld, type BrowserWorld } from './browser-harness';

/**
 * Issue #6, scenario 4: a rep who opens the editor URL is refused (and the API refuses the flows too);
 * a manager sees the flows, read only.
 */
let world: BrowserWorld;
let flowId = '';

beforeAll(async () => {
  world = await startWorld('browser_rep');
  const { page, context } = await loginAs(world, 'admin', 'zh-CN');
  const installed = await apiCall<{ flow: { id: string } }>(page, 'POST', '/api/templates/round-robin/install', {});
  flowId = installed.body.flow.id;
  await context.close();
});
afterAll(async () => world?.close());

describe('a sales rep', () => {
  it('never sees the editor: the navigation has no flows, and the editor URL shows a refusal', async () => {
    const anonymous = await world.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const login = await anonymous.newPage();
    await login.goto(`${world.baseUrl}/flows/${flowId}`);
    await login.getByTestId('login-card').waitFor();
    await screenshot(login, 'login-zh');
    await anonymous.close();

    const { page } = await loginAs(world, 'rep', 'zh-CN');
    const nav = await page.getByTestId('main-nav').innerText();
    expect(nav).toContain('客户');
    expect(nav).not.toContain('分配流程');
    expect(nav).not.toContain('模板库');

    await page.goto(`${world.baseUrl}/flows/${flowId}`);
    await page.getByTestId('refused').waitFor();
    expect(await page.getByTestId('refused').innerText()).toContain('没有权限');
    expect(await page.locator('.react-flow').count()).toBe(0);
    expect(await page.getByTestId('palette').count()).toBe(0);
    await screenshot(page, 'refused-rep-zh');

    for (const path of ['/flows', '/templates']) {
      await page.goto(`${world.baseUrl}${path}`);
      await page.getByTestId('refused').waitFor();
    }
    // the API refuses too: the designer's refusal is not the only guard
    expect((await apiCall(page, 'GET', `/api/flows/${flowId}`)).status).toBe(403);
    expect((await apiCall(page, 'GET', '/api/catalog')).status).toBe(403);
    // the rep's own page works
    await page.getByTestId('refused').getByRole('button').click();
    await page.getByTestId('customers-table').waitFor();
    expect(await page.getByTestId('import-card').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('a sales manager', () => {
  it('sees the flows and opens the editor read only', async () => {
    const { page } = await loginAs(world, 'manager', 'zh-CN');
    expect(await page.getByTestId('main-nav').innerText()).toContain('分配流程');
    await page.getByTestId(`open-${flowId}`).click();
    await page.locator('.react-flow__node').first().waitFor();
    expect(await page.getByTestId('palette').count()).toBe(0);
    expect(await page.getByTestId('publish').count()).toBe(0);
    expect(await page.getByText('只读').count()).toBeGreaterThan(0);
    await screenshot(page, 'editor-manager-readonly-zh');
    expect(pageErrors(page)).toEqual([]);
  });
});
