import { useTranslation } from 'react-i18next';
import { ObservationKind } from '@startex/shared';

/** A symbol beside each tag, so the tag never depends on colour alone. */
export const KIND_SYMBOL: Record<ObservationKind, string> = { strength: '✚', 'area-for-improvement': '▲', note: '✎' };

/** Strength, area for improvement or note, as large radio buttons. */
export function KindPicker({ value, onChange }: { value: ObservationKind; onChange: (kind: ObservationKind) => void }) {
  const { t } = useTranslation('evaluator');
  return (
    <fieldset className="eval-choices">
      <legend>{t('kind.legend')}</legend>
      <div className="eval-choice-row">
        {ObservationKind.options.map((kind) => (
          <label key={kind} className={`eval-choice kind-${kind}`}>
            <input type="radio" name="kind" checked={value === kind} onChange={() => onChange(kind)} />
            <span><span aria-hidden="true">{KIND_SYMBOL[kind]} </span>{t(`kind.${kind}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
