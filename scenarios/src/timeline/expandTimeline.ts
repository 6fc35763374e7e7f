import {
  parseScenarioClockTime,
  timelineMinutes,
  type Condition,
  type Effect,
  type Inject,
  type Reaction,
  type ScenarioDocument,
  type ScenarioState,
  type TimelineRow,
} from '@startex/shared';
import { evaluateCondition } from '../evaluateCondition.ts';
import { FactCompiler } from './compileFacts.ts';
import { allOf, anyOf, GENERATED_PREFIX, GeneratedParts, type SourcePath, type StateSource } from './GeneratedParts.ts';
import { plannedTimes } from './plannedTimes.ts';
import { resolveTeams, senderName } from './resolveTeams.ts';
import { TITLE_WORDS, type TitleWords } from './titleWords.ts';

/** The document in statechart form, and where each generated part comes from in the timeline. */
export interface Expansion {
  document: ScenarioDocument;
  /** Inject id -> its timeline row. */
  rowOfInject: Map<string, SourcePath>;
  /** Generated state key -> what it stands for. */
  stateSources: Map<string, StateSource>;
  /** Index in the expanded document's reactions -> the fact it records (generated ones only). */
  reactionSources: Map<number, SourcePath>;
  /** Generated state key -> its title, for messages. */
  titles: Map<string, string>;
}

/** The main storyline, for rows without a track. */
export const MAIN_TRACK = 'main';

/** Does the document use the timeline form (rows or EndEx rules) at all? */
export function hasTimeline(document: ScenarioDocument): boolean {
  return document.timeline.length > 0 || document.endex.length > 0;
}

const cache = new WeakMap<ScenarioDocument, Expansion>();

/**
 * The statechart form of a document: timeline rows become injects released by one region per
 * storyline (a chain of states, one per time on the exercise clock), rows timed after something
 * players or control do become regions of their own, facts become reactions and flags, decisions
 * on rows become regions that offer them until their deadline. A hand-written machine runs beside
 * them as a region of its own. A document without a timeline comes back as it is.
 */
export function expandTimeline(document: ScenarioDocument): ScenarioDocument {
  return expandWithSources(document).document;
}

export function expandWithSources(document: ScenarioDocument): Expansion {
  let expansion = cache.get(document);
  if (!expansion) cache.set(document, (expansion = expand(document)));
  return expansion;
}

interface Release {
  row: TimelineRow;
  index: number;
  guard: Condition | undefined;
}

type Timed = { minutes: number; path: SourcePath } & ({ kind: 'release'; release: Release } | { kind: 'endex'; guard: Condition | undefined });

/** A moment of play something is timed from, and how people call it. */
interface Root {
  condition: Condition;
  name: string;
  /** When the moment can no longer come (the decision it waits for went another way). */
  foreclosed: Condition | undefined;
}
/** Minutes after StartEx, or (with a root) after that moment of play. */
interface Placement {
  minutes: number;
  root?: Root | undefined;
}

/** How a moment of play reads in titles: "#4 Seal mismatch", "decision “Delay the kick-off?”: Delay", in the scenario's words. */
function anchorName(anchor: NonNullable<TimelineRow['after']>, authored: ScenarioDocument, rowById: Map<string, { row: TimelineRow; index: number }>, numbers: number[], words: TitleWords): string {
  const rowName = (id: string) => {
    const row = rowById.get(id);
    return row ? `#${numbers[row.index]} ${row.row.subject}` : id;
  };
  if ('inject' in anchor) return rowName(anchor.inject);
  if ('decision' in anchor) {
    const decision = authored.timeline.find((row) => row.decision?.id === anchor.decision)?.decision;
    const option = anchor.is && (decision?.options.find((o) => o.id === anchor.is)?.title ?? anchor.is);
    return words.decision(decision?.title ?? anchor.decision, option);
  }
  if ('action' in anchor) return words.action(authored.actions.find((a) => a.id === anchor.action)?.label ?? anchor.action);
  return words.acknowledgement(rowById.get(anchor.acknowledged)?.row.subject ?? anchor.acknowledged);
}

