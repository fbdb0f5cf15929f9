import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, closeDropdowns, loginAs, pageErrors, pickOption, screenshot, startWorld, type BrowserWorld } from './browser-harness';
import { addFromPalette, connectOutput, dragConnect, publish, selectNode, waitValid } from './editor-actions';

/**
 * Issue #6, scenario 1: an admin builds the tiered-by-value flow from a new, empty flow with clicks and selections
 * only, sees a validation error until the last output is connected, publishes, imports 200 customers, and sees
 * them assigned as the flow says.
 */
let world: BrowserWorld;
let page: Page;

const TEAM = { A: '华东大客户组', B: '华南渠道组', other: '新人成长组' } as const;

beforeAll(async () => {
  world = await startWorld('browser_build');
  ({ page } = await loginAs(world, 'admin', 'zh-CN'));
});
afterAll(async () => world?.close());

/** 200 leads: a quarter worth ≥ 500k (grade A), a quarter 100k–500k (B), half small (D). */
function leadsCsv(): string {
  const rows = ['name,company,phone,email,industry,province,estimatedValue,source'];
  const industries = ['finance', 'software', 'retail', 'manufacturing', 'education'];
  const provinces = ['上海', '广东', '北京', '浙江', '四川'];
  for (let i = 0; i < 200; i++) {
    const value = i % 4 === 0 ? 800_000 : i % 4 === 1 ? 250_000 : 20_000;
    const n = String(i).padStart(3, '0');
    rows.push(`BT-客户-${n},BT公司${n},139${String(10_000_000 + i)},bt${n}@example.cn,${industries[i % 5]},${provinces[i % 5]},${value},web`);
  }
  return rows.join('\n');
}

async function addRule(p: Page, index: number, label: string, op: string, values: number[], points: number): Promise<void> {
  await p.getByTestId('add-rules').click();
  await p.getByTestId(`field-rules.${index}.label`).fill(label);
  const cond = `field-rules.${index}.condition`;
  await p.getByTestId(`${cond}-add`).click();
  await pickOption(p, `${cond}-0-fact`, '预计金额', '预计');
  await pickOption(p, `${cond}-0-op`, op);
  const inputs = p.getByTestId(`${cond}-0-value`).locator('input');
  for (let i = 0; i < values.length; i++) await inputs.nth(i).fill(String(values[i]));
  await p.getByTestId(`field-rules.${index}.points`).fill(String(points));
}

