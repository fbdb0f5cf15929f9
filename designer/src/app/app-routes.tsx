import { Spin } from 'antd';
import { useEffect, type ReactNode } from 'react';
import type { Role } from '../api/auth.api';
import { LoginPage } from '../auth/login.page';
import { RefusedPage } from '../auth/refused.page';
import { canDesign, useSession } from '../auth/session.context';
import { EditorPage } from '../editor/editor.page';
import { FlowListPage } from '../flows/flow-list.page';
import { AppShell } from '../layout/app-shell';
import { NotFoundPage } from '../layout/not-found.page';
import { CustomersPage } from '../operations/customers.page';
import { TemplateGalleryPage } from '../templates/template-gallery.page';
import { matchPath, navigate, useLocation } from './router';

interface RouteDef {
  pattern: string;
  /** who may open it; everyone logged in when absent */
  roles?: readonly Role[];
  full?: boolean;
  render(params: Record<string, string>): ReactNode;
}

const DESIGNERS: readonly Role[] = ['admin', 'manager'];

/** Every page. Reps never reach the flow pages: they get the refusal page instead. */
export const ROUTES: readonly RouteDef[] = [
  { pattern: '/flows', roles: DESIGNERS, render: () => <FlowListPage /> },
  { pattern: '/flows/:id', roles: DESIGNERS, full: true, render: (p) => <EditorPage flowId={p.id ?? ''} /> },
  { pattern: '/templates', roles: DESIGNERS, render: () => <TemplateGalleryPage /> },
  { pattern: '/customers', render: () => <CustomersPage /> },
];

export function homeFor(role: Role): string {
  return canDesign(role) ? '/flows' : '/customers';
}

export function AppRoutes() {
  const location = useLocation();
  const { user } = useSession();
  const path = location.split('?')[0] ?? '/';

  useEffect(() => {
    if (user === null && path !== '/login') navigate(`/login?next=${encodeURIComponent(location)}`, { replace: true });
    if (user && (path === '/' || path === '/login')) navigate(homeFor(user.role), { replace: true });
  }, [user, path, location]);

  if (user === undefined) return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;
  if (user === null) return <LoginPage />;
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    const allowed = !route.roles || route.roles.includes(user.role);
    return <AppShell full={allowed && route.full === true}>{allowed ? route.render(params) : <RefusedPage />}</AppShell>;
  }
  return <AppShell>{path === '/' || path === '/login' ? null : <NotFoundPage />}</AppShell>;
}