function expand(authored: ScenarioDocument): Expansion {
  const resolvedInjects = authored.injects.map((inject) => ({ ...inject, to: resolveTeams(authored, inject.to) }));
  const addressed = resolvedInjects.some((inject, i) => inject.to.join() !== authored.injects[i]!.to.join());
  // A team field offers every team unless the author chose some: the server checks the options.
  const teamIds = authored.teams.map((t) => t.id);
  const pickers = authored.actions.some((a) => a.fields.some((f) => f.type === 'team' && f.options === undefined));
  const actions = pickers
    ? authored.actions.map((a) => ({ ...a, fields: a.fields.map((f) => (f.type === 'team' && f.options === undefined ? { ...f, options: teamIds } : f)) }))
    : authored.actions;
  if (!hasTimeline(authored)) {
    const document = addressed || pickers ? { ...authored, injects: resolvedInjects, actions } : authored;
    return { document, rowOfInject: new Map(), stateSources: new Map(), reactionSources: new Map(), titles: new Map() };
  }

  const startMinute = parseScenarioClockTime(authored.scenarioStart);
  const parts = new GeneratedParts();
  const facts = new FactCompiler(authored, parts, startMinute);
  const rows = authored.timeline;
  const rowById = new Map(rows.map((row, index) => [row.id, { row, index }]));
  const numbers = assignNumbers(authored, rows);
  const words = TITLE_WORDS[authored.language];

  // When each row goes out: a fixed exercise time, or some minutes after a moment of play (its root).
  const placements = new Map<string, Placement>();
  const placementOf = (row: TimelineRow, index: number, seen = new Set<string>()): Placement => {
    const known = placements.get(row.id);
    if (known) return known;
    let placement: Placement;
    const at: SourcePath = ['timeline', index, 'after'];
    if (row.at !== undefined || !row.after) placement = { minutes: row.at === undefined ? 0 : timelineMinutes(row.at, startMinute) };
    else if ('inject' in row.after && rowById.has(row.after.inject) && !seen.has(row.after.inject)) {
      const anchor = rowById.get(row.after.inject)!;
      const base = placementOf(anchor.row, anchor.index, new Set([...seen, row.id]));
      placement = { ...base, minutes: base.minutes + row.after.minutes };
    } else {
      // After an event, or an inject the machine releases (or a cycle, which the analyzer reports).
      placement = { minutes: row.after.minutes, root: { condition: facts.anchor(row.after, at), name: anchorName(row.after, authored, rowById, numbers, words), foreclosed: facts.foreclosed(row.after) } };
    }
    placements.set(row.id, placement);
    return placement;
  };
  const fixedTimes = new Map(rows.map((row, index) => [row.id, placementOf(row, index).root ? null : placementOf(row, index).minutes]));
  const conditional = (row: TimelineRow, seen = new Set<string>()): boolean =>
    row.when !== undefined ||
    row.unless !== undefined ||
    (row.after !== undefined && 'inject' in row.after && rowById.has(row.after.inject) && !seen.has(row.after.inject) && conditional(rowById.get(row.after.inject)!.row, new Set([...seen, row.id])));

  // Conditions first: they decide which releases other parts depend on.
  const releases = rows.map((row, index): Release => {
    const at: SourcePath = ['timeline', index];
    const anchorRow = row.after && 'inject' in row.after ? rowById.get(row.after.inject)?.row : undefined;
    // A row after a conditional row goes out only if that one did.
    const afterConditional = anchorRow !== undefined && conditional(anchorRow);
    const guard = allOf(
      row.when && facts.condition(row.when, [...at, 'when']),
      row.unless && { not: facts.condition(row.unless, [...at, 'unless']) },
      afterConditional ? { flag: facts.released(anchorRow.id) } : undefined,
    );
    return { row, index, guard };
  });
  const endexKey = endexStateKey(authored);
  const endexRules = authored.endex.map((rule, index) => {
    const at: SourcePath = ['endex', index];
    const anchorRow = rule.after && 'inject' in rule.after ? rowById.get(rule.after.inject) : undefined;
    let placement: Placement = { minutes: rule.at === undefined ? 0 : timelineMinutes(rule.at, startMinute) };
    if (anchorRow) {
      const base = placementOf(anchorRow.row, anchorRow.index);
      placement = { ...base, minutes: base.minutes + rule.after!.minutes };
    } else if (rule.after) {
      const root = { condition: facts.anchor(rule.after, [...at, 'after']), name: anchorName(rule.after, authored, rowById, numbers, words), foreclosed: facts.foreclosed(rule.after) };
      placement = { minutes: rule.after.minutes, root };
    }
    const guard = allOf(
      rule.when && facts.condition(rule.when, [...at, 'when']),
      rule.unless && { not: facts.condition(rule.unless, [...at, 'unless']) },
      anchorRow && conditional(anchorRow.row) ? { flag: facts.released(anchorRow.row.id) } : undefined,
    );
    return { index, placement, guard };
  });
  facts.closeMetWindows();
  const decisions = releases.flatMap(({ row, index }) => (row.decision ? [{ row, index, decision: row.decision, opened: facts.released(row.id) }] : []));

  const releaseEffects = (row: TimelineRow): Effect[] => [
    { release: row.id },
    ...row.effects,
    ...(facts.tracked.has(row.id) ? [{ setFlag: facts.released(row.id), value: true }] : []),
  ];
  const titles = new Map<string, string>();
  const source = (key: string, title: string, from: StateSource) => {
    titles.set(key, title);
    parts.stateSources.set(key, from);
  };

  // Each storyline: a chain of states, one per time something of it is due. Rows some minutes after a
  // moment of play chain the same way from that moment on, one chain per moment.
  const timed = new Map<string, Timed[]>();
  const onTrack = (track: string, item: Timed) => timed.set(track, [...(timed.get(track) ?? []), item]);
  const afterMoment = new Map<string, { root: Root; items: Timed[] }>();
  const onMoment = (root: Root, item: Timed) => {
    const key = JSON.stringify(root.condition);
    afterMoment.set(key, { root: afterMoment.get(key)?.root ?? root, items: [...(afterMoment.get(key)?.items ?? []), item] });
  };
  const regions: Record<string, ScenarioState> = {};
  for (const release of releases) {
    const { row, index } = release;
    const { minutes, root } = placementOf(row, index);
    const item: Timed = { kind: 'release', minutes, path: ['timeline', index], release };
    if (!root) onTrack(trackOf(row, rowById), item);
    else if (minutes > 0) onMoment(root, item);
    else {
      // At the moment itself: a region that releases the row as soon as it happens.
      const key = `${GENERATED_PREFIX}row--${row.id.slice(0, 50)}`;
      const name = `#${numbers[index]} ${row.subject}`;
      const moment = { condition: root.condition, guard: release.guard, closes: anyOf(root.foreclosed, facts.missedWindow(release.guard)) };
      regions[key] = { title: name, ...atMoment(key, moment, { effects: releaseEffects(row) }, source, words, name, { kind: 'anchor', path: ['timeline', index, 'after'], row: row.id }) };
      source(key, name, { kind: 'structure', path: ['timeline', index] });
    }
  }
  for (const { index, placement, guard } of endexRules) {
    const item: Timed = { kind: 'endex', minutes: placement.minutes, path: ['endex', index], guard };
    if (!placement.root) onTrack(MAIN_TRACK, item);
    else if (placement.minutes > 0) onMoment(placement.root, item);
    else {
      const key = `${GENERATED_PREFIX}endex--${index}`;
      const moment = { condition: placement.root.condition, guard, closes: anyOf(placement.root.foreclosed, facts.missedWindow(guard)) };
      regions[key] = { title: words.endexRule(index + 1), ...atMoment(key, moment, { target: endexKey }, source, words, words.endexRule(index + 1), { kind: 'endex', path: ['endex', index] }) };
      source(key, words.endexRule(index + 1), { kind: 'structure', path: ['endex', index] });
    }
  }
  const forgetting = forgetAfterLastRead(timed, afterMoment, regions, parts);
  const initialContext = { flags: Object.fromEntries([...authored.flags.map((f) => [f.id, f.initial] as const), ...parts.flags]), counters: {}, teamSets: {} };
  const trackOrder = [MAIN_TRACK, ...authored.tracks.map((t) => t.id).filter((t) => t !== MAIN_TRACK)];
  const trackRegions: Record<string, ScenarioState> = {};
  for (const track of [...trackOrder, ...[...timed.keys()].filter((t) => !trackOrder.includes(t))]) {
    const items = timed.get(track);
    if (!items) continue;
    const title = authored.tracks.find((t) => t.id === track)?.title ?? (track === MAIN_TRACK ? words.mainTimeline : track);
    const key = `${GENERATED_PREFIX}track--${track.slice(0, 40)}`;
    trackRegions[key] = { title, ...chain(track.slice(0, 40), items, endexKey, releaseEffects, initialContext, source, words, undefined, forgetting.get(track)) };
    source(key, title, { kind: 'structure', path: items[0]!.path });
  }
  let moments = 0;
  for (const { root, items } of afterMoment.values()) {
    const key = `${GENERATED_PREFIX}after-${++moments}`;
    regions[key] = { title: words.after(root.name), ...chain(`after-${moments}`, items, endexKey, releaseEffects, initialContext, source, words, root) };
    source(key, words.after(root.name), { kind: 'structure', path: items[0]!.path });
  }

  for (const { row, index, decision, opened } of decisions) {
    const key = `${GENERATED_PREFIX}decision--${decision.id.slice(0, 45)}`;
    const path: SourcePath = ['timeline', index, 'decision'];
    const settle = (option: string): Effect[] => [{ setFlag: facts.decided(decision.id, option), value: true }];
    const defaultTitle = decision.options.find((o) => o.id === decision.default)?.title ?? decision.default;
    regions[key] = {
      title: decision.title,
      initial: `${key}-wait`,
      states: {
        [`${key}-wait`]: { title: words.beforeRow(numbers[index]!), always: [{ when: { flag: opened }, target: `${key}-open`, effects: [] }] },
        [`${key}-open`]: {
          title: words.open(decision.title),
          decisions: decision.options.map((o) => ({ decision: o.id, label: o.title, target: `${key}-chosen`, effects: settle(o.id) })),
          after: [{ minutes: decision.within, target: `${key}-defaulted`, effects: settle(decision.default) }],
        },
        [`${key}-chosen`]: { title: words.decided },
        [`${key}-defaulted`]: { title: words.notDecidedInTime(defaultTitle) },
      },
    };
    source(key, decision.title, { kind: 'structure', path });
    source(`${key}-wait`, words.beforeRow(numbers[index]!), { kind: 'structure', path });
    source(`${key}-open`, words.open(decision.title), { kind: 'wait', path });
    source(`${key}-chosen`, words.decided, { kind: 'wait', path });
    source(`${key}-defaulted`, words.notDecidedInTime(defaultTitle), { kind: 'deadline', path: [...path, 'within'], what: `the deadline of decision "${decision.id}" (${decision.within} minutes after "${row.id}")` });
  }
  for (const [key, region] of parts.regions) {
    regions[key] = region;
    titles.set(key, region.title ?? key);
    for (const [child, state] of Object.entries(region.states ?? {})) titles.set(child, state.title ?? child);
  }
  const machine = assemble(authored, { ...trackRegions, ...regions }, endexKey, authored.endex.length > 0, facts, titles);
  const rowInjects: Inject[] = rows.map((row, index) => ({
    id: row.id,
    number: numbers[index]!,
    channel: row.channel,
    from: senderName(authored, row.from),
    to: resolveTeams(authored, row.to),
    subject: row.subject,
    body: row.body,
    expectedActions: row.expectedActions,
    criticalTasks: row.criticalTasks,
    kind: row.kind,
    attachments: row.attachments,
  }));
  const userReactions = authored.reactions;
  const reactions: Reaction[] = [...userReactions, ...parts.reactions];
  const declared = new Set(authored.flags.map((f) => f.id));
  const statechart: ScenarioDocument = {
    ...authored,
    flags: [...authored.flags, ...[...parts.flags].filter(([id]) => !declared.has(id)).map(([id, initial]) => ({ id, initial }))],
    timeline: [],
    tracks: [],
    endex: [],
    injects: [...resolvedInjects, ...rowInjects],
    actions,
    reactions,
    machine,
  };
  const planned = plannedTimes(statechart, fixedTimes);
  const document: ScenarioDocument = {
    ...statechart,
    injects: statechart.injects.map((inject) => {
      const minutes = rowById.has(inject.id) ? planned.get(inject.id) : undefined;
      return minutes === undefined ? inject : { ...inject, scenarioTime: storyTime(startMinute + minutes) };
    }),
  };
  return {
    document,
    rowOfInject: new Map(rows.map((row, index) => [row.id, ['timeline', index]])),
    stateSources: parts.stateSources,
    reactionSources: new Map(parts.reactionSources.map((path, i) => [userReactions.length + i, path])),
    titles,
  };
}