describe('building the tiered-by-value flow in the designer', () => {
  let flowId = '';

  it('creates a new flow from the flow list', async () => {
    await screenshot(page, 'flow-list-empty-zh');
    await page.getByTestId('new-flow').click();
    await page.getByTestId('new-flow-name').fill('按价值分层（手工搭建）');
    await page.getByTestId('new-flow-create').click();
    await page.waitForURL(/\/flows\/[0-9a-f]{24}$/);
    flowId = page.url().split('/').pop() ?? '';
    await page.getByTestId('node-start').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(2);
  });

  it('adds, configures and connects every node with clicks and selections', async () => {
    await selectNode(page, 'start');
    const score = await addFromPalette(page, 'score');
    await addRule(page, 0, '大单（≥ 50 万）', '大于等于', [500_000], 85);
    await addRule(page, 1, '中单（10–50 万）', '介于', [100_000, 499_999], 65);
    await screenshot(page, 'editor-score-form-zh');

    const byGrade = await addFromPalette(page, 'switch'); // grade, cases A and B by default
    const assignA = await addFromPalette(page, 'assign');
    await pickOption(page, 'field-candidateTeams', TEAM.A);
    await closeDropdowns(page);
    await pickOption(page, 'field-strategy', '能力匹配');
    const assignB = await addFromPalette(page, 'assign');
    await pickOption(page, 'field-candidateTeams', TEAM.B);
    await closeDropdowns(page);
    const assignOther = await addFromPalette(page, 'assign');
    await pickOption(page, 'field-candidateTeams', TEAM.other);
    await closeDropdowns(page);
    const pool = await addFromPalette(page, 'toPool');
    await pickOption(page, 'field-poolId', '公海');

    // the trigger's output is dragged onto the score node on the canvas (it replaces the starter's edge to End)
    await dragConnect(page, 'start', 'next', score);
    await expect.poll(() => page.locator(`.react-flow__edge[data-id]`).count()).toBeGreaterThan(0);
    await connectOutput(page, score, 'next', byGrade);
    await connectOutput(page, byGrade, 'A', assignA);
    await connectOutput(page, byGrade, 'B', assignB);
    await connectOutput(page, byGrade, 'default', assignOther);
    for (const a of [assignA, assignB, assignOther]) {
      await connectOutput(page, a, 'assigned', 'end');
      await connectOutput(page, a, 'none', pool);
    }
    // one output is left: the flow is invalid and says which output to connect
    await waitValid(page, false);
    await page.getByTestId('tab-problems').click();
    const problems = await page.getByTestId('validation-list').innerText();
    expect(problems).toContain('没有连线');
    expect(problems).toContain(pool);
    await screenshot(page, 'editor-problems-zh');
    // clicking the problem selects the node
    await page.getByTestId('validation-item-0').click();
    await page.locator(`[data-testid="property-panel"][data-node-id="${pool}"]`).waitFor();

    await connectOutput(page, pool, 'next', 'end');
    await waitValid(page, true);
    await page.getByTestId('auto-layout').click();
    await page.waitForTimeout(800);
    await selectNode(page, assignA);
    // a wide window for the README's picture of the canvas
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByTestId('fit-view').click();
    await page.mouse.move(900, 900);
    await page.waitForTimeout(500);
    await screenshot(page, 'editor-canvas-zh');
    await page.setViewportSize({ width: 1440, height: 900 });
    const summary = await page.getByTestId(`node-summary-${assignA}`).innerText();
    expect(summary).toContain(TEAM.A);
    expect(summary).toContain('能力匹配');
  });

  it('publishes and activates the flow', async () => {
    await publish(page, '第一版：按价值分层');
    const flows = await apiCall<{ triggers: Array<{ trigger: string; active: { flowId: string; version: number } | null }> }>(page, 'GET', '/api/flows');
    expect(flows.body.triggers.find((t) => t.trigger === 'customerCreated')?.active).toMatchObject({ flowId, version: 1 });
    await page.getByTestId('main-nav').getByText('分配流程').click();
    await page.getByTestId('active-customerCreated').waitFor();
    await screenshot(page, 'flow-list-zh');
  });

  it('imports 200 customers and sees them assigned as the flow says', async () => {
    await page.getByTestId('main-nav').getByText('客户').click();
    await page.getByTestId('import-card').locator('input[type=file]').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(leadsCsv(), 'utf8') });
    await page.locator('[data-testid="import-progress"][data-status="succeeded"]').waitFor({ timeout: 180_000 });
    await screenshot(page, 'customers-import-zh');

    const refs = await apiCall<{ teams: Array<{ id: string; name: string }> }>(page, 'GET', '/api/org/refs');
    const teamId = (name: string) => refs.body.teams.find((t) => t.name === name)?.id;
    const list = await apiCall<{ items: Array<{ name: string; grade: string | null; status: string; teamId: string | null; poolId: string | null; estimatedValue: number }> }>(
      page, 'GET', '/api/customers?q=BT-&limit=200',
    );
    const items = list.body.items;
    expect(items).toHaveLength(200);
    const byGrade: Record<string, number> = {};
    for (const c of items) {
      const grade = c.estimatedValue >= 500_000 ? 'A' : c.estimatedValue >= 100_000 ? 'B' : 'D';
      expect(c.grade, c.name).toBe(grade);
      if (c.status === 'assigned') {
        byGrade[grade] = (byGrade[grade] ?? 0) + 1;
        expect(c.teamId, c.name).toBe(teamId(grade === 'A' ? TEAM.A : grade === 'B' ? TEAM.B : TEAM.other));
      } else {
        // nobody eligible (daily caps, capacity): the flow sends the customer to the pool
        expect(c.status, c.name).toBe('inPool');
        expect(c.poolId).toBeTruthy();
      }
    }
    expect(byGrade.A ?? 0).toBeGreaterThan(0);
    expect(byGrade.B ?? 0).toBeGreaterThan(0);
    expect(byGrade.D ?? 0).toBeGreaterThan(0);
    console.log(`import of 200: assigned by grade ${JSON.stringify(byGrade)}, pooled ${items.filter((c) => c.status === 'inPool').length}`);

    // the table shows owners; a customer's drawer gives the reason in words
    await page.getByTestId('customers-search').fill('BT-客户-000');
    await page.getByTestId('customers-search').press('Enter');
    await page.getByTestId('customers-table').getByText('BT-客户-000').first().click();
    await page.getByTestId('customer-drawer').getByText('分配记录').waitFor();
    await screenshot(page, 'customer-detail-zh');
    expect(pageErrors(page)).toEqual([]);
  });
});
