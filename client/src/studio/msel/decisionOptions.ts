import { idFromWords, isItem, textOf } from '../document/studioDocument.ts';

export interface DecisionOption {
  id: string;
  title: string;
}

/**
 * A decision's options from the dialog's lines (one title per line). Rows refer to an option by
 * its id (`after: { decision, is }`), so an option keeps its id: a line with an existing option's
 * title is that option, wherever it moved; a line that replaced one at the same place renames it;
 * only a new line gets a new id, made from its words and unique.
 */
export function decisionOptions(lines: string, existing: unknown): DecisionOption[] {
  const before = (Array.isArray(existing) ? existing : []).filter(isItem).map((o) => ({ id: textOf(o.id), title: textOf(o.title) }));
  const titles = lines.split('\n').map((line) => line.trim()).filter(Boolean);
  const kept = new Set(titles.flatMap((title) => before.filter((o) => o.title === title).map((o) => o.id)));
  const taken = new Set(before.map((o) => o.id));
  return titles.map((title, place) => {
    const same = before.find((o) => o.title === title);
    if (same) return { id: same.id, title };
    const renamed = before[place];
    if (renamed && !kept.has(renamed.id)) {
      kept.add(renamed.id);
      return { id: renamed.id, title };
    }
    const stem = idFromWords(title, 'option');
    let id = stem;
    for (let n = 2; taken.has(id); n++) id = `${stem}_${n}`;
    taken.add(id);
    return { id, title };
  });
}
