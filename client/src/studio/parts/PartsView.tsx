import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../i18n/index.ts';
import { Agency, ExerciseType, SecurityFunction } from '@startex/shared';
import { setAt, updateList } from '../document/edits.ts';
import { factWords, timeWords } from '../document/factWords.ts';
import type { Names } from '../document/names.ts';
import { isItem, listOf, rowsOf, textOf, type Item, type StudioDocument } from '../document/studioDocument.ts';
import { FieldInput, ItemList, type FieldSpec } from './ItemList.tsx';
import { MetricForm } from './MetricForm.tsx';

export const PART_SECTIONS = ['settings', 'teams', 'organisations', 'actions', 'objectives', 'metrics', 'flags', 'decisions'] as const;
export type PartSection = (typeof PART_SECTIONS)[number];

/** Which section holds a document part, for a problem's link. */
export function sectionOfPart(part: string | number | undefined): PartSection {
  switch (part) {
    case 'teams':
    case 'teamGroups':
      return 'teams';
    case 'simulatedOrganisations':
    case 'tracks':
      return 'organisations';
    case 'actions':
      return 'actions';
    case 'objectives':
      return 'objectives';
    case 'metrics':
      return 'metrics';
    case 'flags':
      return 'flags';
    default:
      return 'settings';
  }
}

const mentions = (fact: unknown, decision: string) => JSON.stringify(fact ?? null).includes(`"decision":${JSON.stringify(decision)}`);
const dependsOn = (row: Item, decision: string) => [row.when, row.unless, row.after].some((fact) => mentions(fact, decision));

/** How a row depends on a decision, in words: its time after it, or its condition on it. */
function dependenceWords(row: Item, decision: string, names: Names, t: TFunction): string {
  const words: string[] = [];
  if (mentions(row.after, decision)) words.push(timeWords(row, names, t));
  if (mentions(row.when, decision)) words.push(t('fact.when', { fact: factWords(row.when, names, t) }));
  if (mentions(row.unless, decision)) words.push(t('fact.unless', { fact: factWords(row.unless, names, t) }));
  return words.join('; ');
}

interface Props {
  document: StudioDocument;
  names: Names;
  section: PartSection;
  edit(change: (document: StudioDocument) => StudioDocument): void;
  readOnly: boolean;
  focus?: { part: string; index: number; field?: string | undefined } | undefined;
  onOpenRow(rowIndex: number): void;
}

