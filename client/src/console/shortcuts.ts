import { useEffect, useRef } from 'react';

export type ShortcutId =
  | 'ready'
  | 'start'
  | 'pauseResume'
  | 'jump'
  | 'jumpInject'
  | 'end'
  | 'close'
  | 'halt'
  | 'next'
  | 'previous'
  | 'release'
  | 'hold'
  | 'skip'
  | 'edit'
  | 'adhoc'
  | 'broadcast'
  | 'decide'
  | 'note'
  | 'reply'
  | 'help';

/** How the help dialog groups the shortcuts. */
export type ShortcutGroup = 'exercise' | 'inject' | 'play';

/**
 * Keys as `KeyboardEvent.key` values, letters in both cases; `label` is what buttons and the help show.
 * Single Latin letters, so they sit in the same place on English and Lithuanian keyboards.
 */
export const SHORTCUTS: { id: ShortcutId; group: ShortcutGroup; keys: string[]; label: string }[] = [
  { id: 'ready', group: 'exercise', keys: ['y', 'Y'], label: 'Y' },
  { id: 'start', group: 'exercise', keys: ['g', 'G'], label: 'G' },
  { id: 'pauseResume', group: 'exercise', keys: [' '], label: 'Space' },
  { id: 'jump', group: 'exercise', keys: ['n', 'N'], label: 'N' },
  { id: 'jumpInject', group: 'exercise', keys: ['m', 'M'], label: 'M' },
  { id: 'end', group: 'exercise', keys: ['x', 'X'], label: 'X' },
  { id: 'close', group: 'exercise', keys: ['c', 'C'], label: 'C' },
  { id: 'halt', group: 'exercise', keys: ['t', 'T'], label: 'T' },
  { id: 'next', group: 'inject', keys: ['j', 'J'], label: 'J' },
  { id: 'previous', group: 'inject', keys: ['k', 'K'], label: 'K' },
  { id: 'release', group: 'inject', keys: ['r', 'R'], label: 'R' },
  { id: 'hold', group: 'inject', keys: ['h', 'H'], label: 'H' },
  { id: 'skip', group: 'inject', keys: ['s', 'S'], label: 'S' },
  { id: 'edit', group: 'inject', keys: ['e', 'E'], label: 'E' },
  { id: 'adhoc', group: 'play', keys: ['a', 'A'], label: 'A' },
  { id: 'broadcast', group: 'play', keys: ['b', 'B'], label: 'B' },
  { id: 'decide', group: 'play', keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], label: '1–9' },
  { id: 'note', group: 'play', keys: ['l', 'L'], label: 'L' },
  { id: 'reply', group: 'play', keys: ['i', 'I'], label: 'I' },
  { id: 'help', group: 'play', keys: ['?'], label: '?' },
];

/** The key a button shows for its shortcut. */
export function shortcutLabel(id: ShortcutId): string {
  return SHORTCUTS.find((s) => s.id === id)!.label;
}

/** True while the user is typing, or when a key belongs to a focused control (Space on a button). */
function belongsToTarget(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.isContentEditable || target.closest('input, textarea, select, [role="dialog"], [role="menu"]')) return true;
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
      if (document.querySelector('[role="dialog"], [role="menu"]')) return;
      const shortcut = SHORTCUTS.find((s) => s.keys.includes(event.key));
      if (!shortcut) return;
      event.preventDefault();
      ref.current(shortcut.id, event.key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
