import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { fragmentParam } from '../lib/fragment.ts';
import { JoinForm } from './JoinForm.tsx';
import { storageKeys } from './storage.ts';
import { TABLET_TABS, TabletView, type TabletTab } from './TabletView.tsx';
import './strings.ts';

/**
 * The participant tablet. The join code comes from the URL fragment (the QR code on the printed
 * sheet encodes /tablet#code=...) or the form, and is remembered so a reload or sleep loses nothing;
 * the open tab is the rest of the path.
 */
export function TabletPage() {
  const [code, setCode] = useState(() => fragmentParam('code') ?? localStorage.getItem(storageKeys.joinCode) ?? undefined);
  const param = useParams().tab;
  const tab: TabletTab = (TABLET_TABS as readonly string[]).includes(param ?? '') ? (param as TabletTab) : 'inbox';
  const navigate = useNavigate();

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
  return <TabletView key={code} code={code} tab={tab} onTab={(next) => void navigate(next === 'inbox' ? '/tablet' : `/tablet/${next}`, { replace: true })} onJoin={join} onLeave={leave} />;
}
