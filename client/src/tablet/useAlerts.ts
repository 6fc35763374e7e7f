import { useEffect, useRef, useState } from 'react';
import { storageKeys } from './storage.ts';

/**
 * A short tone and a vibration when a new message from control arrives, if the person turned them on
 * (browsers allow sound only after a tap, which turning it on is). Off by default: a tablet in a quiet
 * room must not beep unasked.
 */
export function useAlerts(latestSeq: number | undefined): { enabled: boolean; setEnabled: (on: boolean) => void } {
  const [enabled, setEnabledState] = useState(() => localStorage.getItem(storageKeys.alerts) === 'on');
  const audio = useRef<AudioContext | undefined>(undefined);
  const alerted = useRef(latestSeq);

  const setEnabled = (on: boolean) => {
    localStorage.setItem(storageKeys.alerts, on ? 'on' : 'off');
    setEnabledState(on);
    if (on) audio.current ??= new AudioContext();
  };

  useEffect(() => {
    if (latestSeq === undefined || latestSeq === alerted.current) return;
    const isNew = alerted.current !== undefined;
    alerted.current = latestSeq;
    if (!enabled || !isNew) return;
    navigator.vibrate?.([200, 100, 200]);
    const context = audio.current;
    if (!context) return;
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.2, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.6);
    tone.connect(gain).connect(context.destination);
    tone.start();
    tone.stop(context.currentTime + 0.6);
  }, [latestSeq, enabled]);

  return { enabled, setEnabled };
}
