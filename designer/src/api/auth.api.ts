import { api } from './http-client';

export type Role = 'admin' | 'manager' | 'rep';

/** GET /api/auth/me */
export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  repId: string | null;
  teamIds: string[];
  locale: string;
}

export const authApi = {
  login: (email: string, password: string) =>
    api<{ token: string; expiresAt: string; user: Me }>('POST', '/api/auth/login', { body: { email, password }, quiet401: true }),
  me: () => api<Me>('GET', '/api/auth/me', { quiet401: true }),
  logout: () => api<{ ok: boolean }>('POST', '/api/auth/logout'),
};
