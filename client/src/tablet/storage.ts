/** Per-device tablet storage, keyed by join code so two exercises on one tablet never mix. */
export const storageKeys = {
  joinCode: 'startex.joinCode',
  outbox: (code: string) => `startex.tablet.outbox.${code}`,
  read: (code: string) => `startex.tablet.read.${code}`,
  readMessages: (code: string) => `startex.tablet.readMessages.${code}`,
  /** Sound and vibration for messages from control: off until the person turns them on (per device). */
  alerts: 'startex.tablet.alerts',
  cache: (code: string) => `startex.tablet.cache.${code}`,
};

export function loadJson<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}
