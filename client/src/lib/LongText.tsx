import { useId, useState } from 'react';
import { ChevronDown, ChevronUp } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Markdown } from './Markdown.tsx';

/** Longer than this (characters or lines), a text is folded until the reader asks for the rest. */
const FOLD_CHARS = 360;
const FOLD_LINES = 5;

/**
 * Text a person or a scenario wrote: wrapped at any point (an unbroken string never widens the
 * page) and, when long, folded to a few lines with "Show more", so one message cannot flood a feed.
 */
export function LongText({ text, className, markdown = false }: { text: string; className?: string | undefined; markdown?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  const long = text.length > FOLD_CHARS || text.split('\n').length > FOLD_LINES;
  const folded = long && !open;
  return (
    <div className={`long-text${folded ? ' is-folded' : ''}${className ? ` ${className}` : ''}`}>
      <div id={id} className="long-text-body">
        {markdown ? <Markdown text={text} /> : <p>{text}</p>}
      </div>
      {long && (
        <button type="button" className="link-button show-more" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          {open ? <ChevronUp aria-hidden="true" size={15} /> : <ChevronDown aria-hidden="true" size={15} />}
          {open ? t('showLess') : t('showMore')}
        </button>
      )}
    </div>
  );
}
