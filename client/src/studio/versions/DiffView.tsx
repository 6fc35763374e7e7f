import { useTranslation } from 'react-i18next';
import type { FieldChange, ScenarioDiff } from '@startex/scenarios/browser';
import { valueWords } from './valueWords.ts';

function FieldChanges({ changes }: { changes: FieldChange[] }) {
  const { t } = useTranslation('studio');
  return (
    <table className="studio-table diff-fields">
      <thead>
        <tr>
          <th scope="col">{t('diff.field')}</th>
          <th scope="col">{t('diff.before')}</th>
          <th scope="col">{t('diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c, i) => (
          <tr key={i}>
            <th scope="row">{c.path.map((p) => t(`field.${p}`, { defaultValue: p })).join(' › ')}</th>
            <td className="diff-before">{valueWords(c.before)}</td>
            <td className="diff-after">{valueWords(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What changed between two versions: settings field by field, and per part the things added, removed, changed and moved. */
export function DiffView({ diff }: { diff: ScenarioDiff }) {
  const { t } = useTranslation('studio');
  if (diff.identical) return <p className="empty">{t('diff.identical')}</p>;
  return (
    <div className="diff">
      <p>{t('diff.counts', diff.counts)}</p>
      {diff.settings.length > 0 && (
        <section aria-labelledby="diff-settings">
          <h4 id="diff-settings">{t('section.settings')}</h4>
          <FieldChanges changes={diff.settings} />
        </section>
      )}
      {diff.parts.map((part) => (
        <section key={part.part} aria-labelledby={`diff-${part.part}`}>
          <h4 id={`diff-${part.part}`}>{t(`part.${part.part}`)}</h4>
          <ul className="diff-items">
            {part.changes.map((change, i) => (
              <li key={`${change.id}-${i}`} className={`diff-${change.change}`}>
                <strong>{t(`diff.${change.change}`)}</strong> {change.title || change.id}
                {change.change === 'changed' && change.moved && <span className="hint"> {t('diff.moved', { from: change.moved.from + 1, to: change.moved.to + 1 })}</span>}
                {change.change === 'changed' && change.fields.length > 0 && <FieldChanges changes={change.fields} />}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
