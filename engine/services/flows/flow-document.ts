import { createHash } from 'node:crypto';
import { text } from '../../core/common/localized';
import { FLOW_SCHEMA_VERSION } from '../../core/flow/flow.schema';
import { preflight } from '../../core/flow/preflight';
import type { FlowKind } from '../../core/nodes/node-definition';
import { findUnsafeKey } from '../../data/safe-keys.validator';
import { ApiError, type ErrorDetail } from '../../api/api-error';

/** Draft documents: the starting point of a new flow, what makes a draft unstorable, and small audit digests. */

export type DraftDocument = Record<string, unknown>;

/** A minimal valid flow: its trigger connected to an end. */
export function starterDocument(id: string, name: string, kind: FlowKind, trigger: string): DraftDocument {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    id,
    name,
    kind,
    trigger,
    nodes: [
      { id: 'start', type: 'trigger', version: 1, params: { on: trigger }, position: { x: 0, y: 0 } },
      { id: 'end', type: 'end', version: 1, params: { reason: '' }, position: { x: 280, y: 0 } },
    ],
    edges: [{ id: 'e1', source: 'start', sourceHandle: 'next', target: 'end' }],
  };
}

const junk = (path: string, zh: string, en: string, more: ErrorDetail[] = []): ApiError =>
  new ApiError(400, 'FLOW_UNSTORABLE', text(`无法保存该流程草稿：${zh}`, `This flow draft cannot be saved: ${en}`), [
    { path, message: text(zh, en) },
    ...more,
  ]);

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A draft may be incomplete or invalid (saving never refuses on validation), but it must be a JSON object
 * with `nodes` and `edges` lists of objects, within the size and depth limits, without prototype keys
 * (`__proto__` …) and with keys the database can store (no `.`, no leading `$`). Returns a plain copy.
 */
export function storableDraft(input: unknown, base = '/body/document'): DraftDocument {
  const pre = preflight(input);
  const [first, ...rest] = pre.errors;
  if (first) {
    const detail = (e: typeof first): ErrorDetail => ({ path: `${base}${e.pointer}`, message: e.message, code: e.code });
    throw new ApiError(400, 'FLOW_UNSTORABLE', text(`无法保存该流程草稿：${first.message['zh-CN']}`, `This flow draft cannot be saved: ${first.message.en}`), [
      detail(first),
      ...rest.slice(0, 19).map(detail),
    ]);
  }
  const doc = pre.value;
  if (!isObj(doc)) throw junk(base, '流程文档应是 JSON 对象', 'a flow document must be a JSON object');
  for (const key of ['nodes', 'edges'] as const) {
    const list = doc[key];
    if (!Array.isArray(list)) throw junk(`${base}/${key}`, `${key} 应是列表`, `${key} must be a list`);
    const bad = list.findIndex((item) => !isObj(item));
    if (bad >= 0) throw junk(`${base}/${key}/${bad}`, '列表中的每一项都应是对象', 'every item of the list must be an object');
  }
  const unsafe = findUnsafeKey(doc);
  if (unsafe) throw junk(`${base}${unsafe.split(' ')[0]}`, '字段名不能含 "." 或以 "$" 开头', 'field names may not contain "." or start with "$"');
  return doc;
}

/** A short, stable fingerprint of a document for the audit log (instead of the whole document). */
export function documentDigest(doc: unknown): { hash: string; nodeCount: number; edgeCount: number; bytes: number } {
  const json = JSON.stringify(doc) ?? '';
  const d = isObj(doc) ? doc : {};
  return {
    hash: createHash('sha256').update(json).digest('hex').slice(0, 16),
    nodeCount: Array.isArray(d.nodes) ? d.nodes.length : 0,
    edgeCount: Array.isArray(d.edges) ? d.edges.length : 0,
    bytes: Buffer.byteLength(json),
  };
}

export const nodeCountOf = (doc: unknown): number => (isObj(doc) && Array.isArray(doc.nodes) ? doc.nodes.length : 0);
