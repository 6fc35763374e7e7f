import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LIBRARY } from '../src/library/index.ts';

type Doc = Record<string, any>;

export interface BrokenScenario {
  name: string;
  /** The raw text as uploaded, and its format. */
  text: string;
  format: 'json' | 'yaml';
  /**
   * The analyzer must report at least this problem (rule and JSON path): as an error, which refuses
   * the document, unless `severity` says it is a warning (the document is accepted, and its author
   * told what does not hold).
   */
  expect: { rule: string; path: string; severity?: 'warning' };
}

const base = (): Doc => structuredClone(LIBRARY.demo) as Doc;

/** The demo told as a timeline: the alarm at T+2, a chaser unless reported, the reply when reported. */
const timelineBase = (): Doc => {
  const { injects, machine: _machine, ...demo } = base();
  const [alarm, reply, chaser] = injects.map(({ scenarioTime: _time, number: _number, ...inject }: Doc) => inject);
  return {
    ...demo,
    injects: [],
    machine: {},
    timeline: [
      { ...alarm, at: 'T+2' },
      { ...chaser, after: { inject: 'portal_alarm', minutes: 10 }, unless: { action: 'report_alarm', since: 'portal_alarm' } },
      { ...reply, after: { action: 'report_alarm', since: 'portal_alarm' } },
    ],
    endex: [{ at: 'T+22', unless: { action: 'report_alarm', since: 'portal_alarm' } }, { after: { inject: 'supervisor_reply', minutes: 3 } }],
  };
};
const timeline = (name: string, mutate: (d: Doc) => void, expect: BrokenScenario['expect']): BrokenScenario => {
  const document = timelineBase();
  mutate(document);
  return { name, text: JSON.stringify(document), format: 'json', expect };
};

/** The customs team's action of `count` optional text fields of 5,000 characters each. */
export const notesAction = (count: number) => ({
  id: 'log_notes',
  label: 'Log notes',
  teams: ['customs'],
  fields: Array.from({ length: count }, (_, i) => ({ name: `note_${i}`, label: `Note ${i + 1}`, type: 'text', required: false, maxLength: 5000 })),
});
const json = (name: string, mutate: (d: Doc) => void, expect: BrokenScenario['expect']): BrokenScenario => {
  const document = base();
  mutate(document);
  return { name, text: JSON.stringify(document), format: 'json', expect };
};

/** The demo's YAML file as written, with `edit` applied to its text: for mistakes only a YAML file can hold. */
const DEMO_YAML = readFileSync(fileURLToPath(new URL('../src/library/demo.yaml', import.meta.url)), 'utf8');
const yaml = (name: string, edit: (text: string) => string, expect: BrokenScenario['expect']): BrokenScenario => {
  const text = DEMO_YAML;
  const edited = edit(text);
  if (edited === text) throw new Error(`${name}: the edit changed nothing`);
  return { name, text: edited, format: 'yaml', expect };
};

