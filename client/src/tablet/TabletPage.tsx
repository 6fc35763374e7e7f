import { useEffect, useState } from 'react';
import { fragmentParam } from '../lib/fragment.ts';
import { JoinForm } from './JoinForm.tsx';
import { storageKeys } from './storage.ts';
import { TabletView } from './TabletView.tsx';
import './strings.ts';

/**
 * The participant tablet. The join code comes from the URL fragment (the QR code on the printed
 * sheet encodes /tablet#code=...) or the form, and is remembered so a reload or sleep loses nothing.
 */
export function TabletPage() {
  const [code, setCode] = useState(() => fragmentParam('code') ?? localStorage.getItem(storageKeys.joinCode) ?? undefined);

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
