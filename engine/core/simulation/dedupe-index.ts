import type { Customer } from '../model/customer.schema';
import type { ExistingCustomerRef } from '../nodes/node-definition';
import type { AllocationResult } from '../interpreter/allocation-result';

/**
 * The customers a simulation has already placed, indexed by phone, email and company, so a `dedupe` node
 * sees what the database would show it: the existing customers sharing one of them with the incoming one.
 */
const phoneKey = (v: string | undefined): string | undefined => {
  const d = v?.replace(/\D/g, '');
  return d ? d : undefined;
};
const textKey = (v: string | undefined): string | undefined => {
  const t = v?.trim().toLowerCase();
  return t ? t : undefined;
};

export class DedupeIndex {
  private readonly byPhone = new Map<string, ExistingCustomerRef[]>();
  private readonly byEmail = new Map<string, ExistingCustomerRef[]>();
  private readonly byCompany = new Map<string, ExistingCustomerRef[]>();

  matches(c: Customer): ExistingCustomerRef[] {
    const out: ExistingCustomerRef[] = [];
    const add = (list: ExistingCustomerRef[] | undefined) => {
      if (list) for (const ref of list) if (!out.includes(ref)) out.push(ref);
    };
    const p = phoneKey(c.phone);
    const e = textKey(c.email);
    const k = textKey(c.company);
    if (p) add(this.byPhone.get(p));
    if (e) add(this.byEmail.get(e));
    if (k) add(this.byCompany.get(k));
    return out;
  }

  /** Remembers a customer the flow kept (a duplicate is merged into the one it matched, so it is not added). */
  add(c: Customer, result: AllocationResult): void {
    if (result.outcome === 'duplicate') return;
    const ref: ExistingCustomerRef = { id: c.id, name: c.name, status: result.customer.status };
    if (result.ownerId !== undefined) ref.ownerId = result.ownerId;
    if (c.phone !== undefined) ref.phone = c.phone;
    if (c.email !== undefined) ref.email = c.email;
    if (c.company !== undefined) ref.company = c.company;
    const put = (map: Map<string, ExistingCustomerRef[]>, key: string | undefined) => {
      if (!key) return;
      const list = map.get(key);
      if (list) list.push(ref);
      else map.set(key, [ref]);
    };
    put(this.byPhone, phoneKey(c.phone));
    put(this.byEmail, textKey(c.email));
    put(this.byCompany, textKey(c.company));
  }
}
