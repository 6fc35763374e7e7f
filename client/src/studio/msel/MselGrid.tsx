import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { InjectChannel } from '@startex/shared';
import { MAIN_TRACK, type Problem } from '@startex/scenarios/browser';
import { duplicateRow, insertItem, moveItem, patchItem, removeItem } from '../document/edits.ts';
import { ALL_TEAMS, type Names } from '../document/names.ts';
import { freshId, rowsOf, stringsOf, textOf, type Item, type StudioDocument } from '../document/studioDocument.ts';
import { ChoiceEditor, ChoicesEditor, LinesEditor, MarkdownEditor, TextEditor } from './CellEditors.tsx';
import { MSEL_COLUMNS, type MselColumn } from './columns.ts';
import { ConditionsDialog, type RowConditions } from './ConditionsDialog.tsx';
import { TimeEditor, type RowTime } from './TimeEditor.tsx';

/** Where the keyboard is: a row of the document (its index in `timeline`) and a column. */
export interface GridCursor {
  row: number;
  col: number;
}

const ROW_PX = 40;

interface Props {
  document: StudioDocument;
  names: Names;
  cursor: GridCursor;
  onCursor(cursor: GridCursor): void;
  edit(change: (document: StudioDocument) => StudioDocument): void;
  /** Rows the statechart's selected state releases. */
  highlighted: ReadonlySet<string>;
  problemsByRow: ReadonlyMap<number, Problem[]>;
  readOnly: boolean;
}

/** Does a row go to this team (by id, through a group, or to all)? */
function addressedTo(row: Item, team: string, names: Names): boolean {
  const to = stringsOf(row.to);
  if (to.includes(team) || to.includes(ALL_TEAMS)) return true;
  return names.groups.some((g) => to.includes(g.id) && names.teamsOfGroup(g.id).includes(team));
}

/**
 * The MSEL as a spreadsheet: one row per timeline row, virtualised (only the rows in view are in
 * the page, so thousands scroll as lightly as ten), edited in place and driven by the keyboard.
 */