function trackOf(row: TimelineRow, rowById: Map<string, { row: TimelineRow }>, seen = new Set<string>()): string {
  if (row.track !== undefined) return row.track;
  const anchor = row.after && 'inject' in row.after ? rowById.get(row.after.inject)?.row : undefined;
  return anchor && !seen.has(anchor.id) ? trackOf(anchor, rowById, new Set([...seen, row.id])) : MAIN_TRACK;
}

/** The key of the final state a timeline's EndEx enters: `endex` unless a non-final state has that key. */
function endexStateKey(document: ScenarioDocument): string {
  const taken = (state: ScenarioState): boolean =>
    Object.entries(state.states ?? {}).some(([key, child]) => (key === 'endex' && child.type !== 'final') || taken(child));
  return taken(document.machine) ? `${GENERATED_PREFIX}endex` : 'endex';
}

const formatMinutes = (minutes: number) => (minutes === 0 ? 'StartEx' : `T+${Number.isInteger(minutes) ? minutes : minutes.toFixed(1)}`);

/**
 * A storyline as a chain of states: the state for time t is entered when everything due at t has
 * gone out; from it, one timer per row due next (guarded by the row's condition), the EndEx due
 * then, and the timer that moves on, in that order (due timers fire in the order they were set).
 * With a root, the times count from that moment of play, which a first state waits for.
 */
