import { Types } from 'mongoose';
import type { Customer } from '../../core/model/customer.schema';
import { normalizeCompany, normalizeEmail, normalizePhone } from '../../data/normalize-contact';
import type { CustomerIntake } from '../customers/customer-input.schema';

/** The engine's working customer for a new intake (not stored yet; the id is reserved). */
export function newEngineCustomer(input: CustomerIntake, now: number, id = new Types.ObjectId().toString()): Customer {
  const { attributes, tags, ...fields } = input;
  return {
    ...fields,
    id,
    tags: [...new Set(tags ?? [])],
    status: 'new',
    collaboratorIds: [],
    previousOwners: [],
    createdAt: now,
    attributes: { ...(attributes ?? {}) },
  };
}

const oidOrUndefined = (id: string | undefined) => (id ? new Types.ObjectId(id) : undefined);

/** The stored document for a customer as the flow left it. */
export function toCustomerDocument(c: Customer, extra: { protectedUntil?: number; needsLifecycle: boolean }): Record<string, unknown> {
  return {
    _id: new Types.ObjectId(c.id),
    name: c.name,
    company: c.company,
    phone: c.phone,
    email: c.email,
    phoneNormalized: c.phone ? normalizePhone(c.phone) : undefined,
    emailNormalized: c.email ? normalizeEmail(c.email) : undefined,
    companyNormalized: c.company ? normalizeCompany(c.company) : undefined,
    industry: c.industry,
    province: c.province,
    city: c.city,
    size: c.size,
    source: c.source,
    language: c.language,
    productLine: c.productLine,
    estimatedValue: c.estimatedValue,
    churnRisk: c.churnRisk,
    tags: c.tags,
    score: c.score,
    grade: c.grade,
    status: c.status,
    ownerId: oidOrUndefined(c.ownerId),
    teamId: oidOrUndefined(c.teamId),
    poolId: oidOrUndefined(c.poolId),
    collaboratorIds: c.collaboratorIds.map((id) => new Types.ObjectId(id)),
    assignedAt: c.assignedAt ? new Date(c.assignedAt) : undefined,
    protectedUntil: extra.protectedUntil ? new Date(extra.protectedUntil) : undefined,
    attributes: Object.entries(c.attributes).map(([key, value]) => ({ key, value })),
    lifecycle: { needsStart: extra.needsLifecycle, workflowId: `customer-${c.id}` },
    version: 0,
    createdAt: new Date(c.createdAt),
  };
}
