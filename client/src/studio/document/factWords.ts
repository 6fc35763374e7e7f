import type { TFunction } from 'i18next';
import type { Names } from './names.ts';
import { isItem, stringsOf, textOf } from './studioDocument.ts';

/** Who a fact names: "any team", "Police", "every one of Police, Customs". */
function whoWords(fact: Record<string, unknown>, names: Names, t: TFunction): string {
  const by = stringsOf(fact.by);
  if (by.length === 0) return t('fact.anyTeam');
  const list = by.map(names.team).join(', ');
  return fact.every === true ? t('fact.everyOf', { teams: list }) : list;
}

function deadlineWords(fact: Record<string, unknown>, names: Names, t: TFunction): string {
  const parts: string[] = [];
  // Counted from a row, from a moment of play (`after`: an action, an acknowledgement, a decision), or from StartEx.
  const from = typeof fact.of === 'string' ? names.row(fact.of) : isItem(fact.after) ? factWords(fact.after, names, t) : undefined;
  if (typeof fact.within === 'number') parts.push(from ? t('fact.withinOf', { minutes: fact.within, row: from }) : t('fact.within', { minutes: fact.within }));
  if (fact.before !== undefined) parts.push(t('fact.before', { time: textOf(fact.before) }));
  return parts.length ? ` ${parts.join(', ')}` : '';
}

/** A timeline condition (a Fact) as a sentence: "Police took “Set a cordon” (cordon set = yes) within 15 min of #3 Alarm". */
export function factWords(fact: unknown, names: Names, t: TFunction): string {
  if (!isItem(fact)) return '';
  if (typeof fact.action === 'string') {
    const where = isItem(fact.where)
      ? Object.entries(fact.where)
          .map(([field, value]) => `${names.field(fact.action as string, field)} = ${textOf(value)}`)
          .join(', ')
      : '';
    return `${t('fact.action', { who: whoWords(fact, names, t), action: names.action(fact.action) })}${where ? ` (${where})` : ''}${deadlineWords(fact, names, t)}`;
  }
  if (typeof fact.acknowledged === 'string') return `${t('fact.acknowledged', { who: whoWords(fact, names, t), row: names.row(fact.acknowledged) })}${deadlineWords(fact, names, t)}`;
  if (typeof fact.decision === 'string') {
    // Without an option, the fact is the decision being taken at all (whichever option).
    if (fact.is === undefined) return t('fact.decisionTaken', { decision: names.decision(fact.decision) });
    return t('fact.decision', { decision: names.decision(fact.decision), option: names.option(fact.decision, textOf(fact.is)) });
  }
  if (typeof fact.released === 'string') return t('fact.released', { row: names.row(fact.released) });
  if (typeof fact.flag === 'string') return fact.equals === false ? t('fact.flagOff', { flag: names.flag(fact.flag) }) : t('fact.flagOn', { flag: names.flag(fact.flag) });
  if (Array.isArray(fact.all)) return fact.all.map((f) => factWords(f, names, t)).join(t('fact.and'));
  if (Array.isArray(fact.any)) return fact.any.map((f) => factWords(f, names, t)).join(t('fact.or'));
  if ('not' in fact) return t('fact.not', { fact: factWords(fact.not, names, t) });
  return JSON.stringify(fact);
}

/** A row's conditions in words: "only if …", "unless …", "decision: …". */
export function conditionWords(row: Record<string, unknown>, names: Names, t: TFunction): string {
  const parts: string[] = [];
  if (row.when !== undefined) parts.push(t('fact.when', { fact: factWords(row.when, names, t) }));
  if (row.unless !== undefined) parts.push(t('fact.unless', { fact: factWords(row.unless, names, t) }));
  if (isItem(row.decision)) parts.push(t('fact.offers', { decision: textOf(row.decision.title) || textOf(row.decision.id) }));
  return parts.join('; ');
}

/** When a row goes out: "T+45", or "10 min after #3 Alarm". */
export function timeWords(row: Record<string, unknown>, names: Names, t: TFunction): string {
  if (row.at !== undefined) return typeof row.at === 'number' ? `T+${row.at}` : textOf(row.at);
  const after = row.after;
  if (!isItem(after)) return '';
  const minutes = typeof after.minutes === 'number' ? after.minutes : 0;
  if (typeof after.inject === 'string') return t('time.afterRow', { minutes, row: names.row(after.inject) });
  return t('time.afterFact', { minutes, fact: factWords(after, names, t) });
}