function chain(
  name: string,
  items: Timed[],
  endexKey: string,
  releaseEffects: (row: TimelineRow) => Effect[],
  initialContext: { flags: Record<string, boolean>; counters: Record<string, number>; teamSets: Record<string, string[]> },
  source: (key: string, title: string, from: StateSource) => void,
  words: TitleWords,
  root: Root | undefined,
  forget: ReadonlyMap<number, Effect[]> = new Map(),
): ScenarioState {
  const times = [...new Set(items.map((i) => i.minutes))].sort((a, b) => a - b);
  if (times[0] !== 0) times.unshift(0);
  const keyOf = (k: number) => `${GENERATED_PREFIX}${name}--${k}`;
  const when = (minutes: number) => (root ? words.minutesAfter(minutes, root.name) : formatMinutes(minutes));
  const states: Record<string, ScenarioState> = {};
  if (root) {
    const wait = `${GENERATED_PREFIX}${name}--wait`;
    const closed = `${GENERATED_PREFIX}${name}--closed`;
    states[wait] = {
      title: words.waitingFor(root.name),
      always: [{ when: root.condition, target: keyOf(0), effects: [] }, ...(root.foreclosed ? [{ when: root.foreclosed, target: closed, effects: [] }] : [])],
    };
    source(wait, states[wait]!.title!, { kind: 'structure', path: items[0]!.path });
    if (root.foreclosed) {
      states[closed] = { title: words.willNotCome(root.name) };
      source(closed, states[closed]!.title!, { kind: 'wait', path: items[0]!.path });
    }
  }
  // No state for a time where only EndEx is due and nothing comes after it (play ended there, or
  // goes on with nothing more in this storyline); past an unguarded EndEx, rows are never reached.
  const last = times.at(-1)!;
  const endsAt = (minutes: number) =>
    items.some((i) => i.minutes === minutes && i.kind === 'endex' && (!i.guard || minutes === last)) && !items.some((i) => i.minutes === minutes && i.kind === 'release');
  times.forEach((minutes, k) => {
    const due = items.filter((i) => i.minutes === minutes);
    if (k > 0 && endsAt(minutes)) return;
    // Titled by a row that goes out for sure; when every row due then has a condition, by each of them, since any may be the one.
    const releases = due.flatMap((i) => (i.kind === 'release' ? [i.release] : []));
    const named = releases.some((r) => !r.guard) ? [releases.find((r) => !r.guard)!] : releases;
    const subjects = named.map((r) => r.row.subject).join(' / ');
    const title = `${k === 0 && root ? root.name : when(minutes)}${subjects ? `: ${subjects}` : due.some((i) => i.kind === 'endex') ? ': EndEx' : ''}`;
    const state: ScenarioState = { title };
    if (k === 0 && !root) {
      // At StartEx nothing has happened yet: a condition can only read the flags' first values.
      const entry = due.flatMap((i) =>
        i.kind === 'release' && (!i.release.guard || evaluateCondition(i.release.guard, initialContext, { type: 'startex' })) ? releaseEffects(i.release.row) : [],
      );
      if (entry.length > 0) state.entry = entry;
    }
    const next = times[k + 1];
    if (next !== undefined) {
      const delay = next - minutes;
      const upcoming = items.filter((i) => i.minutes === next);
      state.after = [
        ...upcoming.flatMap((i) =>
          i.kind === 'release' ? [{ minutes: delay, ...(i.release.guard ? { when: i.release.guard } : {}), effects: releaseEffects(i.release.row) }] : [],
        ),
        ...upcoming.flatMap((i) => (i.kind === 'endex' ? [{ minutes: delay, ...(i.guard ? { when: i.guard } : {}), target: endexKey, effects: [] }] : [])),
        ...(endsAt(next) ? [] : [{ minutes: delay, target: keyOf(k + 1), effects: forget.get(next) ?? [] }]),
      ];
    }
    states[keyOf(k)] = state;
    const rows = due.flatMap((i) => (i.kind === 'release' ? [i.release.row.id] : []));
    const path = due[0]?.path ?? items[0]!.path;
    const firstItem = items.find((i) => i.kind === 'release');
    source(
      keyOf(k),
      title,
      k === 0 && root
        ? firstItem?.kind === 'release'
          ? { kind: 'anchor', path: firstItem.path, row: firstItem.release.row.id }
          : { kind: 'endex', path }
        : { kind: 'row-time', path, rows, minutes, ...(root ? { after: root.name } : {}) },
    );
  });
  return { initial: root ? `${GENERATED_PREFIX}${name}--wait` : keyOf(0), states };
}

