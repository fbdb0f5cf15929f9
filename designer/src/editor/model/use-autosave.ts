import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/http-client';
import { flowsApi } from '../../api/flows.api';
import type { DraftDoc } from './draft.types';

export type SaveState = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';
export const AUTOSAVE_DELAY_MS = 800;

/**
 * Saves the draft a moment after each committed edit, with the revision it was loaded at (compare-and-set):
 * a conflict (someone else saved meanwhile) stops autosaving and says so instead of overwriting their work.
 */
export function useAutosave(flowId: string, doc: DraftDoc, version: number, initialRevision: number, enabled: boolean) {
  const [state, setState] = useState<SaveState>('saved');
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const revision = useRef(initialRevision);
  const latest = useRef(doc);
  latest.current = doc;
  const saving = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const stopped = useRef(false);
  const failed = useRef(false);

  const save = async (): Promise<void> => {
    if (stopped.current) return;
    if (saving.current) {
      again.current = true;
      return saving.current;
    }
    const run = async () => {
      setState('saving');
      const d = latest.current;
      failed.current = false;
      try {
        const r = await flowsApi.save(flowId, { revision: revision.current, document: d, name: d.name, ...(d.description !== undefined ? { description: d.description } : {}) });
        revision.current = r.revision;
        setSavedAt(Date.now());
        setState(again.current || latest.current !== d ? 'pending' : 'saved');
      } catch (err) {
        failed.current = true;
        if (err instanceof ApiError && err.status === 409) {
          stopped.current = true;
          setState('conflict');
        } else setState('error');
      }
    };
    saving.current = run().finally(() => {
      saving.current = null;
      if (again.current) {
        again.current = false;
        void save();
      }
    });
    return saving.current;
  };

  useEffect(() => {
    if (!enabled || version === 0 || stopped.current) return;
    setState('pending');
    const timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [version, enabled]); // save() reads refs only

  /** Saves now (before publishing); resolves when the latest draft is stored. */
  const flush = async (): Promise<boolean> => {
    if (!enabled || stopped.current) return !stopped.current;
    await save();
    while (saving.current) await saving.current;
    return !stopped.current && !failed.current;
  };

  return { state, savedAt, flush, revision: () => revision.current };
}
