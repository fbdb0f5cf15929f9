import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, loginAs, pageErrors, screenshot, startWorld, type BrowserWorld } from './browser-harness';

/**
 * Issue #6, item 10: a 150-node flow opened in the real editor, and a node dragged across it. Both are measured
 * with the Performance API inside the page and PRINTED; the speed goal (interactive in ≤ 1 s, a smooth drag)
 * is read from those figures, not asserted: a test must not fail because the machine is slow. What is asserted
 * is behaviour: every node is drawn, the dragged node follows the pointer and its new position reaches the saved
 * draft, and the editor still answers clicks afterwards.
 */
let world: BrowserWorld;
let page: Page;
let flowId = '';

const NODE_COUNT = 150;
const OPEN_RUNS = 3;
const DRAG_MS = 1000;
const DRAG_DX = 240;
const DRAGGED = 'c10';
/** the marks the editor sets (designer/src/editor/editor.page.tsx) */
const OPEN_MARK = 'allot:editor-open';
const READY_MARK = 'allot:editor-ready';

/** trigger → score → 49 tiers of (condition → assign → pool) → end: 150 nodes, 248 edges. */
function bigFlow(teamIds: string[], poolId: string) {
  const nodes: Array<{ id: string; position: { x: number; y: number } } & Record<string, unknown>> = [
    { id: 'start', type: 'trigger', version: 1, params: { on: 'customerUpdated' }, position: { x: 0, y: 0 } },
    { id: 'score', type: 'score', version: 1, params: { base: 10, rules: [], thresholds: { A: 80, B: 60, C: 40 } }, position: { x: 300, y: 0 } },
  ];
  const edges: unknown[] = [{ id: 'e-start', source: 'start', sourceHandle: 'next', target: 'score' }, { id: 'e-score', source: 'score', sourceHandle: 'next', target: 'c0' }];
  for (let i = 0; i < 49; i++) {
    const x = 600 + (i % 7) * 900;
    const y = Math.floor(i / 7) * 330;
    nodes.push(
      { id: `c${i}`, type: 'condition', version: 1, params: { condition: { fact: 'estimatedValue', operator: 'greaterThanInclusive', value: 1000 * (49 - i) } }, position: { x, y } },
      { id: `a${i}`, type: 'assign', version: 1, params: { candidateTeams: [teamIds[i % teamIds.length]], strategy: 'roundRobin' }, position: { x: x + 290, y } },
      { id: `p${i}`, type: 'toPool', version: 1, params: { poolId }, position: { x: x + 580, y: y + 120 } },
    );
    edges.push(
      { id: `t${i}`, source: `c${i}`, sourceHandle: 'true', target: `a${i}` },
      { id: `f${i}`, source: `c${i}`, sourceHandle: 'false', target: i < 48 ? `c${i + 1}` : 'end' },
      { id: `s${i}`, source: `a${i}`, sourceHandle: 'assigned', target: 'end' },
      { id: `n${i}`, source: `a${i}`, sourceHandle: 'none', target: `p${i}` },
      { id: `q${i}`, source: `p${i}`, sourceHandle: 'next', target: 'end' },
    );
  }
  nodes.push({ id: 'end', type: 'end', version: 1, params: { reason: '' }, position: { x: 7000, y: 2400 } });
  return { schemaVersion: 1, id: 'perf', name: 'Performance: 150 nodes', kind: 'allocation', trigger: 'customerUpdated', nodes, edges };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Position of a node in the stored draft (what autosave wrote). */
async function savedPosition(nodeId: string): Promise<{ x: number; y: number } | undefined> {
  const res = await apiCall<{ document: { nodes: Array<{ id: string; position: { x: number; y: number } }> } }>(page, 'GET', `/api/flows/${flowId}`);
  return res.body.document.nodes.find((n) => n.id === nodeId)?.position;
}

let original: { x: number; y: number };

beforeAll(async () => {
  world = await startWorld('browser_perf');
  ({ page } = await loginAs(world, 'admin', 'en-US'));
  const refs = await apiCall<{ teams: Array<{ id: string }>; pools: Array<{ id: string; isDefault: boolean }> }>(page, 'GET', '/api/org/refs');
  const pool = refs.body.pools.find((p) => p.isDefault) ?? refs.body.pools[0];
  const doc = bigFlow(refs.body.teams.map((t) => t.id), pool?.id ?? '');
  original = doc.nodes.find((n) => n.id === DRAGGED)?.position ?? { x: 0, y: 0 };
  const created = await apiCall<{ id: string; nodeCount: number }>(page, 'POST', '/api/flows', { name: doc.name, kind: doc.kind, trigger: doc.trigger, document: doc });
  expect(created.status).toBe(201);
  expect(created.body.nodeCount).toBe(NODE_COUNT);
  flowId = created.body.id;
});
afterAll(async () => world?.close());

const opens: Array<{ ready: number; afterRoute: number }> = [];
const drag = { fps: 0, worst: 0, frames: 0, longTasks: 0 };

describe('the editor with a 150-node flow', () => {
  it('opens with every node drawn, and answers a click', async () => {
    for (let run = 0; run < OPEN_RUNS; run++) {
      // a full navigation to the editor URL: the time origin is the navigation's start
      await page.goto(`${world.baseUrl}/flows/${flowId}`);
      await page.waitForFunction((m) => performance.getEntriesByName(m, 'mark').length > 0, READY_MARK, { timeout: 60_000 });
      const m = await page.evaluate(
        ({ open, ready }) => {
          const r = performance.getEntriesByName(ready, 'mark')[0]?.startTime ?? NaN;
          const span = performance.measure('allot:open-to-ready', open, ready);
          return { ready: r, afterRoute: span.duration, drawn: document.querySelectorAll('.react-flow__node').length };
        },
        { open: OPEN_MARK, ready: READY_MARK },
      );
      // ready means React Flow measured every node: all 150 are in the DOM at that moment
      expect(m.drawn, `run ${run}`).toBe(NODE_COUNT);
      opens.push({ ready: Math.round(m.ready), afterRoute: Math.round(m.afterRoute) });
    }
    await screenshot(page, 'editor-150-nodes-en');
    // interactive: a click on a node opens its properties
    await page.getByTestId('node-a3').click();
    await page.locator('[data-testid="property-panel"][data-node-id="a3"]').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(NODE_COUNT);
    expect(pageErrors(page)).toEqual([]);
  });

  it('drags a node over the 150-node canvas and saves where it was dropped', async () => {
    // zoom in around the node, as someone about to move it does
    const far = await page.getByTestId(`node-${DRAGGED}`).boundingBox();
    if (!far) throw new Error('node not drawn');
    await page.mouse.move(far.x + far.width / 2, far.y + far.height / 2);
    for (let i = 0; i < 4; i++) {
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(120);
    }
    await page.waitForTimeout(300);
    const at = await page.getByTestId(`node-${DRAGGED}`).boundingBox();
    if (!at) throw new Error('node not drawn');
    expect(at.width).toBeGreaterThan(100);
    await screenshot(page, 'editor-150-nodes-zoomed-en');
    const zoom = await page.evaluate(() => new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport') as Element).transform).a);

    // frame times and long tasks while the node is dragged, recorded in the page
    await page.evaluate(() => {
      const w = window as unknown as { perf_: { frames: number[]; long: number; stop: boolean; obs: PerformanceObserver } };
      const s = { frames: [] as number[], long: 0, stop: false, obs: new PerformanceObserver((l) => (s.long += l.getEntries().length)) };
      w.perf_ = s;
      try {
        s.obs.observe({ type: 'longtask' });
      } catch {
        // no long task timing in this browser: the frame times still tell
      }
      const tick = (t: number) => {
        s.frames.push(t);
        if (!s.stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      performance.mark('allot:drag-start');
    });
    // React Flow starts a drag once the pointer has moved past its 1 px threshold, and takes the grab point
    // there: a 2 px first step starts it, so the card then travels exactly as far as the pointer
    await page.mouse.move(at.x + 58, at.y + 12);
    await page.mouse.down();
    const x0 = at.x + 60;
    const y0 = at.y + 12;
    await page.mouse.move(x0, y0);
    const t0 = performance.now();
    for (let f = 0; f < 1; ) {
      f = Math.min(1, (performance.now() - t0) / DRAG_MS);
      await page.mouse.move(x0 + DRAG_DX * f, y0 + 40 * Math.sin(f * 2 * Math.PI));
      await page.waitForTimeout(16);
    }
    // the card follows the pointer during the drag, not only when dropped
    const during = await page.getByTestId(`node-${DRAGGED}`).boundingBox();
    await page.mouse.up();
    const m = await page.evaluate(() => {
      const w = window as unknown as { perf_: { frames: number[]; long: number; stop: boolean; obs: PerformanceObserver } };
      performance.mark('allot:drag-end');
      const span = performance.measure('allot:drag', 'allot:drag-start', 'allot:drag-end');
      w.perf_.stop = true;
      w.perf_.obs.disconnect();
      const fs = w.perf_.frames.filter((t) => t >= span.startTime && t <= span.startTime + span.duration);
      return { frames: fs, duration: span.duration, long: w.perf_.long };
    });
    const intervals = m.frames.slice(1).map((t, i) => t - (m.frames[i] as number));
    const frameSpan = (m.frames.at(-1) ?? 0) - (m.frames[0] ?? 0);
    drag.frames = intervals.length;
    drag.fps = frameSpan > 0 ? (intervals.length / frameSpan) * 1000 : 0;
    drag.worst = intervals.length ? Math.max(...intervals) : m.duration;
    drag.longTasks = m.long;

    expect(Math.abs((during?.x ?? at.x) - at.x - DRAG_DX)).toBeLessThan(2);
    const after = await page.getByTestId(`node-${DRAGGED}`).boundingBox();
    expect(Math.abs((after?.x ?? at.x) - at.x - DRAG_DX)).toBeLessThan(2);
    expect(Math.abs((after?.y ?? 0) - at.y)).toBeLessThan(3);

    // autosave stores the drop position: moved by the pointer's travel in flow units, nothing else moved
    const expected = { x: original.x + DRAG_DX / zoom, y: original.y };
    const tolerance = 2 / zoom + 1;
    await expect.poll(async () => (await savedPosition(DRAGGED))?.x ?? original.x, { timeout: 15_000 }).not.toBe(original.x);
    const saved = await savedPosition(DRAGGED);
    expect(Math.abs((saved?.x ?? 0) - expected.x)).toBeLessThan(tolerance);
    expect(Math.abs((saved?.y ?? 0) - expected.y)).toBeLessThan(tolerance);
    expect(await savedPosition('a10')).toEqual({ x: original.x + 290, y: original.y });
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();

    // still responsive: another node can be picked and its form shown, and the canvas still holds every node
    const other = await page.evaluate((skip) => {
      // a node in view that nothing covers (the dropped card may lie over its neighbours)
      const area = document.querySelector('[data-testid="canvas-area"]')?.getBoundingClientRect();
      for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
        const r = el.getBoundingClientRect();
        const [x, y] = [r.x + r.width / 2, r.y + r.height / 2];
        if (el.dataset.id === skip || !area || x < area.x || y < area.y || x > area.right - 300 || y > area.bottom) continue;
        if (document.elementFromPoint(x, y)?.closest('.react-flow__node') === el) return el.dataset.id;
      }
      return undefined;
    }, DRAGGED);
    if (!other) throw new Error('no other node in view');
    await page.getByTestId(`node-${other}`).click();
    await page.locator(`[data-testid="property-panel"][data-node-id="${other}"]`).waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(NODE_COUNT);
    expect(pageErrors(page)).toEqual([]);
  });

  afterAll(() => {
    if (opens.length === 0) return;
    const ready = median(opens.map((o) => o.ready));
    const afterRoute = median(opens.map((o) => o.afterRoute));
    console.log(
      `[perf] 150-node flow: interactive in ${ready} ms (median of ${opens.length}) · drag: ${drag.fps.toFixed(1)} fps, worst frame ${drag.worst.toFixed(1)} ms, ${drag.frames} frames`,
    );
    console.log(
      `[perf] details: navigation → ready per run ${opens.map((o) => o.ready).join(' / ')} ms; editor route mounted → ready ${afterRoute} ms (median); long tasks during the drag ${drag.longTasks}`,
    );
  });
});
