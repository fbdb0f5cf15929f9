import type { CustomerViewT } from '../../../engine/services/customers/customer.schemas';
import type { JobViewT } from '../../../engine/services/imports/job.schemas';
import { api } from './http-client';

/** Customers, the import and its job (engine/api/routes/customers.routes.ts, imports.routes.ts, jobs.routes.ts). */
export type { CustomerViewT, JobViewT };

export interface CustomerFilter {
  status?: string;
  grade?: string;
  owner?: string;
  q?: string;
}

export const customersApi = {
  list: (filter: CustomerFilter, cursor?: string | null, limit = 50) =>
    api<{ items: CustomerViewT[]; nextCursor: string | null }>('GET', '/api/customers', { query: { ...filter, cursor: cursor ?? undefined, limit } }),
  import: (file: File) => {
    const name = file.name.toLowerCase();
    const format = name.endsWith('.json') ? 'json' : name.endsWith('.ndjson') ? 'ndjson' : 'csv';
    return api<{ jobId: string; statusUrl: string; ignoredColumns: string[] }>('POST', '/api/customers/import', {
      raw: file,
      contentType: format === 'csv' ? 'text/csv' : format === 'json' ? 'application/json' : 'application/x-ndjson',
      query: { format, fileName: file.name.slice(0, 200) },
    });
  },
  job: (id: string) => api<JobViewT>('GET', `/api/jobs/${encodeURIComponent(id)}`),
};
