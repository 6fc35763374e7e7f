import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Names } from '../document/names.ts';
import { isItem, textOf, type Item } from '../document/studioDocument.ts';
import { FactEditor } from '../msel/FactEditor.tsx';
import { FieldInput } from './ItemList.tsx';

const EVENT_KINDS = ['startex', 'inject.released', 'inject.acknowledged', 'action.taken', 'milestone'] as const;
const METRIC_KINDS = ['duration', 'yes-no', 'count', 'every-team'] as const;

/** A duration metric's end: StartEx, a row released or acknowledged, an action taken, a milestone. */
function EventEditor({ label, event, names, onChange }: { label: string; event: Item; names: Names; onChange(event: Item): void }) {
  const { t } = useTranslation('studio');
  const id = useId();
  const on = textOf(event.on) || 'startex';
  const rowPick = on === 'inject.released' || on === 'inject.acknowledged';
  return (
    <fieldset className="metric-event">
      <legend>{label}</legend>
      <label htmlFor={`${id}-on`}>{t('metric.event')}</label>
      <select
        id={`${id}-on`}
        value={on}
        onChange={(e) => {
          const kind = e.target.value;
          if (kind === 'inject.released' || kind === 'inject.acknowledged') onChange({ on: kind, inject: names.rows[0]?.id ?? '' });
          else if (kind === 'action.taken') onChange({ on: kind, action: names.actions[0]?.id ?? '' });
          else if (kind === 'milestone') onChange({ on: kind, milestone: '' });
          else onChange({ on: 'startex' });
        }}
      >
        {EVENT_KINDS.map((k) => (
          <option key={k} value={k}>{t(`metric.on.${k}`)}</option>
        ))}
      </select>
      {rowPick && (
        <>
          <label htmlFor={`${id}-row`}>{t('fact.rowLabel')}</label>
          <select id={`${id}-row`} value={textOf(event.inject)} onChange={(e) => onChange({ ...event, inject: e.target.value })}>
            {names.rows.map((r) => (
              <option key={r.id} value={r.id}>{r.name}</option>
            ))}
          </select>
        </>
      )}
      {on === 'action.taken' && (
        <>
          <label htmlFor={`${id}-action`}>{t('fact.actionLabel')}</label>
          <select id={`${id}-action`} value={textOf(event.action)} onChange={(e) => onChange({ ...event, action: e.target.value })}>
            {names.actions.map((a) => (
              <option key={a.id} value={a.id}>{a.name}</option>
            ))}
          </select>
        </>
      )}
      {on === 'milestone' && (
        <>
          <label htmlFor={`${id}-milestone`}>{t('metric.milestone')}</label>
          <input id={`${id}-milestone`} value={textOf(event.milestone)} onChange={(e) => onChange({ ...event, milestone: e.target.value })} />
        </>
      )}
    </fieldset>
  );
}

/** The fields of one metric, by its kind: a duration between two events, yes/no, a count, or "every team by". */
export function MetricForm({ metric, names, onChange, idPrefix }: { metric: Item; names: Names; onChange(metric: Item): void; idPrefix: string }) {
  const { t } = useTranslation('studio');
  const kind = textOf(metric.kind) || 'duration';
  const common = { id: metric.id, title: metric.title, ...(metric.perTeam !== undefined ? { perTeam: metric.perTeam } : {}) };
  const switchKind = (next: string) => {
    switch (next) {
      case 'yes-no':
        return onChange({ ...common, kind: next, holds: { action: names.actions[0]?.id ?? '' }, expected: true });
      case 'count':
        return onChange({ ...common, kind: next, counts: { action: names.actions[0]?.id ?? '' }, atLeast: 1 });
      case 'every-team':
        return onChange({ ...common, kind: next, action: names.actions[0]?.id ?? '', by: 'T+30' });
      default:
        return onChange({ ...common, kind: 'duration', from: { on: 'startex' }, to: { on: 'action.taken', action: names.actions[0]?.id ?? '' }, target: 15, unit: 'minutes' });
    }
  };
  const set = (key: string, value: unknown) => onChange({ ...metric, [key]: value });
  return (
    <div className="metric-form">
      <FieldInput id={`${idPrefix}-kind`} field={{ key: 'kind', label: t('metric.kind'), kind: 'select', options: METRIC_KINDS.map((k) => ({ value: k, label: t(`metric.kinds.${k}`) })) }} item={{ kind }} onChange={(v) => switchKind(textOf(v))} />
      {kind === 'duration' && (
        <>
          <EventEditor label={t('metric.from')} event={isItem(metric.from) ? metric.from : {}} names={names} onChange={(e) => set('from', e)} />
          <EventEditor label={t('metric.to')} event={isItem(metric.to) ? metric.to : {}} names={names} onChange={(e) => set('to', e)} />
          <FieldInput id={`${idPrefix}-target`} field={{ key: 'target', label: t('metric.target'), kind: 'number' }} item={metric} onChange={(v) => set('target', v)} />
          <FieldInput id={`${idPrefix}-unit`} field={{ key: 'unit', label: t('metric.unit'), kind: 'select', options: ['minutes', 'seconds'].map((u) => ({ value: u, label: t(`metric.units.${u}`) })) }} item={metric} onChange={(v) => set('unit', v)} />
        </>
      )}
      {kind === 'yes-no' && (
        <>
          <FactEditor fact={isItem(metric.holds) ? metric.holds : {}} names={names} onChange={(f) => set('holds', f)} idPrefix={`${idPrefix}-holds`} />
          <FieldInput id={`${idPrefix}-expected`} field={{ key: 'expected', label: t('metric.expected'), kind: 'bool' }} item={{ expected: metric.expected !== false }} onChange={(v) => set('expected', v)} />
        </>
      )}
      {kind === 'count' && (
        <>
          <FieldInput id={`${idPrefix}-counts`} field={{ key: 'action', label: t('fact.actionLabel'), kind: 'select', options: names.actions.map((a) => ({ value: a.id, label: a.name })) }} item={isItem(metric.counts) ? metric.counts : {}} onChange={(v) => set('counts', { ...(isItem(metric.counts) ? metric.counts : {}), action: v })} />
          <FieldInput id={`${idPrefix}-atLeast`} field={{ key: 'atLeast', label: t('metric.atLeast'), kind: 'number' }} item={metric} onChange={(v) => set('atLeast', v)} />
          <FieldInput id={`${idPrefix}-atMost`} field={{ key: 'atMost', label: t('metric.atMost'), kind: 'number' }} item={metric} onChange={(v) => set('atMost', v)} />
        </>
      )}
      {kind === 'every-team' && (
        <>
          <FieldInput id={`${idPrefix}-action`} field={{ key: 'action', label: t('fact.actionLabel'), kind: 'select', options: names.actions.map((a) => ({ value: a.id, label: a.name })) }} item={metric} onChange={(v) => set('action', v)} />
          <FieldInput id={`${idPrefix}-by`} field={{ key: 'by', label: t('metric.by'), kind: 'text', hint: 'T+30' }} item={metric} onChange={(v) => set('by', v)} />
        </>
      )}
    </div>
  );
}