/** The flags a condition reads. */
function flagsOf(condition: Condition | undefined, into = new Set<string>()): Set<string> {
  if (!condition) return into;
  if ('all' in condition) condition.all.forEach((c) => flagsOf(c, into));
  else if ('any' in condition) condition.any.forEach((c) => flagsOf(c, into));
  else if ('not' in condition) flagsOf(condition.not, into);
  else if ('flag' in condition) into.add(condition.flag);
  return into;
}

/**
 * Facts nothing reads after a fixed time are forgotten then: the storyline's move past its last
 * reader clears the flag and stops its reactions, so the analyzer does not tell apart, for the
 * rest of play, points that differ only in a fact no condition will look at again (a team that
 * acknowledged at T+1 and one that never did, once the T+3 chaser has gone out or not). Only facts
 * whose readers are all rows at fixed times, the last of them on one storyline, are forgotten.
 * Returns, per storyline, the effects its move at each time applies.
 */
function forgetAfterLastRead(
  timed: ReadonlyMap<string, Timed[]>,
  afterMoment: ReadonlyMap<string, { root: Root; items: Timed[] }>,
  regions: Record<string, ScenarioState>,
  parts: GeneratedParts,
): Map<string, Map<number, Effect[]>> {
  const readAt = new Map<string, { minutes: number; track: string; row: boolean }[]>();
  const readAnytime = new Set<string>();
  for (const [track, items] of timed) {
    for (const item of items) {
      for (const flag of flagsOf(item.kind === 'release' ? item.release.guard : item.guard)) {
        readAt.set(flag, [...(readAt.get(flag) ?? []), { minutes: item.minutes, track, row: item.kind === 'release' }]);
      }
    }
  }
  for (const { root, items } of afterMoment.values()) {
    flagsOf(root.condition, readAnytime);
    flagsOf(root.foreclosed, readAnytime);
    for (const item of items) flagsOf(item.kind === 'release' ? item.release.guard : item.guard, readAnytime);
  }
  const walk = (state: ScenarioState) => {
    for (const t of [...(state.after ?? []), ...(state.always ?? []), ...(state.on ?? [])]) flagsOf(t.when, readAnytime);
    Object.values(state.states ?? {}).forEach(walk);
  };
  Object.values(regions).forEach(walk);
  // Windows that open when something is done read its fact at any time.
  [...parts.regions.values()].forEach(walk);
  for (const reaction of parts.reactions) flagsOf(reaction.when, readAnytime);

  const forgetting = new Map<string, Map<number, Effect[]>>();
  for (const [flag, reads] of readAt) {
    if (!flag.startsWith(`${GENERATED_PREFIX}fact-`) || readAnytime.has(flag)) continue;
    const last = Math.max(...reads.map((r) => r.minutes));
    const atLast = reads.filter((r) => r.minutes === last);
    // The move past the last reader must come after every read at that time: one storyline, a row.
    if (new Set(atLast.map((r) => r.track)).size !== 1 || !atLast.some((r) => r.row)) continue;
    const forgotten = parts.flag(parts.name('forgotten', `forgotten:${flag}`).name);
    parts.reactions.forEach((reaction, i) => {
      if (!reaction.effects.some((e) => 'setFlag' in e && e.setFlag === flag)) return;
      parts.reactions[i] = { ...reaction, when: allOf(reaction.when, { not: { flag: forgotten } }) };
    });
    const track = forgetting.get(atLast[0]!.track) ?? new Map<number, Effect[]>();
    track.set(last, [...(track.get(last) ?? []), { setFlag: flag, value: false }, { setFlag: forgotten, value: true }]);
    forgetting.set(atLast[0]!.track, track);
  }
  return forgetting;
}

