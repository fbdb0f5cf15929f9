import type { Page } from 'playwright-core';
import { pickOption } from './browser-harness';

/** What an admin does on the canvas, by clicks and selections. */

export async function selectNode(page: Page, nodeId: string): Promise<void> {
  if (!(await onScreen(page, nodeId))) {
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(400);
  }
  await page.getByTestId(`node-${nodeId}`).click({ position: { x: 60, y: 12 } });
  await page.getByTestId('tab-props').click();
  await page.locator(`[data-testid="property-panel"][data-node-id="${nodeId}"]`).waitFor();
}

/** Whether the node's card is inside the visible canvas area (not under the palette or the side panel). */
async function onScreen(page: Page, nodeId: string): Promise<boolean> {
  const area = await page.getByTestId('canvas-area').boundingBox();
  const box = await page.getByTestId(`node-${nodeId}`).boundingBox();
  if (!area || !box) return false;
  return box.x >= area.x && box.y >= area.y && box.x + 80 <= area.x + area.width && box.y + 30 <= area.y + area.height;
}

/** Clicks a palette entry: the node is added next to the selected node and selected; returns its id. */
export async function addFromPalette(page: Page, type: string): Promise<string> {
  const before = new Set(await nodeIdsOnCanvas(page));
  await page.getByTestId(`palette-${type}`).click();
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length === n, before.size + 1);
  const added = (await nodeIdsOnCanvas(page)).find((id) => !before.has(id));
  if (!added) throw new Error(`no ${type} node was added`);
  await page.locator(`[data-testid="property-panel"][data-node-id="${added}"]`).waitFor();
  return added;
}

export async function nodeIdsOnCanvas(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}

/** Points an output of the selected node at another node with the "Outputs lead to" select. */
export async function connectOutput(page: Page, nodeId: string, output: string, targetId: string): Promise<void> {
  await selectNode(page, nodeId);
  await pickOption(page, `output-${output}`, new RegExp(`· ${targetId}$`));
}

/** Drags from an output handle to a node's input handle on the canvas. */
export async function dragConnect(page: Page, sourceId: string, output: string, targetId: string): Promise<void> {
  const from = await page.getByTestId(`handle-${sourceId}-${output}`).boundingBox();
  const to = await page.locator(`[data-testid="node-${targetId}"] .react-flow__handle-left`).boundingBox();
  if (!from || !to) throw new Error('handles not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
}

export async function isValid(page: Page): Promise<boolean> {
  return (await page.getByTestId('validation-status').getAttribute('data-valid')) === 'true';
}

/** Waits for live validation to settle on `valid`. */
export async function waitValid(page: Page, valid: boolean): Promise<void> {
  await page.locator(`[data-testid="validation-status"][data-valid="${valid}"]`).waitFor({ timeout: 10_000 });
}

export async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor({ timeout: 15_000 });
}

/** Publishes the draft with a note (activating it) and waits for the confirmation. */
export async function publish(page: Page, note: string): Promise<void> {
  await waitSaved(page);
  await page.getByTestId('publish').click();
  await page.getByTestId('publish-note').fill(note);
  await page.getByTestId('publish-confirm').click();
  await page.locator('.ant-message-success').waitFor({ timeout: 20_000 });
}
