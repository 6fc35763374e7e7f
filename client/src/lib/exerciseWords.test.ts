import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { keyAsWords, ScenarioDocument, type ExerciseView, type LogEntry } from '@startex/shared';
import { describeEntry } from './describeEntry.ts';
import { documentSource, exerciseWords } from './exerciseWords.ts';

const scenario = ScenarioDocument.parse({
  schemaVersion: 2,
  id: 'words-drill',
  title: 'Words drill',
  summary: 'Keys and their words.',
  exerciseType: 'drill',
  functions: ['detection'],
  expectedDurationMinutes: 30,
  teams: [{ id: 'customs', name: 'Customs post Vilkupiai: officers on lane 3', agency: 'customs' }],
  injects: [
    { id: 'portal_alarm', number: 1, channel: 'sensor', from: 'Portal', to: ['customs'], subject: 'Gamma alarm on lane 3', body: 'Alarm.' },
    { id: 'driver_papers', number: 2, channel: 'face-to-face', from: 'Driver', to: ['customs'], subject: 'The papers do not match', body: 'Papers.' },
  ],
  actions: [
    {
      id: 'hold_vehicle',
      label: 'Hold the vehicle',
      teams: ['customs'],
      fields: [
        { name: 'rescanned', label: 'Re-scanned through the portal', type: 'boolean' },
        { name: 'supervisor_informed', label: 'Supervisor informed', type: 'boolean' },
        { name: 'dose_rate_usvh', label: 'Dose rate (µSv/h)', type: 'number', required: false },
      ],
    },
  ],
  machine: {
    initial: 'primary_alarm',
    states: {
      primary_alarm: { entry: [{ release: 'portal_alarm' }], after: [{ minutes: 5, target: 'driver_interview' }] },
      driver_interview: { entry: [{ release: 'driver_papers' }], after: [{ minutes: 3, target: 'endex' }] },
      endex: { type: 'final' },
    },
  },
});
const t = i18next.getFixedT('en');
const words = exerciseWords(documentSource(scenario), [], t);
const entry = <T extends LogEntry['type']>(type: T, fields: object) =>
  ({ type, seq: 1, exerciseId: 'x', wallTime: 0, exerciseTimeMs: 0, scenarioTimeMs: 0, actor: { kind: 'system' }, ...fields }) as unknown as Extract<LogEntry, { type: T }>;