/**
 * A region that does `then` (guarded) the moment a condition first holds. It closes (`closes`) once
 * that can no longer happen: the moment can no longer come, or the guard needs a fact whose window
 * passed unmet. Plays that differ only in such a missed window, or in when the moment came after
 * it, then go on alike, as a hand-written statechart ends such a region with its timer (bench's
 * generated MSEL in both forms).
 */
function atMoment(
  key: string,
  moment: { condition: Condition; guard: Condition | undefined; closes: Condition | undefined },
  then: { effects: Effect[] } | { target: string },
  source: (key: string, title: string, from: StateSource) => void,
  words: TitleWords,
  name: string,
  from: StateSource,
): ScenarioState {
  const { condition, guard, closes } = moment;
  const wait = `${key}-wait`;
  const done = `${key}-done`;
  // Distinct from done, which says the moment came (the analyzer reports a moment that never does).
  const closed = `${key}-closed`;
  // Ending play needs no state after it, unless a guard can keep it from ending.
  const needsDone = 'effects' in then || guard !== undefined;
  const target = 'target' in then ? then.target : done;
  const effects = 'effects' in then ? then.effects : [];
  const states: Record<string, ScenarioState> = {
    [wait]: {
      title: words.waiting(name),
      always: [
        { when: allOf(condition, guard)!, target, effects },
        ...(guard ? [{ when: condition, target: done, effects: [] }] : []),
        ...(closes ? [{ when: closes, target: closed, effects: [] }] : []),
      ],
    },
    ...(needsDone ? { [done]: { title: words.done(name) } } : {}),
    ...(closes ? { [closed]: { title: words.closed(name) } } : {}),
  };
  source(wait, states[wait]!.title!, { kind: 'structure', path: from.path });
  if (needsDone) source(done, words.done(name), closes && (from.kind === 'anchor' || from.kind === 'endex') ? { ...from, closedIn: closed } : from);
  if (closes) source(closed, words.closed(name), { kind: 'wait', path: from.path });
  return { initial: wait, states };
}

