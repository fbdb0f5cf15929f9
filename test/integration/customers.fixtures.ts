import type { TSchema } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import bcrypt from 'bcryptjs';
import type { Types } from 'mongoose';
import type { Models } from '../../engine/data/models';

/**
 * Shared by the customers tests: a re-scoring flow document (install with test/harness/flows.ts),
 * extra logins, and the open-count truth.
 */

const pos = (x: number) => ({ x, y: 0 });

/** customerUpdated: score +50 for estimatedValue ≥ 1,000,000 (grade from 80/60/40), tag "big" for the same. */
export function rescoreFlowDocument() {
  const big = { fact: 'estimatedValue', operator: 'greaterThanInclusive', value: 1_000_000 };
  return {
    schemaVersion: 1,
    id: 'test-rescore',
    name: '测试重新评分 Test rescore',
    kind: 'allocation',
    trigger: 'customerUpdated',
    nodes: [
      { id: 'start', type: 'trigger', version: 1, params: { on: 'customerUpdated' }, position: pos(0) },
      { id: 'score', type: 'score', version: 1, params: { base: 20, rules: [{ label: '大单', condition: big, points: 50 }], thresholds: { A: 80, B: 60, C: 40 } }, position: pos(200) },
      { id: 'tag', type: 'tag', version: 1, params: { rules: [{ condition: big, tags: ['big'] }] }, position: pos(400) },
      { id: 'end', type: 'end', version: 1, params: { reason: '' }, position: pos(600) },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceHandle: 'next', target: 'score' },
      { id: 'e2', source: 'score', sourceHandle: 'next', target: 'tag' },
      { id: 'e3', source: 'tag', sourceHandle: 'next', target: 'end' },
    ],
  };
}

let hash: string | undefined;

/** A login for an existing rep (role rep) or a manager of teams. */
export async function createLogin(m: Models, email: string, link: { repId: Types.ObjectId } | { managedTeamIds: Types.ObjectId[] }): Promise<void> {
  hash ??= await bcrypt.hash('allot-demo', 4);
  await m.User.create({ email, name: email, passwordHash: hash, locale: 'zh-CN', ...('repId' in link ? { role: 'rep', repId: link.repId } : { role: 'manager', managedTeamIds: link.managedTeamIds }) });
}

/** Every rep whose stored openCount differs from the number of assigned customers it owns (should be empty). */
export async function openCountMismatches(m: Models): Promise<{ rep: string; stored: number; truth: number }[]> {
  const out: { rep: string; stored: number; truth: number }[] = [];
  for (const rep of await m.Rep.find().lean()) {
    const truth = await m.Customer.countDocuments({ ownerId: rep._id, status: 'assigned' });
    if (truth !== rep.openCount) out.push({ rep: rep.name, stored: rep.openCount, truth });
  }
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validators = new WeakMap<TSchema, ReturnType<typeof ajv.compile>>();

/** The schema errors of a real response against the route's declared response schema ('' when it matches). */
export function schemaErrors(schema: TSchema, body: unknown): string {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = ajv.compile(schema)));
  return v(body) ? '' : ajv.errorsText(v.errors);
}