describe('exercise words', () => {
  it('reads a key as words, a dotted path as its parts', () => {
    expect(keyAsWords('driver_interview')).toBe('Driver interview');
    expect(keyAsWords('handling.awaiting-confirmation')).toBe('Handling › Awaiting confirmation');
  });

  it('names teams, actions, fields with their units, injects and timers from the scenario', () => {
    expect(words.team('customs')).toBe('Customs post Vilkupiai: officers on lane 3');
    expect(words.action('hold_vehicle')).toBe('Hold the vehicle');
    expect(words.field('hold_vehicle', 'dose_rate_usvh', 4.2)).toBe('Dose rate (µSv/h): 4.2');
    expect(words.field('hold_vehicle', 'rescanned', false)).toBe('Re-scanned through the portal: no');
    expect(words.inject('driver_papers')).toMatch(/^#2 /);
    expect(words.timer('driver_interview.after.0')).toBe('Driver interview, after 3 min');
  });

  it('names phases by the titles the view carries (evaluators and observers have no scenario), else by the scenario', () => {
    const view = { teams: scenario.teams, simulatedOrganisations: [], actions: [], stateTitles: { primary_alarm: 'Portal alarm on lane 3', handling: 'Handling a Cs-137 source' } };
    const titled = exerciseWords(view, [], t);
    expect(titled.state('primary_alarm')).toBe('Portal alarm on lane 3');
    expect(titled.state('handling.registry_check')).toBe('Handling a Cs-137 source › Registry check');
    expect(describeEntry(entry('state.entered', { states: ['primary_alarm'] }), t, titled)).toBe('Scenario phase: Portal alarm on lane 3');
    const withTitles = ScenarioDocument.parse({ ...scenario, machine: { ...scenario.machine, states: { ...scenario.machine.states, driver_interview: { ...scenario.machine.states!.driver_interview, title: 'Driver and his papers' } } } });
    expect(exerciseWords(documentSource(withTitles), [], t).state('driver_interview')).toBe('Driver and his papers');
  });

  it('names a decision control made by the label the view carries (evaluators and observers have no scenario), else by the scenario', () => {
    // The bug: an evaluator read "Decision: Device safe", the option's id as words.
    const view = { teams: scenario.teams, simulatedOrganisations: [], actions: [], decisionTitles: { device_safe: 'A: the bomb squad renders the device safe' } };
    expect(describeEntry(entry('decision.made', { decision: 'device_safe' }), t, exerciseWords(view, [], t))).toBe('Decision: A: the bomb squad renders the device safe');
    const offering = ScenarioDocument.parse({ ...scenario, machine: { ...scenario.machine, states: { ...scenario.machine.states, primary_alarm: { ...scenario.machine.states!.primary_alarm, decisions: [{ decision: 'real_threat', label: 'Treat it as a real threat', target: 'driver_interview' }] } } } });
    expect(exerciseWords(documentSource(offering), [], t).decision('real_threat')).toBe('Treat it as a real threat');
  });

  it('describes log entries with no key in them', () => {
    const view = { ...documentSource(scenario) } as unknown as ExerciseView;
    const lines = [
      describeEntry(entry('timer.fired', { timer: 'driver_interview.after.0', dueExerciseMs: 0 }), t, exerciseWords(view, [], t)),
      describeEntry(entry('action.taken', { teamId: 'customs', actionId: 'hold_vehicle', fields: { rescanned: true, supervisor_informed: false }, idempotencyKey: 'k' }), t, words),
      describeEntry(entry('inject.acknowledged', { injectId: 'portal_alarm', teamId: 'customs' }), t, words),
      describeEntry(entry('state.entered', { states: ['driver_interview'] }), t, words),
    ];
    expect(lines).toEqual([
      'Scenario timer (Driver interview, after 3 min): nothing released, phase unchanged',
      'Customs post Vilkupiai: officers on lane 3: Hold the vehicle (Re-scanned through the portal: yes · Supervisor informed: no)',
      'Inject #1 Gamma alarm on lane 3 acknowledged by Customs post Vilkupiai: officers on lane 3',
      'Scenario phase: Driver interview',
    ]);
    for (const line of lines) expect(line).not.toMatch(/[a-z]+_[a-z]+/);
  });

  it('says what each timer did, so two timers of one state read apart to an evaluator (who has no scenario, so no delays)', () => {
    const view = { teams: scenario.teams, simulatedOrganisations: [], actions: [], stateTitles: { primary_alarm: 'Portal alarm on lane 3', driver_interview: 'Driver and his papers', endex: 'EndEx' } };
    const [alarm, papers] = scenario.injects;
    let seq = 0;
    const at = <T extends LogEntry['type']>(type: T, exerciseTimeMs: number, fields: object) => ({ ...entry(type, fields), seq: ++seq, exerciseTimeMs });
    const log: LogEntry[] = [
      at('state.entered', 0, { states: ['primary_alarm'] }),
      at('inject.released', 0, { inject: alarm }),
      // The first timer's condition did not hold: nothing follows it.
      at('timer.fired', 180_000, { timer: 'primary_alarm.after.0', dueExerciseMs: 180_000 }),
      at('timer.fired', 300_000, { timer: 'primary_alarm.after.1', dueExerciseMs: 300_000 }),
      at('state.entered', 300_000, { states: ['driver_interview'] }),
      at('inject.released', 300_000, { inject: papers }),
      at('inject.suppressed', 300_000, { injectId: 'portal_alarm', because: 'already-released' }),
      at('timer.fired', 480_000, { timer: 'driver_interview.after.0', dueExerciseMs: 480_000 }),
      at('state.entered', 480_000, { states: ['endex'] }),
      at('exercise.ended', 480_000, {}),
    ];
    const evaluator = exerciseWords(view, log, t);
    const timers = log.filter((e) => e.type === 'timer.fired').map((e) => describeEntry(e, t, evaluator));
    // The bug: "Scenario timer: Portal alarm on lane 3" twice, and nothing about what either did.
    expect(timers).toEqual([
      'Scenario timer (Portal alarm on lane 3): nothing released, phase unchanged',
      'Scenario timer (Portal alarm on lane 3): moved on to Driver and his papers; released #2 The papers do not match; #1 Gamma alarm on lane 3 not sent (it is already out)',
      'Scenario timer (Driver and his papers): EndEx',
    ]);
    const lt = i18next.getFixedT('lt');
    expect(describeEntry(log[3]!, lt, exerciseWords(view, log, lt))).toBe(
      'Scenarijaus laikmatis (Portal alarm on lane 3): pereita į etapą Driver and his papers; išsiųstas įvadas #2 The papers do not match; įvadas #1 Gamma alarm on lane 3 neišsiųstas (jis jau išsiųstas)',
    );
  });

  it('tells a quiet timer: one of a region outside the phase (a timeline’s window) that did nothing people see', () => {
    const view = { teams: [], simulatedOrganisations: [], actions: [], stateTitles: { 'tl--play': 'Play', 'tl--track--main': 'Main timeline', 'tl--main--0': 'StartEx: Gamma alarm', 'tl--main--1': 'T+10: Papers', 'tl--fact--f': 'Until T+5', 'tl--fact--f-open': 'Open', 'tl--fact--f-expired': 'Passed' } };
    const main = (row: number) => `tl--play.tl--track--main.tl--main--${row}`;
    let seq = 0;
    const at = <T extends LogEntry['type']>(type: T, fields: object) => ({ ...entry(type, fields), seq: ++seq });
    const log: LogEntry[] = [
      at('state.entered', { states: [main(0), 'tl--play.tl--fact--f.tl--fact--f-open'] }),
      at('timer.fired', { timer: 'tl--fact--f-open.after.0', dueExerciseMs: 300_000 }),
      at('state.entered', { states: [main(0), 'tl--play.tl--fact--f.tl--fact--f-expired'] }),
      // A storyline row's timer whose condition did not hold: in the phase, so said.
      at('timer.fired', { timer: 'tl--main--0.after.0', dueExerciseMs: 600_000 }),
      at('timer.fired', { timer: 'tl--main--0.after.1', dueExerciseMs: 600_000 }),
      at('state.entered', { states: [main(1), 'tl--play.tl--fact--f.tl--fact--f-expired'] }),
    ];
    const words = exerciseWords(view, log, t);
    const timers = log.filter((e) => e.type === 'timer.fired');
    expect(timers.map((e) => words.quietTimer(e))).toEqual([true, false, false]);
    expect(timers.slice(1).map((e) => describeEntry(e, t, words))).toEqual([
      'Scenario timer (StartEx: Gamma alarm): nothing released, phase unchanged',
      'Scenario timer (StartEx: Gamma alarm): moved on to T+10: Papers',
    ]);
  });
});
