import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, loginAs, pageErrors, screenshot, startWorld, type BrowserWorld } from './browser-harness';
import { selectNode } from './editor-actions';

/** Issue #6, scenario 3: switching the language changes every label on the canvas and in the forms. */
let world: BrowserWorld;
let page: Page;
let flowId = '';

const CJK = /[\u3400-\u9fff]/;
const LATIN_WORD = /[A-Za-z]{3,}/;

beforeAll(async () => {
  world = await startWorld('browser_language');
  ({ page } = await loginAs(world, 'admin', 'zh-CN'));
  // a flow whose labels are all the designer's (no names typed by anyone): a follow-up ladder and its nodes
  const installed = await apiCall<{ flow: { id: string } }>(page, 'POST', '/api/templates/sla-ladder/install', {});
  expect(installed.status).toBe(201);
  flowId = installed.body.flow.id;
});
afterAll(async () => world?.close());

/** The words the designer itself puts on the canvas and in the property form. */
async function labels(p: Page): Promise<{ canvas: string[]; form: string[]; chrome: string[] }> {
  const texts = (sel: string) => p.locator(sel).evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()).filter(Boolean));
  return {
    // node summaries in words (an End node's note is the admin's own text, left as written)
    canvas: [...(await texts('.allot-node-head .title')), ...(await texts('.allot-node-output span')), ...(await texts('.allot-node:not([data-node-type="end"]) .allot-node-summary'))],
    form: [...(await texts('[data-testid="property-panel"] .allot-field-label')), ...(await texts('[data-testid="property-panel"] .ant-select-selection-item'))],
    chrome: [...(await texts('.allot-palette-item .name')), ...(await texts('.allot-palette-group')), ...(await texts('.ant-tabs-tab'))],
  };
}

describe('switching the language', () => {
  it('changes every label on the canvas and in the forms', async () => {
    await page.goto(`${world.baseUrl}/flows/${flowId}`);
    await page.locator('.react-flow__node').first().waitFor();
    const nodeId = await page.locator('[data-node-type="waitForFollowUp"]').first().getAttribute('data-testid');
    const waitNode = (nodeId ?? '').replace(/^node-/, '');
    await selectNode(page, waitNode);
    const zh = await labels(page);
    await screenshot(page, 'editor-followup-zh');

    for (const group of [zh.canvas, zh.form, zh.chrome]) {
      expect(group.length).toBeGreaterThan(3);
      for (const text of group) expect(text, `zh-CN: ${text}`).toMatch(CJK);
    }

    await page.getByTestId('language-switch').getByText('English').click();
    await page.locator('.ant-tabs-tab', { hasText: 'Properties' }).waitFor();
    const en = await labels(page);
    await screenshot(page, 'editor-followup-en');
    for (const [a, b] of [[zh.canvas, en.canvas], [zh.form, en.form], [zh.chrome, en.chrome]] as const) {
      expect(b).toHaveLength(a.length);
      for (const text of b) {
        expect(text, `en: ${text}`).not.toMatch(CJK);
        expect(text, `en: ${text}`).toMatch(LATIN_WORD);
      }
      // every label changed
      b.forEach((text, i) => expect(text).not.toBe(a[i]));
    }
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    // the choice is remembered, and the API answers in it too
    await page.reload();
    await page.locator('.ant-tabs-tab', { hasText: 'Properties' }).waitFor();
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.locator('.ant-tabs-tab', { hasText: '属性' }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  });
});
