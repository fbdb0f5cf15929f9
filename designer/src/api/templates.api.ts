import type { InstallResultT, TemplateDetailT, TemplateSummaryT } from '../../../engine/services/templates/template.schemas';
import { api } from './http-client';

/** The template gallery (engine/api/routes/templates.routes.ts). */
export type { InstallResultT, TemplateDetailT, TemplateSummaryT };

export interface Bindings {
  team?: Record<string, string>;
  pool?: Record<string, string>;
  rep?: Record<string, string>;
}

export const templatesApi = {
  list: () => api<{ items: TemplateSummaryT[] }>('GET', '/api/templates'),
  get: (id: string) => api<TemplateDetailT>('GET', `/api/templates/${encodeURIComponent(id)}`),
  install: (id: string, body: { name?: string; bindings?: Bindings }) => api<InstallResultT>('POST', `/api/templates/${encodeURIComponent(id)}/install`, { body }),
};
