import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi, type Me, type Role } from '../api/auth.api';
import { ApiError, onUnauthenticated } from '../api/http-client';

interface Session {
  /** undefined while the first /me call runs; null when logged out */
  user: Me | null | undefined;
  login(email: string, password: string): Promise<Me>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    authApi.me().then(
      (me) => live && setUser(me),
      (err: unknown) => live && (err instanceof ApiError && err.status === 401 ? setUser(null) : setUser(null)),
    );
    const off = onUnauthenticated(() => setUser(null));
    return () => {
      live = false;
      off();
    };
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const r = await authApi.login(email, password);
    setUser(r.user);
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, login, logout }), [user, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Roles that may design flows (the editor, the flow list, templates). */
export const DESIGNER_ROLES: readonly Role[] = ['admin', 'manager'];
export const canDesign = (role: Role | undefined): boolean => role !== undefined && DESIGNER_ROLES.includes(role);
