import { useEffect, useState } from 'react';
import { JoinForm } from './JoinForm.tsx';
import { storageKeys } from './storage.ts';
import { TabletView } from './TabletView.tsx';
import './strings.ts';

/**
 * The participant tablet. The join code comes from the URL fragment (the QR code on the printed
 * sheet encodes /tablet#code=...) or the form, and is remembered so a reload or sleep loses nothing.
 */
export function TabletPage({ initialCode }: { initialCode: string | undefined }) {
  const [code, setCode] = useState(() => initialCode ?? localStorage.getItem(storageKeys.joinCode) ?? undefined);

  useEffect(() => {
    if (code) localStorage.setItem(storageKeys.joinCode, code);
  }, [code]);

  function join(newCode: string) {
    window.history.replaceState(null, '', `/tablet#code=${encodeURIComponent(newCode)}`);
    setCode(newCode);
  }

  function leave() {
    localStorage.removeItem(storageKeys.joinCode);
    if (code) localStorage.removeItem(storageKeys.cache(code));
    window.history.replaceState(null, '', '/tablet');
    setCode(undefined);
  }

  if (!code) return <JoinForm onJoin={join} />;
  return <TabletView key={code} code={code} onJoin={join} onLeave={leave} />;
}
