import { useCallback, useState } from 'react';
import { loadJson, storageKeys } from './storage.ts';

/** Which injects this device has opened, remembered across reloads (read state is per device). */
export function useReadState(code: string): { read: ReadonlySet<string>; markRead: (injectId: string) => void } {
  const key = storageKeys.read(code);
  const [read, setRead] = useState<ReadonlySet<string>>(() => new Set(loadJson<string[]>(key, [])));
  const markRead = useCallback(
    (injectId: string) =>
      setRead((current) => {
        if (current.has(injectId)) return current;
        const next = new Set(current).add(injectId);
        localStorage.setItem(key, JSON.stringify([...next]));
        return next;
      }),
    [key],
  );
  return { read, markRead };
}
