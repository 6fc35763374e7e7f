import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftConflict, MergeView } from '@startex/shared';
import { resolveConflict, type MergeConflict } from '@startex/scenarios/browser';
import { errorText } from '../../i18n/errorText.ts';
import type { ApiError } from '../../lib/api.ts';
import type { StudioDocument } from '../document/studioDocument.ts';
import { StudioDialog } from '../StudioDialog.tsx';
import { studioApi } from '../studioApi.ts';
import { valueWords } from './valueWords.ts';

type Choice = 'yours' | 'theirs' | 'base';

/**
 * A save was refused because someone saved newer: the server merges both authors' changes thing
 * by thing and field by field; where both changed the same field, the author picks per field
 * (theirs, yours, or as it was), and nothing either typed is lost.
 */
export function MergeDialog({ scenarioId, baseRef, theirs, document, onMerged, onClose }: {
  scenarioId: string;
  baseRef: string;
  theirs: DraftConflict;
  document: StudioDocument;
  onMerged(document: StudioDocument): void;
  onClose(): void;
}) {
  const { t } = useTranslation('studio');
  const [merge, setMerge] = useState<MergeView | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [choices, setChoices] = useState<Choice[]>([]);
  // Exactly the revision the save collided with: the merged document is saved over that one.
  const theirsRef = theirs.kind === 'draft' ? `r${theirs.revision}` : `v${theirs.version}`;

  useEffect(() => {
    void studioApi.merge(scenarioId, baseRef, theirsRef, document).then((r) => {
      if (!r.ok) return setError(r.error);
      setMerge(r.value);
      setChoices(r.value.conflicts.map(() => 'yours'));
    });
  }, [scenarioId, baseRef, theirsRef, document]);

  const who = theirs.kind === 'draft' ? theirs.savedBy.displayName : (theirs.publishedBy?.displayName ?? t('merge.someone'));
  const finish = () => {
    if (!merge) return;
    const resolved = merge.conflicts.reduce<StudioDocument>((d, conflict: MergeConflict, i) => (choices[i] === 'yours' ? d : resolveConflict(d, conflict, choices[i]!)), merge.document);
    onMerged(resolved);
  };
  return (
    <StudioDialog title={t('merge.title')} onClose={onClose} wide>
      <p>{theirs.kind === 'draft' ? t('merge.intro', { who, revision: theirs.revision }) : t('merge.introVersion', { who, version: theirs.version })}</p>
      {error && <p role="alert" className="error">{errorText(error)}</p>}
      {!merge && !error && <p>{t('merge.working')}</p>}
      {merge && merge.conflicts.length === 0 && <p>{t('merge.clean')}</p>}
      {merge && merge.conflicts.length > 0 && (
        <>
          <p>{t('merge.conflicts', { count: merge.conflicts.length })}</p>
          <ol className="merge-conflicts">
            {merge.conflicts.map((conflict, i) => (
              <li key={conflict.path.join('/')}>
                <fieldset>
                  <legend>
                    {t(`part.${conflict.part}`, { defaultValue: t(`field.${conflict.part}`, { defaultValue: conflict.part }) })}: {conflict.title} — {conflict.path.slice(2).map((p) => t(`field.${p}`, { defaultValue: p })).join(' › ') || conflict.path.slice(1).join(' › ')}{' '}
                    <span className="hint">({t(`merge.kind.${conflict.kind}`)})</span>
                  </legend>
                  {(['theirs', 'yours', 'base'] as const).map((choice) => (
                    <label key={choice} className="check merge-choice">
                      <input type="radio" name={`conflict-${i}`} checked={choices[i] === choice} onChange={() => setChoices(choices.map((c, j) => (j === i ? choice : c)))} />
                      <span className="merge-side">{t(`merge.${choice}`, { who })}</span>
                      <span className="merge-value">{valueWords(conflict[choice])}</span>
                    </label>
                  ))}
                </fieldset>
              </li>
            ))}
          </ol>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onClose}>{t('cancel')}</button>
        <button type="button" disabled={!merge} onClick={finish}>{t('merge.save')}</button>
      </div>
    </StudioDialog>
  );
}
