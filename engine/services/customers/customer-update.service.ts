import { text } from '../../core/common/localized';
import type { Customer } from '../../core/model/customer.schema';
import { ApiError } from '../../api/api-error';
import type { AppContext } from '../../api/app-context';
import type { Principal } from '../../api/auth/principal';
import { toEngineCustomer } from '../../data/mappers';
import { contactKeysOf, recordContactKeys } from '../../data/contact-keys';
import { normalizeCompany, normalizeEmail, normalizePhone } from '../../data/normalize-contact';
import { canSeeCustomer } from '../access/scope';
import { customerNotFound, loadVisibleCustomer, type CustomerStored } from './customer-access';
import { rescoreCustomer } from './customer-rescore';
import { customerView, repNamesFor } from './customer-view';
import type { CustomerUpdate, CustomerViewT, RescoreViewT } from './customer.schemas';

const MAX_ATTEMPTS = 4;
const NORMALIZED = { phone: ['phoneNormalized', normalizePhone], email: ['emailNormalized', normalizeEmail], company: ['companyNormalized', normalizeCompany] } as const;

export const versionConflict = (current: number) =>
  new ApiError(409, 'VERSION_CONFLICT', text(`客户已被他人修改（当前版本 ${current}），请刷新后重试`, `The customer was changed meanwhile (now version ${current}); reload and retry`), [
    { path: '/body/version', message: text(`当前版本为 ${current}`, `The current version is ${current}`) },
  ]);

/** The version an `If-Match` header names (`3`, `"3"` or `W/"3"`); 400 when it is not a version. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const m = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (!m) {
    const t = text('If-Match 应为客户的版本号，例如 "3"', 'If-Match must be the customer version, e.g. "3"');
    throw new ApiError(400, 'VALIDATION_FAILED', t, [{ path: '/headers/if-match', message: t }]);
  }
  return Number(m[1]);
}

interface Changes {
  $set: Record<string, unknown>;
  $unset: Record<string, 1>;
}

/** The update for the edited fields (and their dedupe keys); null clears a field; attributes are replaced as a whole. */
function changesOf(body: CustomerUpdate): Changes {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'version' || value === undefined) continue;
    if (key === 'attributes') $set.attributes = Object.entries(value as Record<string, unknown>).map(([k, v]) => ({ key: k, value: v }));
    else if (key === 'tags') $set.tags = [...new Set(value as string[])];
    else if (value === null) $unset[key] = 1;
    else $set[key] = value;
    if (key in NORMALIZED) {
      const [field, normalize] = NORMALIZED[key as keyof typeof NORMALIZED];
      const normalized = typeof value === 'string' ? normalize(value) : undefined;
      if (normalized) $set[field] = normalized;
      else $unset[field] = 1;
    }
  }
  return { $set, $unset };
}

/** The engine's customer as it will be after the edit (what the re-scoring flow sees). */
function edited(read: CustomerStored, body: CustomerUpdate): Customer {
  const c = toEngineCustomer(read) as Customer & Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (key === 'version' || value === undefined) continue;
    if (key === 'attributes') {
      const attributes: Customer['attributes'] = {};
      for (const [k, v] of Object.entries(value as Customer['attributes'])) Object.defineProperty(attributes, k, { value: v, enumerable: true, writable: true, configurable: true });
      c.attributes = attributes;
    } else if (key === 'tags') c.tags = [...new Set(value as string[])];
    else if (value === null) delete c[key];
    else c[key] = value;
  }
  return c;
}

/**
 * Keeps the dedupe keys (contactKeys) in step with an edited phone, email or company: the keys this
 * customer held for its old values are dropped, the new ones recorded (a key another customer holds stays theirs).
 */
async function syncContactKeys(app: AppContext, before: CustomerStored, after: CustomerStored): Promise<void> {
  const old = new Set(contactKeysOf(before));
  const now = new Set(contactKeysOf(after));
  const stale = [...old].filter((k) => !now.has(k));
  await Promise.all(stale.map((k) => app.models.ContactKey.deleteOne({ _id: k, customerId: after._id })));
  if ([...now].some((k) => !old.has(k))) await recordContactKeys(app.models, [{ _id: after._id, phone: after.phone, email: after.email, company: after.company }]);
}

/**
 * PATCH /api/customers/:id — attributes only (owner and status have their own routes). A
 * compare-and-set on `version`: with an expected version (body or If-Match) a concurrent change
 * answers 409; without one the edit is re-applied on the fresh customer. The edit and the flow's
 * re-scoring (customer-rescore.ts) are written in one update, and the version is bumped.
 */
export async function updateCustomer(
  app: AppContext,
  p: Principal,
  id: string,
  body: CustomerUpdate,
  expectedVersion: number | undefined,
): Promise<{ before: CustomerViewT; customer: CustomerViewT; rescore: RescoreViewT | null }> {
  const expected = body.version ?? expectedVersion;
  let read = await loadVisibleCustomer(app, p, id);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (expected !== undefined && expected !== read.version) throw versionConflict(read.version);
    const { $set, $unset } = changesOf(body);
    const rescore = await rescoreCustomer(app, edited(read, body));
    if (rescore) {
      for (const [key, value] of [['score', rescore.score], ['grade', rescore.grade]] as const) {
        if (value === null) {
          $unset[key] = 1;
          delete $set[key];
        } else $set[key] = value;
      }
      $set.tags = rescore.tags;
    }
    const update: Record<string, unknown> = { $inc: { version: 1 } };
    if (Object.keys($set).length) update.$set = $set;
    if (Object.keys($unset).length) update.$unset = $unset;
    const after = (await app.models.Customer.findOneAndUpdate({ _id: read._id, version: read.version }, update, { returnDocument: 'after', runValidators: true }).lean()) as CustomerStored | null;
    if (after) {
      await syncContactKeys(app, read, after);
      const now = app.now();
      const repNames = await repNamesFor(app, [read, after]);
      return { before: customerView(read, { now, repNames }), customer: customerView(after, { now, repNames }), rescore };
    }
    const fresh = (await app.models.Customer.findById(read._id).lean()) as CustomerStored | null;
    if (!fresh || !canSeeCustomer(p, fresh)) throw customerNotFound();
    read = fresh;
  }
  throw versionConflict(read.version);
}