/** Nine aliases of nine aliases of ... : a few hundred bytes that expand to 9^6 strings when read. */
const BILLION_LAUGHS = ['lol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...'bcdef'.split('').map((anchor, i) => `${anchor}: &${anchor} [${Array(9).fill(`*${'abcdef'[i]}`).join(', ')}]`)].join('\n');

function nested(depth: number): Doc {
  const root: Doc = { initial: 's0', states: {} };
  let level = root;
  for (let i = 0; i < depth; i++) {
    const child: Doc = { initial: `s${i + 1}`, states: {} };
    level.states[`s${i}`] = child;
    level = child;
  }
  level.type = 'final';
  delete level.initial;
  delete level.states;
  return root;
}

/**
 * Parallel regions cycling on timers whose periods never line up (7.5 + 1, 11.5 + 1, ... minutes):
 * the points of play multiply past any bound, which once kept the analyzer busy for most of a
 * minute inside the upload request.
 */
export function cyclingRegions(count: number): Doc {
  const document = base();
  const periods = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
  const regions = Object.fromEntries(
    periods.slice(0, count).map((minutes, i) => [
      `region_${i}`,
      {
        initial: `region_${i}_on`,
        states: {
          [`region_${i}_on`]: { after: [{ minutes: minutes + 0.5, target: `region_${i}_off` }] },
          [`region_${i}_off`]: { after: [{ minutes: 1, target: `region_${i}_on` }] },
        },
      },
    ]),
  );
  document.machine = {
    initial: 'play',
    states: {
      play: {
        type: 'parallel',
        decisions: [{ decision: 'stop', label: 'Stop the exercise', target: 'endex' }],
        states: { ...regions, story: { ...structuredClone(document.machine), initial: 'quiet' } },
      },
      endex: { type: 'final' },
    },
  };
  delete document.machine.states.play.states.story.states.endex;
  document.machine.states.play.states.story.states.reported.after = [];
  document.machine.states.play.states.story.states.alarm.after = [{ minutes: 10, effects: [{ release: 'supervisor_chaser' }] }];
  return document;
}

/**
 * Broken scenario documents: at least one per analyzer rule, plus malformed files, wrong types,
 * huge and deeply nested documents. Each names the error it must get.
 */
export const BROKEN_SCENARIOS: BrokenScenario[] = [
  { name: 'malformed JSON', text: '{"schemaVersion": 2, "id": ', format: 'json', expect: { rule: 'malformed', path: '$' } },
  { name: 'malformed YAML', text: 'schemaVersion: 2\nteams: [customs, police\n', format: 'yaml', expect: { rule: 'malformed', path: '$' } },
  { name: 'not an object', text: '[1, 2, 3]', format: 'json', expect: { rule: 'schema-version', path: '$.schemaVersion' } },
  { name: 'schema version from the future', text: JSON.stringify({ ...base(), schemaVersion: 7 }), format: 'json', expect: { rule: 'schema-version', path: '$.schemaVersion' } },
  json('wrong type', (d) => (d.injects[0].number = 'one'), { rule: 'schema', path: '$.injects[0].number' }),
  json('missing title', (d) => delete d.title, { rule: 'schema', path: '$.title' }),
  json('misspelt key', (d) => (d.injects[0].recipents = ['customs']), { rule: 'schema', path: '$.injects[0]' }),
  json('bad scenario time', (d) => (d.injects[0].scenarioTime = '09:02'), { rule: 'schema', path: '$.injects[0].scenarioTime' }),
  json('unknown effect', (d) => (d.machine.states.alarm.entry = [{ runScript: 'alert(1)' }]), { rule: 'schema', path: '$.machine.states.alarm.entry[0]' }),
  {
    name: 'huge document',
    text: JSON.stringify({ ...base(), summary: 'x'.repeat(1_100_000) }),
    format: 'json',
    expect: { rule: 'too-large', path: '$' },
  },
  json('deeply nested states', (d) => (d.machine = nested(200)), { rule: 'too-deep', path: '$' }),
  json('duplicated inject id', (d) => d.injects.push({ ...d.injects[0], number: 9 }), { rule: 'duplicate-id', path: '$.injects[3].id' }),
  json('duplicated inject number', (d) => (d.injects[1].number = 1), { rule: 'duplicate-id', path: '$.injects[1].number' }),
  json(
    'duplicated state key at two levels',
    (d) => (d.machine.states.reported.states = { alarm: { type: 'final' } }),
    { rule: 'duplicate-id', path: '$.machine.states.reported.states.alarm' },
  ),
  json('unknown team', (d) => (d.injects[0].to = ['custom']), { rule: 'unknown-reference', path: '$.injects[0].to[0]' }),
  json('unknown target', (d) => (d.machine.states.quiet.after[0].target = 'alarmed'), { rule: 'unknown-reference', path: '$.machine.states.quiet.after[0].target' }),
  json('unknown inject released', (d) => (d.machine.states.alarm.entry = [{ release: 'portal_alarm_2' }]), { rule: 'unknown-reference', path: '$.machine.states.alarm.entry[0].release' }),
  json('unknown action', (d) => (d.machine.states.alarm.on[0].action = 'report'), { rule: 'unknown-reference', path: '$.machine.states.alarm.on[0].action' }),
  json('unknown critical task', (d) => (d.injects[0].criticalTasks = ['report']), { rule: 'unknown-reference', path: '$.injects[0].criticalTasks[0]' }),
  json('unknown initial state', (d) => (d.machine.initial = 'calm'), { rule: 'unknown-reference', path: '$.machine.initial' }),
  json('unknown field in a guard', (d) => (d.machine.states.alarm.on[0].when = { field: 'dose', atLeast: 1 }), { rule: 'unknown-reference', path: '$.machine.states.alarm.on[0].when' }),
  json(
    'action reserved to another team',
    (d) => {
      d.teams.push({ id: 'police', name: 'Police', agency: 'police' });
      d.machine.states.alarm.on[0].team = 'police';
    },
    { rule: 'action-team', path: '$.machine.states.alarm.on[0].team' },
  ),
  json('unreachable state', (d) => (d.machine.states.orphan = { entry: [], after: [{ minutes: 1, target: 'endex' }] }), { rule: 'unreachable-state', path: '$.machine.states.orphan' }),
  json('non-final state with no way out', (d) => (d.machine.states.reported = { entry: [{ release: 'supervisor_reply' }] }), { rule: 'no-way-out', path: '$.machine.states.reported' }),
  json(
    'cycle with no exit',
    (d) => {
      d.machine.states.reported.after = [{ minutes: 3, target: 'loop_a' }];
      d.machine.states.loop_a = { after: [{ minutes: 1, target: 'loop_b' }] };
      d.machine.states.loop_b = { after: [{ minutes: 1, target: 'loop_a' }] };
    },
    { rule: 'never-ends', path: '$.machine.states.loop_a' },
  ),
  json('inject never released', (d) => (d.machine.states.reported.entry = []), { rule: 'inject-never-released', path: '$.injects[1]' }),
  json(
    'contingency inject whose trigger never occurs',
    (d) => {
      d.injects.push({ ...d.injects[1], id: 'reminder', number: 4, kind: 'contingency', subject: 'Supervisor: where is your report?' });
      d.machine.states.alarm.after.push({ minutes: 5, when: { flag: 'never_set' }, effects: [{ release: 'reminder' }] });
    },
    { rule: 'contingency-never-triggered', path: '$.injects[3]' },
  ),
  json(
    'critical task nothing exercises',
    (d) => d.objectives[0].capabilityTargets[0].criticalTasks.push({ id: 'hold_vehicle', title: 'Hold the vehicle' }),
    { rule: 'task-not-exercised', path: '$.objectives[0].capabilityTargets[0].criticalTasks[1]' },
  ),
  json('objective with nothing to evaluate', (d) => d.objectives.push({ id: 'inform_public', title: 'Inform the public', capabilityTargets: [] }), { rule: 'objective-not-exercised', path: '$.objectives[1]' }),
  json(
    'metric on a milestone never reached',
    (d) => (d.metrics[0].to = { on: 'milestone', milestone: 'inspection_done' }),
    { rule: 'metric-impossible', path: '$.metrics[0].to.milestone' },
  ),
  json('no EndEx', (d) => (d.machine.states.endex = { after: [{ minutes: 1, target: 'quiet' }] }), { rule: 'no-endex', path: '$.machine.states' }),
  json('final state with exits', (d) => (d.machine.states.endex.after = [{ minutes: 1, target: 'quiet' }]), { rule: 'final-has-exits', path: '$.machine.states.endex' }),
  json(
    'guard that needs a value the action refuses',
    (d) => (d.machine.states.alarm.on[0].when = { field: 'dose_rate_usvh', atMost: -1 }),
    { rule: 'inject-never-released', path: '$.injects[1]' },
  ),
  json(
    'default response by a team not allowed to take the action',
    (d) => {
      d.teams.push({ id: 'police', name: 'Police', agency: 'police' });
      d.defaultResponses[0].team = 'police';
    },
    { rule: 'action-team', path: '$.defaultResponses[0].team' },
  ),
  json('default response with a value out of range', (d) => (d.defaultResponses[0].fields.dose_rate_usvh = -2), {
    rule: 'invalid-fields',
    path: '$.defaultResponses[0].fields.dose_rate_usvh',
  }),
  {
    name: 'parallel regions cycling on timers that never line up',
    text: JSON.stringify(cyclingRegions(5)),
    format: 'json',
    expect: { rule: 'too-many-plays', path: '$.machine' },
  },
  json('choice without options', (d) => d.actions[0].fields.push({ name: 'lane', label: 'Lane', type: 'choice' }), { rule: 'schema', path: '$.actions[0].fields[2].options' }),

  // YAML: the real cause and the fix, not "Not valid JSON" or advice about brackets.
  yaml('YAML alias bomb (billion laughs)', (text) => `${BILLION_LAUGHS}\n${text}`, { rule: 'too-many-aliases', path: '$' }),
  yaml('YAML key written twice', (text) => text.replace(/^title: .*$/m, (line) => `${line}\ntitle: Second title`), { rule: 'duplicate-key', path: '$' }),
  yaml(
    'unquoted comma inside a YAML { } mapping',
    (text) => text.replace(/^teams:\n(?: {2}.*\n)+/m, 'teams:\n  - { id: customs, name: Customs post, Medininkai, agency: customs }\n'),
    { rule: 'comma-in-value', path: '$' },
  ),
  yaml('unquoted colon inside a YAML value', (text) => text.replace(/subject: Gamma alarm on lane 3/, 'subject: Gamma alarm: lane 3'), { rule: 'malformed', path: '$' }),
  yaml('YAML nested too deep to read safely', (text) => text.replace(/^summary: .*$/m, `summary: ${'['.repeat(300)}${']'.repeat(300)}`), { rule: 'too-deep', path: '$' }),

  // Actions no value can satisfy, or with settings their type ignores.
  json('number field with min above max', (d) => Object.assign(d.actions[0].fields[0], { min: 50, max: 5 }), { rule: 'impossible-field', path: '$.actions[0].fields[0].min' }),
  json('text field with options', (d) => d.actions[0].fields.push({ name: 'lane', label: 'Lane', type: 'text', required: false, options: ['1', '2', '3'] }), {
    rule: 'ignored-field-setting',
    path: '$.actions[0].fields[2].options',
  }),
  json('text field with a minimum', (d) => d.actions[0].fields.push({ name: 'plate', label: 'Plate number', type: 'text', required: false, min: 6 }), {
    rule: 'ignored-field-setting',
    path: '$.actions[0].fields[2].min',
  }),
  json('choice offered twice', (d) => d.actions[0].fields.push({ name: 'lane', label: 'Lane', type: 'choice', required: false, options: ['lane 1', 'lane 3', 'lane 3'] }), {
    rule: 'duplicate-option',
    path: '$.actions[0].fields[2].options[2]',
  }),
  json(
    'condition on a choice the field does not offer',
    (d) => {
      d.actions[0].fields.push({ name: 'lane', label: 'Lane', type: 'choice', options: ['lane 1', 'lane 3'] });
      d.defaultResponses[0].fields.lane = 'lane 3';
      d.machine.states.alarm.on[0].when = { field: 'lane', equals: 'Lane 3' };
    },
    { rule: 'impossible-condition', path: '$.machine.states.alarm.on[0].when.equals' },
  ),
  json(
    'decision id offered twice at once',
    (d) => {
      d.machine.decisions = [{ decision: 'stop', label: 'Stop the exercise', target: 'endex' }];
      d.machine.states.alarm.decisions = [{ decision: 'stop', label: 'Stop the alarm drill', target: 'reported' }];
    },
    { rule: 'duplicate-id', path: '$.machine.states.alarm.decisions[0].decision' },
  ),

  // Metrics that can never measure anything.
  json('metric from an event to itself', (d) => (d.metrics[0].to = { ...d.metrics[0].from }), { rule: 'metric-impossible', path: '$.metrics[0].to' }),
  json('metric ending at StartEx', (d) => (d.metrics[0].to = { on: 'startex' }), { rule: 'metric-impossible', path: '$.metrics[0].to' }),
  json(
    'metric from an acknowledgement back to its release',
    (d) => Object.assign(d.metrics[0], { from: { on: 'inject.acknowledged', inject: 'portal_alarm' }, to: { on: 'inject.released', inject: 'portal_alarm' } }),
    { rule: 'metric-impossible', path: '$.metrics[0].to' },
  ),
  json(
    'per-team metric no team can complete',
    (d) => {
      d.teams.push({ id: 'police', name: 'Police patrol', agency: 'police' });
      d.actions.push({ id: 'escort', label: 'Escort the truck', teams: ['police'] });
      d.machine.states.reported.on = [{ action: 'escort', target: 'endex' }];
      d.metrics[0].from = { on: 'inject.acknowledged', inject: 'portal_alarm' };
      d.metrics[0].to = { on: 'action.taken', action: 'escort' };
    },
    { rule: 'metric-impossible', path: '$.metrics[0].perTeam' },
  ),

  // Timeline rows and deadlines the machine cannot keep.
  timeline('timeline row after EndEx', (d) => d.timeline.push({ ...d.timeline[0], id: 'late_call', at: 'T+30' }), { rule: 'timeline-time-unreachable', path: '$.timeline[3]' }),
  timeline('timeline row before StartEx', (d) => (d.timeline[0].at = 'Day 1 08:00'), { rule: 'timeline-time-unreachable', path: '$.timeline[0].at' }),
  timeline('timeline row timed after something that never happens', (d) => (d.timeline[2].after = { action: 'report_alarm', where: { dose_rate_usvh: { atLeast: 200_000 } } }), { rule: 'timeline-time-unreachable', path: '$.timeline[2].after' }),
  timeline('timeline row without a time', (d) => delete d.timeline[0].at, { rule: 'timeline-time', path: '$.timeline[0]' }),
  timeline('timeline rows after each other in a circle', (d) => (d.timeline[0] = { ...d.timeline[0], at: undefined, after: { inject: 'supervisor_chaser', minutes: 1 } }), { rule: 'timeline-cycle', path: '$.timeline[0].after' }),
  timeline(
    'decision deadline after EndEx',
    (d) => (d.timeline[0].decision = { id: 'lane', title: 'Lane', options: [{ id: 'lane_open', title: 'Keep the lane open' }, { id: 'lane_closed', title: 'Close the lane' }], within: 30, default: 'lane_open' }),
    { rule: 'deadline-after-endex', path: '$.timeline[0].decision.within' },
  ),
  timeline('condition deadline after EndEx', (d) => (d.timeline[1].unless = { action: 'report_alarm', within: 40, of: 'portal_alarm' }), { rule: 'deadline-after-endex', path: '$.timeline[1].unless.within' }),
  timeline('within without of', (d) => (d.timeline[1].unless = { action: 'report_alarm', within: 5 }), { rule: 'fact-deadline', path: '$.timeline[1].unless.within' }),
  timeline('within minutes after an unknown action', (d) => (d.timeline[1].unless = { action: 'report_alarm', within: 5, after: { action: 'report_alrm', by: 'customs' } }), {
    rule: 'unknown-reference',
    path: '$.timeline[1].unless.after.action',
  }),
  timeline('within minutes after acknowledging an unknown inject', (d) => (d.timeline[1].unless = { action: 'report_alarm', within: 5, after: { acknowledged: 'portal_alrm', by: 'customs' } }), {
    rule: 'unknown-reference',
    path: '$.timeline[1].unless.after.acknowledged',
  }),
  timeline('unknown team in a timeline row', (d) => (d.timeline[0].to = ['custom']), { rule: 'unknown-reference', path: '$.timeline[0].to[0]' }),
  timeline('reserved id', (d) => (d.timeline[0].id = 'tl--alarm'), { rule: 'reserved-id', path: '$.timeline[0].id' }),

  // The field types, row decisions and metric kinds of schema version 3, checked as written.
  json('multi-choice field needing more picks than it offers', (d) => d.actions[0].fields.push({ name: 'informed', label: 'Agencies informed', type: 'multi-choice', options: ['Police', 'Regulator'], min: 3 }), {
    rule: 'impossible-field',
    path: '$.actions[0].fields[2].min',
  }),
  json('multi-choice field with min above max', (d) => d.actions[0].fields.push({ name: 'informed', label: 'Agencies informed', type: 'multi-choice', options: ['Police', 'Regulator', 'Health'], min: 2, max: 1 }), {
    rule: 'impossible-field',
    path: '$.actions[0].fields[2].min',
  }),
  json('time field with a minimum', (d) => d.actions[0].fields.push({ name: 'held_at', label: 'Vehicle held at', type: 'time', required: false, min: 9 }), {
    rule: 'ignored-field-setting',
    path: '$.actions[0].fields[2].min',
  }),
  json('multi-choice option offered twice', (d) => d.actions[0].fields.push({ name: 'informed', label: 'Agencies informed', type: 'multi-choice', required: false, options: ['Police', 'Police'] }), {
    rule: 'duplicate-option',
    path: '$.actions[0].fields[2].options[1]',
  }),
  json(
    'condition on a multi-choice option the field does not offer',
    (d) => {
      d.actions[0].fields.push({ name: 'informed', label: 'Agencies informed', type: 'multi-choice', required: false, options: ['Police', 'Regulator'] });
      d.machine.states.alarm.on[0].when = { field: 'informed', includes: 'Fire brigade' };
    },
    { rule: 'impossible-condition', path: '$.machine.states.alarm.on[0].when.includes' },
  ),
  timeline(
    'decision declared on two rows',
    (d) => {
      d.timeline[0].decision = { id: 'lane', title: 'Lane', options: [{ id: 'lane_open', title: 'Keep the lane open' }, { id: 'lane_closed', title: 'Close the lane' }], within: 5, default: 'lane_open' };
      d.timeline[2].decision = { id: 'lane', title: 'Lane after the report', options: [{ id: 'lane_reopened', title: 'Reopen the lane' }, { id: 'lane_kept', title: 'Keep it closed' }], within: 2, default: 'lane_kept' };
    },
    { rule: 'duplicate-id', path: '$.timeline[2].decision.id' },
  ),
  timeline(
    'decision option offered on two rows',
    (d) => {
      d.timeline[0].decision = { id: 'lane', title: 'Lane', options: [{ id: 'lane_open', title: 'Keep the lane open' }, { id: 'lane_closed', title: 'Close the lane' }], within: 5, default: 'lane_open' };
      d.timeline[2].decision = { id: 'lane_later', title: 'Lane after the report', options: [{ id: 'lane_open', title: 'Reopen the lane' }, { id: 'lane_kept', title: 'Keep it closed' }], within: 2, default: 'lane_kept' };
    },
    { rule: 'duplicate-id', path: '$.timeline[2].decision.options[0].id' },
  ),
  timeline('count metric with atLeast above atMost', (d) => d.metrics.push({ id: 'reports', kind: 'count', title: 'Alarm reports', counts: { action: 'report_alarm' }, atLeast: 3, atMost: 1 }), {
    rule: 'metric-impossible',
    path: '$.metrics[1].atMost',
  }),
  timeline('every-team metric due at StartEx', (d) => d.metrics.push({ id: 'all_reported', kind: 'every-team', title: 'Every team reported', action: 'report_alarm', by: 'T+0' }), {
    rule: 'metric-impossible',
    path: '$.metrics[1].by',
  }),
  timeline(
    'yes/no metric on an acknowledgement by a team the row is not sent to',
    (d) => {
      d.teams.push({ id: 'police', name: 'Police patrol', agency: 'police' });
      d.metrics.push({ id: 'police_saw_alarm', kind: 'yes-no', title: 'Police acknowledged the alarm', holds: { acknowledged: 'portal_alarm', by: 'police' } });
    },
    { rule: 'metric-impossible', path: '$.metrics[1].holds.by' },
  ),
  // Issue 13's action: 30 text fields of 5,000 characters, a report of up to 440 KB, which no tablet can send in one frame.
  json(
    'action whose largest report does not fit in a frame',
    (d) => d.actions.push(notesAction(30)),
    { rule: 'payload-too-large', path: '$.actions[1].fields' },
  ),
  // A warning: the document plays, but its MSEL promises the alarm a minute before the machine's 2-minute timer releases it.
  json(
    'MSEL time earlier than the machine can release the inject',
    (d) => {
      d.id = 'demo_msel_times';
      d.injects[0].scenarioTime = 'Day 1 09:01';
    },
    { rule: 'planned-time-mismatch', path: '$.injects[0].scenarioTime', severity: 'warning' },
  ),
];