export function MselGrid({ document, names, cursor, onCursor, edit, highlighted, problemsByRow, readOnly }: Props) {
  const { t } = useTranslation('studio');
  const rows = rowsOf(document);
  const [team, setTeam] = useState('');
  const [track, setTrack] = useState('');
  const [editing, setEditing] = useState<{ row: number; col: number } | undefined>();
  const [conditionsOf, setConditionsOf] = useState<number | undefined>();
  const grid = useRef<HTMLDivElement>(null);

  const visible = useMemo(
    () =>
      rows.flatMap((row, index) => {
        if (team && !addressedTo(row, team, names)) return [];
        if (track && (textOf(row.track) || MAIN_TRACK) !== track) return [];
        return [index];
      }),
    [rows, team, track, names],
  );
  const place = Math.max(0, visible.indexOf(cursor.row));
  const virtualizer = useVirtualizer({ count: visible.length, getScrollElement: () => grid.current, estimateSize: () => ROW_PX, overscan: 12, scrollPaddingStart: ROW_PX });

  useEffect(() => {
    if (visible.length && visible.includes(cursor.row)) virtualizer.scrollToIndex(place, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follow the cursor only
  }, [cursor.row, place]);

  // The cursor's cell is scrolled into view sideways too (the virtualiser only scrolls rows).
  useEffect(() => {
    globalThis.document.getElementById(`msel-cell-${cursor.row}-${cursor.col}`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [cursor.row, cursor.col]);

  const go = (placeIndex: number, col: number) => {
    const index = visible[Math.max(0, Math.min(visible.length - 1, placeIndex))];
    if (index !== undefined) onCursor({ row: index, col: Math.max(0, Math.min(MSEL_COLUMNS.length - 1, col)) });
  };

  const commit = (index: number, column: MselColumn, patch: Item, move?: 'down' | 'right') => {
    setEditing(undefined);
    edit((d) => patchItem(d, 'timeline', index, patch));
    if (move === 'down') go(visible.indexOf(index) + 1, cursor.col);
    if (move === 'right') go(visible.indexOf(index), MSEL_COLUMNS.indexOf(column) + 1);
    requestAnimationFrame(() => grid.current?.focus());
  };
  const cancel = () => {
    setEditing(undefined);
    requestAnimationFrame(() => grid.current?.focus());
  };

  const addRow = (at: number) => {
    const id = freshId(document, 'timeline', 'inject');
    const previous = rows[at - 1];
    const from = textOf(previous?.from) || names.organisations[0]?.id || names.teams[0]?.id || t('grid.control');
    const row: Item = { id, at: previous?.at ?? 'T+0', from, to: [ALL_TEAMS], channel: textOf(previous?.channel) || 'email', subject: '', body: '' };
    if (previous?.track) row.track = previous.track;
    edit((d) => insertItem(d, 'timeline', at, row));
    // The new row's subject is open for typing at once.
    const subject = MSEL_COLUMNS.findIndex((c) => c.key === 'subject');
    onCursor({ row: at, col: subject });
    if (!readOnly) setEditing({ row: at, col: subject });
  };
  const startEdit = (index: number, col: number) => {
    if (readOnly) return;
    const column = MSEL_COLUMNS[col]!;
    if (column.editor === 'none') return;
    if (column.editor === 'conditions') setConditionsOf(index);
    else setEditing({ row: index, col });
  };

  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (editing || event.target !== grid.current) return;
    const col = cursor.col;
    const keys: Record<string, () => void> = {
      ArrowDown: () => (event.altKey && !readOnly ? move(1) : go(place + 1, col)),
      ArrowUp: () => (event.altKey && !readOnly ? move(-1) : go(place - 1, col)),
      ArrowRight: () => go(place, col + 1),
      ArrowLeft: () => go(place, col - 1),
      Home: () => (event.ctrlKey ? go(0, col) : go(place, 0)),
      End: () => (event.ctrlKey ? go(visible.length - 1, col) : go(place, MSEL_COLUMNS.length - 1)),
      PageDown: () => go(place + 10, col),
      PageUp: () => go(place - 10, col),
      Enter: () => (event.ctrlKey ? !readOnly && addRow(cursor.row + 1) : startEdit(cursor.row, col)),
      F2: () => startEdit(cursor.row, col),
      Insert: () => !readOnly && addRow(cursor.row + 1),
      Tab: () => go(place, col + (event.shiftKey ? -1 : 1)),
    };
    if (event.key === 'd' && (event.ctrlKey || event.metaKey) && !readOnly) {
      event.preventDefault();
      duplicate();
      return;
    }
    const action = keys[event.key];
    if (action) {
      // Tab leaves the grid at its edges, so keyboard users can reach what follows.
      if (event.key === 'Tab' && (event.shiftKey ? col === 0 : col === MSEL_COLUMNS.length - 1)) return;
      event.preventDefault();
      action();
      return;
    }
    // Typing into a text cell starts editing it, as in a spreadsheet.
    const column = MSEL_COLUMNS[col]!;
    if (!readOnly && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && (column.editor === 'text' || column.editor === 'markdown')) {
      event.preventDefault();
      setEditing({ row: cursor.row, col });
      pendingText.current = { row: cursor.row, col, text: event.key };
    }
  };
  const pendingText = useRef<{ row: number; col: number; text: string } | undefined>(undefined);

  const move = (by: number) => {
    const to = Math.max(0, Math.min(rows.length - 1, cursor.row + by));
    edit((d) => moveItem(d, 'timeline', cursor.row, by));
    onCursor({ row: to, col: cursor.col });
  };
  const duplicate = () => {
    edit((d) => duplicateRow(d, cursor.row));
    onCursor({ row: cursor.row + 1, col: cursor.col });
  };
  const remove = () => {
    edit((d) => removeItem(d, 'timeline', cursor.row));
    onCursor({ row: Math.max(0, Math.min(cursor.row, rows.length - 2)), col: cursor.col });
  };

  const editorFor = (index: number, col: number) => {
    const row = rows[index]!;
    const column = MSEL_COLUMNS[col]!;
    const label = `${t(`column.${column.key}`)} — ${names.row(textOf(row.id))}`;
    const typed = pendingText.current && pendingText.current.row === index && pendingText.current.col === col ? pendingText.current.text : undefined;
    pendingText.current = undefined;
    const commitField = (value: unknown, move?: 'down' | 'right') => commit(index, column, { [column.key]: value }, move);
    switch (column.key) {
      case 'subject':
        return <TextEditor label={label} value={typed ?? textOf(row.subject)} onCommit={commitField} onCancel={cancel} />;
      case 'body':
        return <MarkdownEditor label={label} value={typed !== undefined ? textOf(row.body) + typed : textOf(row.body)} onCommit={commitField} onCancel={cancel} />;
      case 'expectedActions':
        return <LinesEditor label={label} value={stringsOf(row.expectedActions)} onCommit={commitField} onCancel={cancel} />;
      case 'time':
        return (
          <TimeEditor
            label={label}
            rowId={textOf(row.id)}
            names={names}
            value={{ ...(row.at !== undefined ? { at: row.at as string | number } : {}), ...(row.after ? { after: row.after as Item } : {}) }}
            onCommit={(value: RowTime, m) => commit(index, column, { at: value.at, after: value.after ?? (value.at !== undefined ? undefined : row.after) }, m)}
            onCancel={cancel}
          />
        );
      case 'from':
        return <ChoiceEditor label={label} value={textOf(row.from)} options={[...names.organisations, ...names.teams].map((o) => ({ value: o.id, label: o.name }))} onCommit={commitField} onCancel={cancel} />;
      case 'channel':
        return <ChoiceEditor label={label} value={textOf(row.channel)} options={InjectChannel.options.map((c) => ({ value: c, label: t(`channel.${c}`) }))} onCommit={commitField} onCancel={cancel} />;
      case 'track':
        return <ChoiceEditor label={label} value={textOf(row.track)} allowEmpty={t('grid.mainTrack')} options={names.tracks.map((o) => ({ value: o.id, label: o.name }))} onCommit={(v, m) => commit(index, column, { track: v || undefined }, m)} onCancel={cancel} />;
      case 'to':
        return <ChoicesEditor label={label} value={stringsOf(row.to)} options={[{ id: ALL_TEAMS, name: t('allTeams') }, ...names.groups, ...names.teams].map((o) => ({ value: o.id, label: o.name }))} onCommit={commitField} onCancel={cancel} />;
      case 'criticalTasks':
        return <ChoicesEditor label={label} value={stringsOf(row.criticalTasks)} options={names.tasks.map((o) => ({ value: o.id, label: o.name }))} onCommit={commitField} onCancel={cancel} />;
      case 'number':
      case 'conditions':
        return null;
      default: {
        const exhaustive: never = column.key;
        return exhaustive;
      }
    }
  };

  const template = MSEL_COLUMNS.map((c) => c.width).join(' ');
  const cellId = (index: number, col: number) => `msel-cell-${index}-${col}`;
  const activeVisible = visible.includes(cursor.row);
  return (
    <section className="msel" aria-labelledby="msel-heading">
      <div className="msel-toolbar">
        <h2 id="msel-heading" className="visually-hidden">{t('view.msel')}</h2>
        <label>
          {t('grid.filterTeam')}
          <select value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value="">{t('grid.everyTeam')}</option>
            {names.teams.map((o) => (
              <option key={o.id} value={o.id}>{o.name}</option>
            ))}
          </select>
        </label>
        <label>
          {t('grid.filterTrack')}
          <select value={track} onChange={(e) => setTrack(e.target.value)}>
            <option value="">{t('grid.everyTrack')}</option>
            {/* A document may name the main storyline among its tracks: one choice for it, under its name. */}
            <option value={MAIN_TRACK}>{names.tracks.find((o) => o.id === MAIN_TRACK)?.name ?? t('grid.mainTrack')}</option>
            {names.tracks.filter((o) => o.id !== MAIN_TRACK).map((o) => (
              <option key={o.id} value={o.id}>{o.name}</option>
            ))}
          </select>
        </label>
        <span className="msel-count">{t('grid.count', { count: visible.length, total: rows.length })}</span>
        {!readOnly && (
          <div className="msel-row-actions">
            <button type="button" onClick={() => addRow(rows.length ? cursor.row + 1 : 0)}>{t('grid.add')}</button>
            <button type="button" className="secondary" disabled={!rows.length} onClick={duplicate}>{t('grid.duplicate')}</button>
            <button type="button" className="secondary" disabled={cursor.row === 0} onClick={() => move(-1)}>{t('grid.up')}</button>
            <button type="button" className="secondary" disabled={cursor.row >= rows.length - 1} onClick={() => move(1)}>{t('grid.down')}</button>
            <button type="button" className="secondary" disabled={!rows.length} onClick={remove}>{t('grid.remove')}</button>
          </div>
        )}
      </div>
      <p className="hint" id="msel-keys">{t('grid.keys')}</p>
      <div
        ref={grid}
        className="msel-grid"
        role="grid"
        tabIndex={0}
        aria-labelledby="msel-heading"
        aria-describedby="msel-keys"
        aria-rowcount={visible.length + 1}
        aria-colcount={MSEL_COLUMNS.length}
        aria-readonly={readOnly}
        aria-activedescendant={activeVisible && !editing ? cellId(cursor.row, cursor.col) : undefined}
        onKeyDown={onKey}
      >
        <div role="rowgroup" className="msel-head">
          <div role="row" aria-rowindex={1} className="msel-row" style={{ gridTemplateColumns: template }}>
            {MSEL_COLUMNS.map((c, col) => (
              <div key={c.key} role="columnheader" aria-colindex={col + 1} className="msel-cell">{t(`column.${c.key}`)}</div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="msel-body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const index = visible[item.index]!;
            const row = rows[index]!;
            const problems = problemsByRow.get(index);
            const classes = ['msel-row', index === cursor.row ? 'current' : '', highlighted.has(textOf(row.id)) ? 'highlighted' : '', problems?.some((p) => p.severity === 'error') ? 'has-error' : problems ? 'has-warning' : '', editing?.row === index ? 'editing-row' : ''];
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={index === cursor.row}
                data-row-id={textOf(row.id)}
                className={classes.filter(Boolean).join(' ')}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_PX }}
              >
                {MSEL_COLUMNS.map((column, col) => {
                  const text = column.show(row, index, names, t);
                  const active = index === cursor.row && col === cursor.col;
                  const open = editing?.row === index && editing.col === col;
                  return (
                    <div
                      key={column.key}
                      id={cellId(index, col)}
                      role="gridcell"
                      aria-colindex={col + 1}
                      aria-selected={active}
                      className={`msel-cell col-${column.key}${active ? ' active' : ''}${open ? ' editing' : ''}${col > MSEL_COLUMNS.length / 2 ? ' anchor-right' : ''}`}
                      title={text}
                      onClick={() => onCursor({ row: index, col })}
                      onDoubleClick={() => startEdit(index, col)}
                    >
                      {open ? editorFor(index, col) : <span className="cell-text">{text}</span>}
                      {col === 0 && problems && <span className="row-problem" title={problems.map((p) => p.message).join('\n')}>{problems.some((p) => p.severity === 'error') ? '!' : '?'}<span className="visually-hidden">{t('grid.rowProblems', { count: problems.length })}</span></span>}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      {conditionsOf !== undefined && rows[conditionsOf] && (
        <ConditionsDialog
          row={rows[conditionsOf]!}
          names={names}
          onClose={() => {
            setConditionsOf(undefined);
            requestAnimationFrame(() => grid.current?.focus());
          }}
          onSave={(conditions: RowConditions) => {
            edit((d) => patchItem(d, 'timeline', conditionsOf, { ...conditions }));
            setConditionsOf(undefined);
            requestAnimationFrame(() => grid.current?.focus());
          }}
        />
      )}
    </section>
  );
}
