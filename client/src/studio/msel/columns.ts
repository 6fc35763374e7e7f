import type { TFunction } from 'i18next';
import { conditionWords, timeWords } from '../document/factWords.ts';
import type { Names } from '../document/names.ts';
import { stringsOf, textOf, type Item } from '../document/studioDocument.ts';

/** How a cell is edited: a line of text, a paragraph, one choice, several, a list of lines, or a dialog of its own. */
export type CellEditor = 'text' | 'markdown' | 'choice' | 'choices' | 'lines' | 'time' | 'conditions' | 'none';

export interface MselColumn {
  /** The row field it shows (and the analyzer's path names). */
  key: 'number' | 'time' | 'from' | 'to' | 'channel' | 'subject' | 'body' | 'expectedActions' | 'criticalTasks' | 'conditions' | 'track';
  editor: CellEditor;
  /** CSS grid track: fixed, so that every row (each laid out on its own, virtualised) lines up. */
  width: string;
  show(row: Item, index: number, names: Names, t: TFunction): string;
}

export const rowNumber = (row: Item, index: number) => (typeof row.number === 'number' ? row.number : index + 1);

export const MSEL_COLUMNS: readonly MselColumn[] = [
  { key: 'number', editor: 'none', width: '3.2rem', show: (row, i) => String(rowNumber(row, i)) },
  { key: 'time', editor: 'time', width: '7.5rem', show: (row, _i, names, t) => timeWords(row, names, t) },
  { key: 'from', editor: 'choice', width: '9rem', show: (row, _i, names) => names.sender(textOf(row.from)) },
  { key: 'to', editor: 'choices', width: '10rem', show: (row, _i, names) => stringsOf(row.to).map(names.team).join(', ') },
  { key: 'channel', editor: 'choice', width: '6.5rem', show: (row, _i, _n, t) => (row.channel ? t(`channel.${textOf(row.channel)}`, { defaultValue: textOf(row.channel) }) : '') },
  { key: 'subject', editor: 'text', width: '15rem', show: (row) => textOf(row.subject) },
  { key: 'body', editor: 'markdown', width: '18rem', show: (row) => textOf(row.body).replace(/\s+/g, ' ') },
  { key: 'expectedActions', editor: 'lines', width: '10rem', show: (row) => stringsOf(row.expectedActions).join('; ') },
  { key: 'criticalTasks', editor: 'choices', width: '9rem', show: (row, _i, names) => stringsOf(row.criticalTasks).map(names.task).join(', ') },
  { key: 'conditions', editor: 'conditions', width: '11rem', show: (row, _i, names, t) => conditionWords(row, names, t) },
  { key: 'track', editor: 'choice', width: '8rem', show: (row, _i, names) => (row.track ? names.track(textOf(row.track)) : '') },
];

/** The column an analyzer path inside a row points at (`at`/`after` are the time, `when`/`unless`/`decision` the conditions). */
export function columnOfField(field: string | number | undefined): MselColumn['key'] {
  switch (field) {
    case 'at':
    case 'after':
      return 'time';
    case 'when':
    case 'unless':
    case 'decision':
    case 'effects':
      return 'conditions';
    case 'from':
    case 'to':
    case 'channel':
    case 'body':
    case 'expectedActions':
    case 'criticalTasks':
    case 'track':
    case 'number':
      return field;
    default:
      return 'subject';
  }
}
