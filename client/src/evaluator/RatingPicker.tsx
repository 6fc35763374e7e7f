import { useTranslation } from 'react-i18next';
import { Rating } from '@startex/shared';
import { RatingDefinitions } from './RatingDefinitions.tsx';

/** The proposed P/S/M/U rating as large radio buttons, each with its name, and the definitions a tap away. */
export function RatingPicker({ value, onChange }: { value: Rating | undefined; onChange: (rating: Rating | undefined) => void }) {
  const { t } = useTranslation('evaluator');
  const choices: (Rating | undefined)[] = [undefined, ...Rating.options];
  return (
    <fieldset className="eval-choices eval-ratings">
      <legend>{t('rating.legend')}</legend>
      <div className="eval-choice-row">
        {choices.map((rating) => (
          <label key={rating ?? 'none'} className={`eval-choice rating-${rating ?? 'none'}`}>
            <input type="radio" name="rating" checked={value === rating} onChange={() => onChange(rating)} />
            {rating ? (
              <span><span className="eval-rating-letter">{rating}</span> {t(`common:rating.${rating}.name`)}</span>
            ) : (
              <span>{t('rating.none')}</span>
            )}
          </label>
        ))}
      </div>
      <RatingDefinitions />
    </fieldset>
  );
}
