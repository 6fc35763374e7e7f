import type { ReactNode } from 'react';
import { Dialog as Radix } from 'radix-ui';
import type { ErrorDetail } from '@startex/shared';

/**
 * A modal dialog on Radix's primitive (focus trapped and returned, the page behind inert, Escape and
 * a click outside close it through `onClose`), with a catalogue error shown inside it so nothing
 * typed is lost when the server refuses.
 */
export function Dialog({
  title,
  onClose,
  children,
  className,
  error,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  error?: ErrorDetail | undefined;
}) {
  return (
    <Radix.Root open onOpenChange={(open) => !open && onClose()}>
      <Radix.Portal>
        <Radix.Overlay className="dialog-overlay" />
        <Radix.Content className={`dialog ${className ?? ''}`} aria-describedby={undefined}>
          <Radix.Title className="dialog-title">{title}</Radix.Title>
          {children}
          {error && (
            <p role="alert" className="error">
              {error.message} ({error.code})
            </p>
          )}
        </Radix.Content>
      </Radix.Portal>
    </Radix.Root>
  );
}