/** Forms over everything besides the MSEL rows: settings, teams, organisations, actions, objectives, metrics, flags, decisions. */
export function PartsView({ document, names, section, edit, readOnly, focus, onOpenRow }: Props) {
  const { t } = useTranslation('studio');
  const focusOn = (part: string) => (focus?.part === part ? focus : undefined);
  const teamOptions = names.teams.map((o) => ({ value: o.id, label: o.name }));
  const taskOptions = names.tasks.map((o) => ({ value: o.id, label: o.name }));
  const common = { document, edit, readOnly };
  const named = (key = 'name') => (item: Item) => textOf(item[key]) || textOf(item.id);

  switch (section) {
    case 'settings': {
      const fields: FieldSpec[] = [
        { key: 'title', label: t('settings.title'), kind: 'text' },
        { key: 'summary', label: t('settings.summary'), kind: 'textarea' },
        { key: 'exerciseType', label: t('settings.type'), kind: 'select', options: ExerciseType.options.map((v) => ({ value: v, label: t(`exerciseType.${v}`) })) },
        { key: 'functions', label: t('settings.functions'), kind: 'multi', options: SecurityFunction.options.map((v) => ({ value: v, label: t(`function.${v}`) })) },
        { key: 'expectedDurationMinutes', label: t('settings.duration'), kind: 'number' },
        { key: 'language', label: t('settings.language'), kind: 'select', options: LANGUAGES.map((l) => ({ value: l.code, label: l.label })) },
        { key: 'scenarioStart', label: t('settings.start'), kind: 'text', hint: t('settings.startHint') },
      ];
      const endex = listOf(document, 'endex');
      const simpleEndex = endex.length <= 1 && (endex.length === 0 || Object.keys(endex[0]!).every((k) => k === 'at'));
      return (
        <section className="parts-section" aria-labelledby="section-settings">
          <h2 id="section-settings">{t('section.settings')}</h2>
          <fieldset className="item" disabled={readOnly}>
            <legend className="visually-hidden">{t('section.settings')}</legend>
            <div className="form-grid">
              {fields.map((f) => (
                <FieldInput key={f.key} id={`settings-${f.key}`} field={f} item={document} onChange={(v) => edit((d) => setAt(d, [f.key], v))} />
              ))}
              {simpleEndex ? (
                <FieldInput id="settings-endex" field={{ key: 'at', label: t('settings.endex'), kind: 'text', hint: t('settings.endexHint') }} item={endex[0] ?? {}} onChange={(v) => edit((d) => setAt(d, ['endex'], textOf(v).trim() ? [{ at: textOf(v).trim() }] : []))} />
              ) : (
                <p className="hint">{t('settings.endexComplex')}</p>
              )}
            </div>
          </fieldset>
        </section>
      );
    }
    case 'teams':
      return (
        <section className="parts-section" aria-labelledby="section-teams">
          <h2 id="section-teams">{t('section.teams')}</h2>
          <ItemList {...common} path={['teams']} stem="team" blank={{ name: '', agency: 'other' }} titleOf={named()} focus={focusOn('teams')} addLabel={t('parts.add.teams')}
            fields={[{ key: 'name', label: t('parts.name'), kind: 'text' }, { key: 'agency', label: t('parts.agency'), kind: 'select', options: Agency.options.map((a) => ({ value: a, label: t(`agency.${a}`) })) }]} />
          <h3>{t('section.groups')}</h3>
          <ItemList {...common} path={['teamGroups']} stem="group" blank={{ title: '', teams: [] }} titleOf={named('title')} focus={focusOn('teamGroups')} addLabel={t('parts.add.teamGroups')}
            fields={[{ key: 'title', label: t('parts.title'), kind: 'text' }, { key: 'teams', label: t('parts.teams'), kind: 'multi', options: teamOptions }]} />
        </section>
      );
    case 'organisations':
      return (
        <section className="parts-section" aria-labelledby="section-organisations">
          <h2 id="section-organisations">{t('section.organisations')}</h2>
          <ItemList {...common} path={['simulatedOrganisations']} stem="org" blank={{ name: '' }} titleOf={named()} focus={focusOn('simulatedOrganisations')} addLabel={t('parts.add.simulatedOrganisations')}
            fields={[{ key: 'name', label: t('parts.name'), kind: 'text' }]} />
          <h3>{t('section.tracks')}</h3>
          <ItemList {...common} path={['tracks']} stem="track" blank={{ title: '' }} titleOf={named('title')} focus={focusOn('tracks')} addLabel={t('parts.add.tracks')}
            fields={[{ key: 'title', label: t('parts.title'), kind: 'text' }]} />
        </section>
      );
    case 'actions':
      return (
        <section className="parts-section" aria-labelledby="section-actions">
          <h2 id="section-actions">{t('section.actions')}</h2>
          <ItemList {...common} path={['actions']} stem="action" blank={{ label: '', teams: names.teams.map((team) => team.id), fields: [] }} titleOf={named('label')} focus={focusOn('actions')} addLabel={t('parts.add.actions')}
            fields={[
              { key: 'label', label: t('parts.label'), kind: 'text' },
              { key: 'teams', label: t('parts.whoMay'), kind: 'multi', options: teamOptions },
              { key: 'criticalTasks', label: t('column.criticalTasks'), kind: 'multi', options: taskOptions },
            ]}>
            {(index) => (
              <div className="nested">
                <h4>{t('parts.fields')}</h4>
                <ItemList {...common} path={['actions', index, 'fields']} idKey="name" stem="field" blank={{ label: '', type: 'choice', options: [] }} titleOf={named('label')} addLabel={t('parts.add.fields')}
                  fields={[
                    { key: 'label', label: t('parts.label'), kind: 'text' },
                    { key: 'type', label: t('parts.fieldType'), kind: 'select', options: ['text', 'number', 'choice', 'boolean', 'multi-choice', 'team', 'time'].map((v) => ({ value: v, label: t(`fieldType.${v}`) })) },
                    { key: 'required', label: t('parts.required'), kind: 'bool' },
                    { key: 'options', label: t('parts.options'), kind: 'lines', hint: t('parts.optionsHint') },
                    { key: 'min', label: t('parts.min'), kind: 'number' },
                    { key: 'max', label: t('parts.max'), kind: 'number' },
                  ]} />
              </div>
            )}
          </ItemList>
        </section>
      );
    case 'objectives':
      return (
        <section className="parts-section" aria-labelledby="section-objectives">
          <h2 id="section-objectives">{t('section.objectives')}</h2>
          <ItemList {...common} path={['objectives']} stem="objective" blank={{ title: '', capabilityTargets: [] }} titleOf={named('title')} focus={focusOn('objectives')} addLabel={t('parts.add.objectives')}
            fields={[{ key: 'title', label: t('parts.title'), kind: 'text' }]}>
            {(o) => (
              <div className="nested">
                <h4>{t('parts.targets')}</h4>
                <ItemList {...common} path={['objectives', o, 'capabilityTargets']} stem="target" blank={{ title: '', criticalTasks: [] }} titleOf={named('title')} addLabel={t('parts.add.capabilityTargets')}
                  fields={[{ key: 'title', label: t('parts.title'), kind: 'text' }]}>
                  {(c) => (
                    <div className="nested">
                      <h4>{t('parts.tasks')}</h4>
                      <ItemList {...common} path={['objectives', o, 'capabilityTargets', c, 'criticalTasks']} stem="task" blank={{ title: '' }} titleOf={named('title')} addLabel={t('parts.add.criticalTasks')}
                        fields={[{ key: 'title', label: t('parts.title'), kind: 'text' }]} />
                    </div>
                  )}
                </ItemList>
              </div>
            )}
          </ItemList>
        </section>
      );
    case 'metrics':
      return (
        <section className="parts-section" aria-labelledby="section-metrics">
          <h2 id="section-metrics">{t('section.metrics')}</h2>
          <ItemList {...common} path={['metrics']} stem="metric" blank={{ title: '', kind: 'duration', from: { on: 'startex' }, to: { on: 'action.taken', action: names.actions[0]?.id ?? '' }, target: 15, unit: 'minutes' }} titleOf={named('title')} focus={focusOn('metrics')} addLabel={t('parts.add.metrics')}
            fields={[{ key: 'title', label: t('parts.title'), kind: 'text' }, { key: 'perTeam', label: t('metric.perTeam'), kind: 'bool' }]}>
            {(index) => (
              <MetricForm
                idPrefix={`metric-${index}`}
                metric={listOf(document, 'metrics')[index]!}
                names={names}
                onChange={(metric) => edit((d) => updateList(d, ['metrics'], (list) => list.map((m, i) => (i === index ? metric : m))))}
              />
            )}
          </ItemList>
        </section>
      );
    case 'flags':
      return (
        <section className="parts-section" aria-labelledby="section-flags">
          <h2 id="section-flags">{t('section.flags')}</h2>
          <ItemList {...common} path={['flags']} stem="flag" blank={{ title: '', initial: false }} titleOf={named('title')} focus={focusOn('flags')} addLabel={t('parts.add.flags')}
            fields={[{ key: 'title', label: t('parts.title'), kind: 'text' }, { key: 'initial', label: t('parts.initial'), kind: 'bool' }]} />
        </section>
      );
    case 'decisions': {
      const rows = rowsOf(document);
      const withDecisions = rows.flatMap((row, index) => (isItem(row.decision) ? [{ row, index, decision: row.decision }] : []));
      return (
        <section className="parts-section" aria-labelledby="section-decisions">
          <h2 id="section-decisions">{t('section.decisions')}</h2>
          <p className="hint">{t('decisions.hint')}</p>
          {withDecisions.length === 0 ? (
            <p className="empty">{t('decisions.none')}</p>
          ) : (
            <table className="studio-table">
              <thead>
                <tr>
                  <th scope="col">{t('decisions.decision')}</th>
                  <th scope="col">{t('decisions.row')}</th>
                  <th scope="col">{t('decisions.options')}</th>
                  <th scope="col">{t('decisions.deadline')}</th>
                  <th scope="col">{t('decisions.uses')}</th>
                </tr>
              </thead>
              <tbody>
                {withDecisions.map(({ row, index, decision }) => {
                  const id = textOf(decision.id);
                  const uses = rows.flatMap((r) => (dependsOn(r, id) ? [{ row: textOf(r.id), words: dependenceWords(r, id, names, t) }] : []));
                  return (
                    <tr key={`${id}-${index}`}>
                      <td>{textOf(decision.title) || id}</td>
                      <td>
                        <button type="button" className="link" onClick={() => onOpenRow(index)}>{names.row(textOf(row.id))}</button>
                      </td>
                      <td>{names.decisions.find((d) => d.id === id)?.options.map((o) => (o.id === decision.default ? t('decisions.defaultOption', { option: o.name }) : o.name)).join(', ')}</td>
                      <td>{t('decisions.within', { minutes: textOf(decision.within) })}</td>
                      <td>
                        {uses.length === 0 ? '—' : (
                          <ul className="plain-list">
                            {uses.map((use) => <li key={use.row}>{names.row(use.row)}: {use.words}</li>)}
                          </ul>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      );
    }
    default: {
      const exhaustive: never = section;
      return exhaustive;
    }
  }
}
