import type { ReactNode } from 'react';
import { Dialog as Radix } from 'radix-ui';

/**
 * A modal on Radix's Dialog (focus trapped and returned, Escape closes). i16-shell brings
 * lib/Dialog.tsx of the same shape for every view: when it lands, this file gives way to it.
 */
export function StudioDialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  return (
    <Radix.Root open onOpenChange={(open) => !open && onClose()}>
      <Radix.Portal>
        <Radix.Overlay className="studio-dialog-overlay" />
        <Radix.Content className={`studio-dialog${wide ? ' wide' : ''}`} aria-describedby={undefined}>
          <Radix.Title className="studio-dialog-title">{title}</Radix.Title>
          {children}
        </Radix.Content>
      </Radix.Portal>
    </Radix.Root>
  );
}
