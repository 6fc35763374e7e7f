/** Exercise time as HH:MM:SS (hours may pass 24 in a long exercise). */
export function clock(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/** A duration as minutes with one decimal, or a dash. */
export function minutes(ms: number | undefined): string {
  return ms === undefined ? '—' : `${(ms / 60_000).toFixed(1)} min`;
}

export { newKey } from '../tablet/newKey.ts';
