import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Rating } from '@startex/shared';

/** A button that opens HSEEP's four rating definitions in a modal dialog (Esc or Close to leave). */
export function RatingDefinitions() {
  const { t } = useTranslation('evaluator');
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" className="secondary eval-explain" aria-haspopup="dialog" onClick={() => dialog.current?.showModal()}>
        <span aria-hidden="true" className="eval-info-mark">?</span>
        {t('rating.explain')}
      </button>
      <dialog
        ref={dialog}
        className="eval-dialog"
        aria-labelledby="rating-definitions-title"
        onClick={(e) => { if (e.target === dialog.current) dialog.current.close(); }}
      >
        <h2 id="rating-definitions-title">{t('rating.dialogTitle')}</h2>
        <dl className="eval-definitions">
          {Rating.options.map((rating) => (
            <div key={rating} className={`eval-definition rating-${rating}`}>
              <dt><span className="eval-rating-letter">{rating}</span> {t(`common:rating.${rating}.name`)}</dt>
              <dd>{t(`common:rating.${rating}.definition`)}</dd>
            </div>
          ))}
        </dl>
        <button type="button" autoFocus onClick={() => dialog.current?.close()}>{t('rating.close')}</button>
      </dialog>
    </>
  );
}
