import { useCallback, useState } from 'react';
import { loadJson } from './storage.ts';

/** Ids this device has read (injects opened, messages seen), remembered across reloads: read state is per device. */
export function useReadState(key: string): { read: ReadonlySet<string>; markRead: (...ids: string[]) => void } {
  const [read, setRead] = useState<ReadonlySet<string>>(() => new Set(loadJson<string[]>(key, [])));
  const markRead = useCallback(
    (...ids: string[]) =>
      setRead((current) => {
        if (ids.every((id) => current.has(id))) return current;
        const next = new Set([...current, ...ids]);
        localStorage.setItem(key, JSON.stringify([...next]));
        return next;
      }),
    [key],
  );
  return { read, markRead };
}
