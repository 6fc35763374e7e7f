import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, EVIDENCE_KINDS, LEVELS, NEED_PRIORITIES, PROGRAMME_FUNCTIONS, type CapabilityView, type EvidenceKind, type SurveyRow } from '@startex/shared';

/** A need as its form holds it: text in every field until it is sent. */
export interface NeedDraft {
  function: SurveyRow['function'];
  capabilityId: string;
  competence: string;
  targetGroup: string;
  headcount: string;
  requiredLevel: string;
  currentLevel: string;
  priority: SurveyRow['priority'];
  evidenceKind: EvidenceKind | '';
  evidenceNote: string;
  intervention: string;
  reviewDate: string;
}

export const EMPTY_NEED: NeedDraft = {
  function: 'detection',
  capabilityId: '',
  competence: '',
  targetGroup: '',
  headcount: '0',
  requiredLevel: '3',
  currentLevel: '',
  priority: 'medium',
  evidenceKind: '',
  evidenceNote: '',
  intervention: '',
  reviewDate: '',
};

/** The body the server checks; what it refuses comes back as a catalogue error. */
export function needFields(draft: NeedDraft): SurveyRow {
  return {
    function: draft.function,
    ...(draft.capabilityId ? { capabilityId: draft.capabilityId } : {}),
    ...(draft.competence.trim() ? { competence: draft.competence.trim() } : {}),
    targetGroup: draft.targetGroup.trim(),
    headcount: Number(draft.headcount),
    requiredLevel: Number(draft.requiredLevel) as SurveyRow['requiredLevel'],
    ...(draft.currentLevel ? { currentLevel: Number(draft.currentLevel) as SurveyRow['requiredLevel'] } : {}),
    priority: draft.priority,
    evidence: draft.evidenceKind ? [{ kind: draft.evidenceKind, note: draft.evidenceNote.trim() }] : [],
    ...(draft.intervention ? { intervention: draft.intervention as SurveyRow['intervention'] } : {}),
    ...(draft.reviewDate ? { reviewDate: draft.reviewDate } : {}),
  };
}

export function draftOf(row: SurveyRow): NeedDraft {
  return {
    function: row.function,
    capabilityId: row.capabilityId ?? '',
    competence: row.competence ?? '',
    targetGroup: row.targetGroup,
    headcount: String(row.headcount),
    requiredLevel: String(row.requiredLevel),
    currentLevel: row.currentLevel === undefined ? '' : String(row.currentLevel),
    priority: row.priority,
    evidenceKind: row.evidence[0]?.kind ?? '',
    evidenceNote: row.evidence[0]?.note ?? '',
    intervention: row.intervention ?? '',
    reviewDate: row.reviewDate ?? '',
  };
}

/** The fields of one need (a survey row or the centre's form); the evidence fields only where the form asks for them. */
export function NeedFields({ value, onChange, capabilities, withEvidence }: { value: NeedDraft; onChange: (next: NeedDraft) => void; capabilities: readonly CapabilityView[]; withEvidence: boolean }) {
  const { t } = useTranslation('programme');
  const id = useId();
  const set = <K extends keyof NeedDraft>(key: K, v: NeedDraft[K]) => onChange({ ...value, [key]: v });
  const field = (key: keyof NeedDraft, label: string, control: React.ReactNode, wide = false) => (
    <div className={`plan-field${wide ? ' wide' : ''}`}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {control}
    </div>
  );
  return (
    <div className="plan-grid">
      {field(
        'function',
        t('field.function'),
        <select id={`${id}-function`} value={value.function} onChange={(e) => set('function', e.target.value as NeedDraft['function'])}>
          {PROGRAMME_FUNCTIONS.map((f) => <option key={f} value={f}>{t(`function.${f}`)}</option>)}
        </select>,
      )}
      {field(
        'capabilityId',
        t('field.capability'),
        <select id={`${id}-capabilityId`} value={value.capabilityId} onChange={(e) => set('capabilityId', e.target.value)}>
          <option value="">—</option>
          {PROGRAMME_FUNCTIONS.map((f) => (
            <optgroup key={f} label={t(`function.${f}`)}>
              {capabilities.filter((c) => c.function === f).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </optgroup>
          ))}
        </select>,
      )}
      {field('competence', t('field.competence'), <input id={`${id}-competence`} value={value.competence} maxLength={200} onChange={(e) => set('competence', e.target.value)} />, true)}
      {field('targetGroup', t('field.targetGroup'), <input id={`${id}-targetGroup`} value={value.targetGroup} maxLength={200} onChange={(e) => set('targetGroup', e.target.value)} />)}
      {field('headcount', t('field.headcount'), <input id={`${id}-headcount`} type="number" min={0} value={value.headcount} onChange={(e) => set('headcount', e.target.value)} />)}
      {field(
        'requiredLevel',
        t('field.requiredLevel'),
        <select id={`${id}-requiredLevel`} value={value.requiredLevel} onChange={(e) => set('requiredLevel', e.target.value)}>
          {LEVELS.map((l) => <option key={l} value={l}>{t(`level.${l}`)}</option>)}
        </select>,
      )}
      {field(
        'currentLevel',
        t('field.currentLevel'),
        <select id={`${id}-currentLevel`} value={value.currentLevel} onChange={(e) => set('currentLevel', e.target.value)}>
          <option value="">{t('field.unknownLevel')}</option>
          {LEVELS.map((l) => <option key={l} value={l}>{t(`level.${l}`)}</option>)}
        </select>,
      )}
      {field(
        'priority',
        t('field.priority'),
        <select id={`${id}-priority`} value={value.priority} onChange={(e) => set('priority', e.target.value as NeedDraft['priority'])}>
          {NEED_PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
        </select>,
      )}
      {field(
        'intervention',
        t('field.intervention'),
        <select id={`${id}-intervention`} value={value.intervention} onChange={(e) => set('intervention', e.target.value)}>
          <option value="">{t('field.noIntervention')}</option>
          {ACTIVITY_KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
        </select>,
      )}
      {withEvidence &&
        field(
          'evidenceKind',
          t('field.evidence'),
          <select id={`${id}-evidenceKind`} value={value.evidenceKind} onChange={(e) => set('evidenceKind', e.target.value as NeedDraft['evidenceKind'])}>
            <option value="">—</option>
            {EVIDENCE_KINDS.filter((k) => k !== 'exercise-rating').map((k) => <option key={k} value={k}>{t(`evidence.${k}`)}</option>)}
          </select>,
        )}
      {withEvidence && field('evidenceNote', t('field.evidenceNote'), <input id={`${id}-evidenceNote`} value={value.evidenceNote} maxLength={500} onChange={(e) => set('evidenceNote', e.target.value)} />)}
      {field('reviewDate', t('field.reviewDate'), <input id={`${id}-reviewDate`} type="date" value={value.reviewDate} onChange={(e) => set('reviewDate', e.target.value)} />)}
    </div>
  );
}
