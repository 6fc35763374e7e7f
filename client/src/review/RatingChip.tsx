import { useTranslation } from 'react-i18next';
import type { Rating } from '@startex/shared';

/** A rating as a chip: its letter and name, coloured by level, never by colour alone. */
export function RatingChip({ rating }: { rating: Rating }) {
  const { t } = useTranslation('review');
  return (
    <span className={`rating-chip rating-${rating}`}>
      <span className="rating-letter" aria-hidden="true">{rating}</span> {t(`common:rating.${rating}.name`)}
    </span>
  );
}
