import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Rating } from '@startex/shared';
import { Dialog } from '../lib/Dialog.tsx';

/** A button that opens HSEEP's four rating definitions in a modal dialog (Escape, a tap outside or Close to leave). */
export function RatingDefinitions() {
  const { t } = useTranslation('evaluator');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="secondary eval-explain" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <span aria-hidden="true" className="eval-info-mark">?</span>
        {t('rating.explain')}
      </button>
      {open && (
        <Dialog title={t('rating.dialogTitle')} onClose={() => setOpen(false)} className="dialog-wide">
          <dl className="eval-definitions">
            {Rating.options.map((rating) => (
              <div key={rating} className={`eval-definition rating-${rating}`}>
                <dt><span className="eval-rating-letter">{rating}</span> {t(`common:rating.${rating}.name`)}</dt>
                <dd>{t(`common:rating.${rating}.definition`)}</dd>
              </div>
            ))}
          </dl>
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={() => setOpen(false)}>{t('rating.close')}</button>
          </div>
        </Dialog>
      )}
    </>
  );
}
