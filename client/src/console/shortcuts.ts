import { useEffect, useRef } from 'react';

export type ShortcutId = 'pauseResume' | 'jump' | 'next' | 'previous' | 'release' | 'hold' | 'skip' | 'edit' | 'adhoc' | 'broadcast' | 'decide' | 'help';

/** Keys as `KeyboardEvent.key` values; `label` is what the help shows. */
export const SHORTCUTS: { id: ShortcutId; keys: string[]; label?: string }[] = [
  { id: 'pauseResume', keys: [' '], label: 'Space' },
  { id: 'jump', keys: ['n', 'N'], label: 'N' },
  { id: 'next', keys: ['j', 'J'], label: 'J' },
  { id: 'previous', keys: ['k', 'K'], label: 'K' },
  { id: 'release', keys: ['r', 'R'], label: 'R' },
  { id: 'hold', keys: ['h', 'H'], label: 'H' },
  { id: 'skip', keys: ['s', 'S'], label: 'S' },
  { id: 'edit', keys: ['e', 'E'], label: 'E' },
  { id: 'adhoc', keys: ['a', 'A'], label: 'A' },
  { id: 'broadcast', keys: ['b', 'B'], label: 'B' },
  { id: 'decide', keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], label: '1–9' },
  { id: 'help', keys: ['?'], label: '?' },
];

/** True while the user is typing, or when a key belongs to a focused control (Space on a button). */
function belongsToTarget(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.isContentEditable || target.closest('input, textarea, select, dialog')) return true;
  return event.key === ' ' && !!target.closest('button, a, [role="button"], summary, .react-flow');
}

/** Calls `handler(id, key)` for console shortcuts; never while typing, in a dialog or with modifiers. */
export function useShortcuts(handler: (id: ShortcutId, key: string) => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      if (belongsToTarget(event)) return;
      if (document.querySelector('dialog[open]')) return;
      const shortcut = SHORTCUTS.find((s) => s.keys.includes(event.key));
      if (!shortcut) return;
      event.preventDefault();
      ref.current(shortcut.id, event.key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