/**
 * The expanded machine: the storylines, the regions and the hand-written machine side by side
 * (one region only: no parallel state), then EndEx. The hand-written machine's top-level final
 * states stay at the top, so entering one is still EndEx.
 */
function assemble(
  document: ScenarioDocument,
  regions: Record<string, ScenarioState>,
  endexKey: string,
  timelineEnds: boolean,
  facts: FactCompiler,
  titles: Map<string, string>,
): ScenarioState {
  const own = withReleaseFlags(document.machine, facts);
  const children = Object.entries(own.states ?? {});
  const parallelRoot = own.type === 'parallel';
  const finals = parallelRoot ? [] : children.filter(([, s]) => s.type === 'final');
  const playing = parallelRoot ? children : children.filter(([, s]) => s.type !== 'final');
  const { states: _states, initial, ...rootContent } = own;
  const hasOwn = playing.length > 0 || Object.keys(rootContent).some((k) => k !== 'title' && k !== 'description');
  const machineKey = `${GENERATED_PREFIX}machine`;
  const all: Record<string, ScenarioState> = {
    ...(hasOwn
      ? {
          [machineKey]: {
            title: own.title ?? 'Scenario states',
            ...rootContent,
            ...(playing.length > 0 ? { states: Object.fromEntries(playing) } : {}),
            ...(!parallelRoot && playing.length > 0 ? { initial: initial !== undefined && playing.some(([k]) => k === initial) ? initial : playing[0]![0] } : {}),
          },
        }
      : {}),
    ...regions,
  };
  if (hasOwn) titles.set(machineKey, own.title ?? 'Scenario states');
  const keys = Object.keys(all);
  const playKey = keys.length === 1 ? keys[0]! : `${GENERATED_PREFIX}play`;
  if (keys.length > 1) titles.set(playKey, 'Play');
  const play: ScenarioState = keys.length === 1 ? all[keys[0]!]! : { type: 'parallel', title: 'Play', states: all };
  const ends = timelineEnds && !finals.some(([key]) => key === endexKey) ? [[endexKey, { type: 'final', title: 'EndEx' } satisfies ScenarioState] as const] : [];
  return { initial: playKey, states: { [playKey]: play, ...Object.fromEntries(finals), ...Object.fromEntries(ends) } };
}

