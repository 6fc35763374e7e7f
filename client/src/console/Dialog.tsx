import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { ErrorDetail } from '@startex/shared';

/**
 * A modal on the native <dialog>: the browser traps focus, makes the page behind inert and
 * closes on Escape (reported through `onClose`).
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
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`console-dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
      {error && (
        <p role="alert" className="error">
          {error.message} ({error.code})
        </p>
      )}
    </dialog>
  );
}
