import { createContext, useContext } from 'react';
import type { Locale } from '../../../../engine/core/common/localized';
import type { OrgRefs } from '../../api/org.api';
import type { PlacedError } from '../validation/validate-draft';

/** What every field of a property form may need: the organisation's names, the node's errors, the language. */
export interface FormEnv {
  locale: Locale;
  refs: OrgRefs | null;
  errors: readonly PlacedError[];
  nodeId: string;
}

export const FormEnvContext = createContext<FormEnv | null>(null);

export function useFormEnv(): FormEnv {
  const env = useContext(FormEnvContext);
  if (!env) throw new Error('useFormEnv outside a property form');
  return env;
}

/** Element id of a field, so a validation error can scroll to it. */
export const fieldDomId = (nodeId: string, pointer: string): string => `pf-${nodeId}-${pointer.replace(/[^A-Za-z0-9_-]/g, '_')}`;
