export type Role = 'admin' | 'manager' | 'rep';
import type { API_TOKEN_SCOPES } from '../../data/collections/api-token.model';

export type TokenScope = (typeof API_TOKEN_SCOPES)[number];

/** Who is calling: a logged-in user, or an integration's API token (which acts with admin's reach within its scopes). */
export interface Principal {
  kind: 'user' | 'apiToken' | 'anonymous';
  /** user id or token id */
  id: string;
  name: string;
  role: Role | 'integration' | 'anonymous';
  /** the rep this user is (role rep) */
  repId?: string;
  /** teams this caller can see: a manager's managed teams, a rep's own team */
  teamIds: string[];
  scopes: TokenScope[];
}

export const ANONYMOUS: Principal = { kind: 'anonymous', id: 'anonymous', name: 'anonymous', role: 'anonymous', teamIds: [], scopes: [] };