/** The hand-written machine, with a `released` flag set wherever it releases an inject a fact depends on. */
function withReleaseFlags(state: ScenarioState, facts: FactCompiler): ScenarioState {
  const mark = (effects: Effect[]): Effect[] =>
    effects.flatMap((e) => ('release' in e && facts.tracked.has(e.release) ? [e, { setFlag: facts.released(e.release), value: true }] : [e]));
  return {
    ...state,
    ...(state.entry ? { entry: mark(state.entry) } : {}),
    ...(state.after ? { after: state.after.map((t) => ({ ...t, effects: mark(t.effects) })) } : {}),
    ...(state.on ? { on: state.on.map((t) => ({ ...t, effects: mark(t.effects) })) } : {}),
    ...(state.decisions ? { decisions: state.decisions.map((t) => ({ ...t, effects: mark(t.effects) })) } : {}),
    ...(state.always ? { always: state.always.map((t) => ({ ...t, effects: mark(t.effects) })) } : {}),
    ...(state.states ? { states: Object.fromEntries(Object.entries(state.states).map(([k, s]) => [k, withReleaseFlags(s, facts)])) } : {}),
  };
}

/** MSEL numbers: as written, else the row's place after the hand-written injects' numbers. */
function assignNumbers(document: ScenarioDocument, rows: readonly TimelineRow[]): number[] {
  const used = new Set([...document.injects.map((i) => i.number), ...rows.flatMap((r) => (r.number === undefined ? [] : [r.number]))]);
  let next = Math.max(0, ...document.injects.map((i) => i.number));
  return rows.map((row) => {
    if (row.number !== undefined) return row.number;
    do next++;
    while (used.has(next));
    used.add(next);
    return next;
  });
}

/** "Day 1 09:45" for minutes since Day 1 00:00. */
function storyTime(minutes: number): string | undefined {
  const whole = Math.floor(minutes);
  const day = Math.floor(whole / 1440) + 1;
  if (day > 99) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  return `Day ${day} ${two(Math.floor((whole % 1440) / 60))}:${two(whole % 60)}`;
}
