import type {
  ActivationViewT, DiffViewT, FlowDetailT, FlowListT, FlowSavedT, FlowSummaryT, FlowVersionDetailT, FlowVersionSummaryT, ValidationViewT,
} from '../../../engine/services/flows/flow.schemas';
import { api } from './http-client';

/** The flows API (engine/api/routes/flows.routes.ts, flow-versions.routes.ts); response types come from its schemas. */
export type { ActivationViewT, DiffViewT, FlowDetailT, FlowListT, FlowSavedT, FlowSummaryT, FlowVersionDetailT, FlowVersionSummaryT, ValidationViewT };

export const flowsApi = {
  list: (includeArchived = false) => api<FlowListT>('GET', '/api/flows', { query: { includeArchived } }),
  get: (id: string) => api<FlowDetailT>('GET', `/api/flows/${encodeURIComponent(id)}`),
  create: (body: { name: string; description?: string; kind: string; trigger: string; document?: unknown }) =>
    api<FlowDetailT>('POST', '/api/flows', { body }),
  save: (id: string, body: { revision: number; document: unknown; name?: string; description?: string }) =>
    api<FlowSavedT>('PUT', `/api/flows/${encodeURIComponent(id)}`, { body }),
  archive: (id: string) => api<FlowSummaryT>('DELETE', `/api/flows/${encodeURIComponent(id)}`),
  duplicate: (id: string, name?: string) => api<FlowDetailT>('POST', `/api/flows/${encodeURIComponent(id)}/duplicate`, { body: name ? { name } : {} }),
  validate: (document: unknown) => api<ValidationViewT>('POST', '/api/flows/validate', { body: { document } }),
  publish: (id: string, body: { note?: string; fromVersionId?: string }) =>
    api<FlowVersionDetailT>('POST', `/api/flows/${encodeURIComponent(id)}/publish`, { body }),
  versions: (id: string) => api<{ items: FlowVersionSummaryT[] }>('GET', `/api/flows/${encodeURIComponent(id)}/versions`),
  version: (versionId: string) => api<FlowVersionDetailT>('GET', `/api/flow-versions/${encodeURIComponent(versionId)}`),
  activate: (versionId: string) => api<ActivationViewT>('POST', `/api/flow-versions/${encodeURIComponent(versionId)}/activate`),
  /** `from` / `to`: a version id, `draft` or `active` */
  diff: (id: string, from: string, to: string) => api<DiffViewT>('GET', `/api/flows/${encodeURIComponent(id)}/diff`, { query: { from, to } }),
};
