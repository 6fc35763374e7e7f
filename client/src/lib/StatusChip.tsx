import type { ReactNode } from 'react';

/** A status as words with a symbol and colour, so it never depends on colour alone. */
export function StatusChip({ tone, children, title }: { tone: string; children: ReactNode; title?: string | undefined }) {
  return (
    <span className={`chip chip-${tone}`} title={title}>
      {children}
    </span>
  );
}
