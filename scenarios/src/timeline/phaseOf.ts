import { keyAsWords, statePathTitle } from '@startex/shared';
import { GENERATED_PREFIX } from './GeneratedParts.ts';

const TRACK = `${GENERATED_PREFIX}track--`;
const MACHINE = `${GENERATED_PREFIX}machine`;

/**
 * Of the active state paths, those that make the phase a person follows. A hand-written machine's
 * paths are its phases. In the timeline form most regions are bookkeeping (decisions open, moments
 * waited for): the phase is the first storyline's state (the main track, else the first track in
 * the document's order) and the hand-written machine running beside it, if any.
 */
export function phasePaths(paths: readonly string[]): string[] {
  const generated = paths.some((path) => path.split('.').some((key) => key.startsWith(GENERATED_PREFIX)));
  if (!generated) return [...paths];
  const storyline = paths.find((path) => path.split('.').some((key) => key.startsWith(TRACK)));
  const machine = paths.filter((path) => path.split('.').includes(MACHINE));
  const shown = [...(storyline ? [storyline] : []), ...machine];
  // Outside play (EndEx) only a state of the document is left.
  return shown.length > 0 ? shown : paths.filter((path) => !path.split('.').some((key) => key.startsWith(GENERATED_PREFIX)));
}

/**
 * The phase as people read it, short enough for a wall display: "T+30: Bomb threat call" (the
 * storyline's state titled by its time and first row) rather than "Play › Main timeline › T+30: …";
 * a hand-written machine's path by its titles, "Handling › Confirmation". `titles` by state key
 * (stateTitles in shared).
 */
export function phaseOf(paths: readonly string[], titles: ReadonlyMap<string, string>): string {
  const title = (key: string) => titles.get(key) ?? keyAsWords(key);
  return phasePaths(paths)
    .map((path) => {
      const keys = path.split('.');
      if (keys.some((key) => key.startsWith(TRACK))) return title(keys.at(-1)!);
      const below = keys.indexOf(MACHINE);
      return below >= 0 && below < keys.length - 1 ? statePathTitle(titles, keys.slice(below + 1).join('.')) : statePathTitle(titles, path);
    })
    .join(' · ');
}

/**
 * Whether the phase is a timeline's storyline state alone, whose title begins with its time
 * ("T+30: …", "StartEx: …"): a view showing when the phase began need not say that time again.
 */
export function phaseNamesItsTime(paths: readonly string[]): boolean {
  const shown = phasePaths(paths);
  return shown.length > 0 && shown.every((path) => path.split('.').some((key) => key.startsWith(TRACK)));
}
