import { useEffect } from 'react';

export interface ShortcutActions {
  undo(): void;
  redo(): void;
  copy(): void;
  paste(): void;
  selectAll(): void;
}

/** Whether a key event comes from somewhere that types text (forms keep their own undo and copy). */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return el.isContentEditable || !!el.closest('input, textarea, select, [contenteditable="true"], .ant-select, .allot-side');
}

/** Ctrl/⌘ + Z, Shift+Z or Y, C, V, A on the canvas. */
export function useEditorShortcuts(actions: ShortcutActions, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTypingTarget(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) actions.undo();
      else if ((k === 'z' && e.shiftKey) || k === 'y') actions.redo();
      else if (k === 'c') actions.copy();
      else if (k === 'v') actions.paste();
      else if (k === 'a') actions.selectAll();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, enabled]);
}
