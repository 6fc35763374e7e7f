import { describe, expect, it } from 'vitest';
import { clientFrameBytes, MAX_CLIENT_FRAME_BYTES, ParticipantAction, ScenarioDocument, TakeAction, utf8Length, type ScriptedResponse } from '@startex/shared';
import { lintDocument, lintScenarioText, lintScenarioValue } from '../src/analyzer/lintScenario.ts';
import { largestTakeAction } from '../src/analyzer/payloadSize.ts';
import { compileScenario } from '../src/compileScenario.ts';
import { DEFAULT_MAX_POINTS, enumeratePaths, exploreScenario } from '../src/explore.ts';
import { LIBRARY } from '../src/library/index.ts';
import { ScenarioRun } from '../src/ScenarioRun.ts';
import { simulate } from '../src/simulate.ts';
import { validateActionFields } from '../src/validateAction.ts';
import { BROKEN_SCENARIOS, cyclingRegions, notesAction } from './brokenScenarios.ts';
import { reportEndsPlay } from './reportEndsPlay.ts';

/** A message names a fix: an instruction to the author, not only what went wrong. */
const SAYS_HOW_TO_FIX = /\b(add|remove|use|make|change|check|link|move|flatten|split|fix|give|rename|write|simplify|choose|upgrade)\b/i;

describe('analyzer on the broken corpus', () => {
  it.each(BROKEN_SCENARIOS)('$name: reports $expect.rule at $expect.path', ({ text, format, expect: wanted }) => {
    const { problems } = lintScenarioText(text, format);
    const reported = problems.filter((p) => p.severity === (wanted.severity ?? 'error'));
    expect(reported.map((p) => `${p.rule} ${p.path}`)).toContain(`${wanted.rule} ${wanted.path}`);
    for (const problem of problems) expect(problem.message).toMatch(SAYS_HOW_TO_FIX);
  });

  it('covers every analyzer rule with at least one broken document', () => {
    const covered = new Set(BROKEN_SCENARIOS.map((b) => b.expect.rule));
    for (const rule of [
      'malformed', 'schema', 'schema-version', 'too-large', 'too-deep', 'duplicate-id', 'unknown-reference', 'action-team',
      'unreachable-state', 'no-way-out', 'never-ends', 'inject-never-released', 'contingency-never-triggered',
      'task-not-exercised', 'objective-not-exercised', 'metric-impossible', 'no-endex', 'final-has-exits',
      'invalid-fields', 'too-many-plays', 'too-many-aliases', 'duplicate-key', 'comma-in-value', 'impossible-field',
      'ignored-field-setting', 'duplicate-option', 'impossible-condition', 'timeline-time-unreachable', 'deadline-after-endex',
      'timeline-time', 'timeline-cycle', 'fact-deadline', 'reserved-id', 'payload-too-large', 'planned-time-mismatch',
    ]) {
      expect(covered, rule).toContain(rule);
    }
  });

  it('says how to fix a misspelt reference', () => {
    const broken = BROKEN_SCENARIOS.find((b) => b.name === 'unknown team')!;
    const { problems } = lintScenarioText(broken.text, broken.format);
    expect(problems).toContainEqual({ severity: 'error', rule: 'unknown-reference', path: '$.injects[0].to[0]', message: 'Unknown team "custom". Did you mean "customs"? Check the spelling, or add a team with this id.' });
  });

  it('warns about a condition on a flag nothing sets', () => {
    const broken = BROKEN_SCENARIOS.find((b) => b.name === 'contingency inject whose trigger never occurs')!;
    const { problems } = lintScenarioText(broken.text, broken.format);
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'warning', rule: 'flag-never-set', path: '$.machine.states.alarm.after[2].when' }));
  });
});

describe('planned times written on injects (scenarioTime)', () => {
  const demoWith = (times: Record<string, string>, scenarioStart = 'Day 1 09:00') => {
    const document = structuredClone(LIBRARY.demo!);
    for (const inject of document.injects) if (times[inject.id]) inject.scenarioTime = times[inject.id];
    return { ...document, scenarioStart };
  };

  it('warns when the MSEL promises an inject before the machine can release it, and says when it can', () => {
    // The alarm's timer runs 2 minutes from StartEx; the reply can follow at once.
    expect(lintScenarioValue(demoWith({ portal_alarm: 'Day 1 09:01', supervisor_reply: 'Day 1 09:01' })).problems).toEqual([
      {
        severity: 'warning',
        rule: 'planned-time-mismatch',
        path: '$.injects[0].scenarioTime',
        message: 'The MSEL says Day 1 09:01 but the machine cannot release "portal_alarm" before Day 1 09:02; remove scenarioTime (StartEx computes planned times from the machine) or fix the delay.',
      },
      {
        severity: 'warning',
        rule: 'planned-time-mismatch',
        path: '$.injects[1].scenarioTime',
        message: 'The MSEL says Day 1 09:01 but the machine cannot release "supervisor_reply" before Day 1 09:02; remove scenarioTime (StartEx computes planned times from the machine) or fix the delay.',
      },
    ]);
  });

  it('accepts a time at or after the earliest release (an inject released after an action goes out whenever the team acts)', () => {
    expect(lintScenarioValue(demoWith({ portal_alarm: 'Day 1 09:02', supervisor_reply: 'Day 1 09:02', supervisor_chaser: 'Day 1 09:12' })).problems).toEqual([]);
    expect(lintScenarioValue(demoWith({ portal_alarm: 'Day 1 09:10', supervisor_reply: 'Day 1 09:30' })).problems).toEqual([]);
  });

  it('names the day and time the machine can release it, across midnight', () => {
    const { problems } = lintScenarioValue(demoWith({ portal_alarm: 'Day 1 23:59' }, 'Day 1 23:58'));
    expect(problems.map((p) => `${p.rule} ${p.path}`)).toEqual(['planned-time-mismatch $.injects[0].scenarioTime']);
    expect(problems[0]!.message).toContain('cannot release "portal_alarm" before Day 2 00:00;');
  });
});

describe('schema messages', () => {
  const problemsOf = (name: string) => {
    const broken = BROKEN_SCENARIOS.find((b) => b.name === name)!;
    return lintScenarioText(broken.text, broken.format).problems;
  };

  it('say what type a value must have and what it is now (bug: the raw zod text was shown)', () => {
    expect(problemsOf('wrong type')).toEqual([
      { severity: 'error', rule: 'schema', path: '$.injects[0].number', message: '"number" must be a number, not text ("one"); change the value.' },
    ]);
    expect(problemsOf('missing title')).toEqual([{ severity: 'error', rule: 'schema', path: '$.title', message: '"title" is missing; add it (text).' }]);
  });

  it('list the allowed values and bounds', () => {
    const document = { ...structuredClone(LIBRARY.demo!), channel: undefined } as Record<string, any>;
    document.injects[0].channel = 'pigeon';
    document.machine.states.quiet.after[0].minutes = 0;
    expect(lintScenarioText(JSON.stringify(document), 'json').problems).toEqual([
      {
        severity: 'error',
        rule: 'schema',
        path: '$.injects[0].channel',
        message: '"channel" cannot be "pigeon"; use one of: email, phone, radio, fax, news, social, sensor, document, face-to-face.',
      },
      { severity: 'error', rule: 'schema', path: '$.machine.states.quiet.after[0].minutes', message: '"minutes" is too small; make it more than 0.' },
    ]);
  });

  it('point never-ends at each state that loops without an exit', () => {
    const found = problemsOf('cycle with no exit').filter((p) => p.rule === 'never-ends');
    expect(found.map((p) => p.path).sort()).toEqual(['$.machine.states.loop_a', '$.machine.states.loop_b', '$.machine.states.reported']);
    expect(found.find((p) => p.path === '$.machine.states.loop_a')!.message).toBe(
      'From state loop_a play can never reach EndEx (a cycle with no exit); add a timer, action or decision that leads to a final state.',
    );
  });
});

describe('YAML messages name the real cause, the line and the fix', () => {
  const problemsOf = (name: string) => {
    const broken = BROKEN_SCENARIOS.find((b) => b.name === name)!;
    return lintScenarioText(broken.text, broken.format).problems;
  };

  it('an alias bomb is refused as one, with where its aliases start (bug: reported as "Not valid JSON")', () => {
    expect(problemsOf('YAML alias bomb (billion laughs)')).toEqual([
      {
        severity: 'error',
        rule: 'too-many-aliases',
        path: '$',
        message:
          'The document\'s aliases (*name, the first at line 2, column 8) would copy their anchors more than 100 times when read, which is how a "billion laughs" attack fills a server\'s memory. Write the repeated parts out, or use fewer aliases.',
      },
    ]);
  });

  it('a key written twice names the key and both lines (bug: advised fixing indentation or brackets)', () => {
    expect(problemsOf('YAML key written twice')).toEqual([
      {
        severity: 'error',
        rule: 'duplicate-key',
        path: '$',
        message: 'The key "title" at line 5, column 1 appears twice in the same mapping (first at line 4, column 1); YAML would keep only one of them. Remove one, or rename it.',
      },
    ]);
  });

  it('a comma inside { } that splits a value says which value to quote (bug: "remove it or check its spelling")', () => {
    expect(problemsOf('unquoted comma inside a YAML { } mapping')).toEqual([
      {
        severity: 'error',
        rule: 'comma-in-value',
        path: '$',
        message:
          'Inside { ... } a comma ends a value, so "name: Customs post, Medininkai" at line 11, column 40 was read as two entries (and "Medininkai" as a key with no value). Write the value in quotes: name: "Customs post, Medininkai".',
      },
    ]);
  });

  it('a colon inside a plain value asks for quotes', () => {
    expect(problemsOf('unquoted colon inside a YAML value').map((p) => p.message)).toEqual([
      'The value at line 36, column 14 holds ": ", which YAML reads as the start of another key. Write the whole value in quotes, e.g. subject: "Alarm: lane 3".',
    ]);
  });

  it.each([
    ['a tab', 'machine:\n\tinitial: quiet\n', 'A tab indents line 2, column 1; YAML indents with spaces only. Change the tab to spaces.'],
    ['an unclosed list', 'schemaVersion: 2\nteams: [customs, police\n', 'A [ ... ] list is not closed before line 3, column 1; add the missing "]" where it ends.'],
    ['an unclosed quote', 'title: "Alarm\nid: demo\n', 'A quoted value runs on to line 3, column 1 without its closing quote; add the quote where the value ends.'],
    ['an alias without its anchor', 'teams: *crew\n', 'The alias *crew at line 1, column 8 refers to no anchor: an anchor &crew must come before it. Add the anchor, or check the alias\'s spelling.'],
    ['two documents', 'id: a\n---\nid: b\n', 'The file holds more than one YAML document (a second "---" at line 2, column 1); remove it and keep one scenario per file.'],
  ])('%s', (_what, text, message) => {
    expect(lintScenarioText(text, 'yaml').problems).toEqual([{ severity: 'error', rule: 'malformed', path: '$', message }]);
  });

  it('deep YAML is refused before it is parsed, so the parser cannot overflow the stack (bug: the CLI overflowed where the server answered too-deep)', () => {
    for (const text of ['['.repeat(20_000) + ']'.repeat(20_000), Array.from({ length: 1_200 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')]) {
      expect(lintScenarioText(text, 'yaml').problems).toEqual([expect.objectContaining({ rule: 'too-deep', path: '$' })]);
    }
  });
});

describe('document checks', () => {
  const problemsOf = (name: string) => {
    const broken = BROKEN_SCENARIOS.find((b) => b.name === name)!;
    return lintScenarioText(broken.text, broken.format).problems;
  };

  it('say why no value can satisfy a field, and what to change', () => {
    expect(problemsOf('number field with min above max')).toContainEqual({
      severity: 'error',
      rule: 'impossible-field',
      path: '$.actions[0].fields[0].min',
      message: 'Field "dose_rate_usvh" of action "report_alarm" has min 50 above max 5, so no value can be entered and the action can never be taken; make min at most max.',
    });
    expect(problemsOf('text field with options')).toEqual([
      {
        severity: 'error',
        rule: 'ignored-field-setting',
        path: '$.actions[0].fields[2].options',
        message: 'Field "lane" of action "report_alarm" is of type text, which ignores "options" (only choice, multi-choice and team fields use it), so players could enter values you meant to rule out; change the type to choice, or remove "options".',
      },
    ]);
  });

  it('find a choice offered twice and a condition on a choice that is not offered', () => {
    expect(problemsOf('choice offered twice').map((p) => `${p.rule} ${p.path}`)).toEqual(['duplicate-option $.actions[0].fields[2].options[2]']);
    expect(problemsOf('condition on a choice the field does not offer')).toEqual([
      {
        severity: 'error',
        rule: 'impossible-condition',
        path: '$.machine.states.alarm.on[0].when.equals',
        message: 'Field "lane" of action "report_alarm" offers no option "Lane 3", so this comparison is never true. Did you mean "lane 3"? Use one of: lane 1, lane 3.',
      },
    ]);
  });

  it('refuse a decision id offered twice by states active together, and allow it in states that never are', () => {
    expect(problemsOf('decision id offered twice at once').map((p) => `${p.rule} ${p.path}`)).toEqual(['duplicate-id $.machine.states.alarm.decisions[0].decision']);
    const apart = structuredClone(LIBRARY.demo!) as Record<string, any>;
    apart.machine.states.alarm.decisions = [{ decision: 'stop', label: 'Stop the exercise', target: 'endex' }];
    apart.machine.states.reported.decisions = [{ decision: 'stop', label: 'Stop the exercise', target: 'endex' }];
    expect(lintScenarioValue(apart).problems).toEqual([]);
  });

  it('refuse metrics that can never measure anything', () => {
    for (const name of ['metric from an event to itself', 'metric ending at StartEx', 'metric from an acknowledgement back to its release', 'per-team metric no team can complete']) {
      expect(problemsOf(name).filter((p) => p.rule === 'metric-impossible'), name).toHaveLength(1);
    }
    expect(problemsOf('metric ending at StartEx')).toEqual([
      {
        severity: 'error',
        rule: 'metric-impossible',
        path: '$.metrics[0].to',
        message: 'Metric "time_to_report" ends at StartEx, which comes before every other event, so it can never be positive; change "to" to a later event (and measure from StartEx if that is what you meant).',
      },
    ]);
  });
});

describe('document checks on what version 3 adds', () => {
  const problemsOf = (name: string) => {
    const broken = BROKEN_SCENARIOS.find((b) => b.name === name)!;
    return lintScenarioText(broken.text, broken.format).problems;
  };

  it('read the settings of multi-choice, team and time fields', () => {
    expect(problemsOf('multi-choice field needing more picks than it offers')).toEqual([
      {
        severity: 'error',
        rule: 'impossible-field',
        path: '$.actions[0].fields[2].min',
        message: 'Field "informed" of action "report_alarm" needs at least 3 options picked but offers only 2, so the action can never be taken; lower min, or add options.',
      },
    ]);
    expect(problemsOf('time field with a minimum').map((p) => p.message)).toEqual([
      'Field "held_at" of action "report_alarm" is of type time, which ignores "min" (only number and multi-choice fields use it), so players could enter values you meant to rule out; change the type to number, or remove "min".',
    ]);
    const team = structuredClone(LIBRARY.demo!) as Record<string, any>;
    team.actions[0].fields.push({ name: 'handed_to', label: 'Handed to', type: 'team', required: false, options: ['customs'] }, { name: 'informed', label: 'Informed', type: 'multi-choice', required: false, options: ['Police', 'Health'], min: 1, max: 2 });
    expect(lintScenarioValue(team).problems).toEqual([]);
  });

  it('compare a multi-choice field by what it includes, and a team field with its teams', () => {
    expect(problemsOf('condition on a multi-choice option the field does not offer').map((p) => `${p.rule} ${p.path}`)).toEqual(['impossible-condition $.machine.states.alarm.on[0].when.includes']);
    const document = structuredClone(LIBRARY.demo!) as Record<string, any>;
    document.actions[0].fields.push({ name: 'informed', label: 'Informed', type: 'multi-choice', required: false, options: ['Police', 'Health'] }, { name: 'handed_to', label: 'Handed to', type: 'team', required: false });
    document.machine.states.alarm.on[0].when = { all: [{ field: 'informed', equals: 'Police' }, { field: 'handed_to', equals: 'police' }] };
    expect(lintScenarioValue(document).problems).toEqual([
      {
        severity: 'error',
        rule: 'impossible-condition',
        path: '$.machine.states.alarm.on[0].when.all[0].equals',
        message: 'Field "informed" of action "report_alarm" holds the options picked, a list that never equals one value; use "includes" instead of "equals".',
      },
      {
        severity: 'error',
        rule: 'impossible-condition',
        path: '$.machine.states.alarm.on[0].when.all[1].equals',
        message: 'Field "handed_to" of action "report_alarm" offers no option "police", so this comparison is never true. Use one of: customs.',
      },
    ]);
  });

  it('refuse a decision id or option declared on two timeline rows', () => {
    expect(problemsOf('decision declared on two rows').map((p) => `${p.rule} ${p.path}`)).toEqual(['duplicate-id $.timeline[2].decision.id']);
    expect(problemsOf('decision option offered on two rows').map((p) => `${p.rule} ${p.path}`)).toEqual(['duplicate-id $.timeline[2].decision.options[0].id']);
  });

  it('refuse yes/no, count and every-team metrics whose answer is known before play', () => {
    expect(problemsOf('count metric with atLeast above atMost').map((p) => `${p.rule} ${p.path}`)).toEqual(['metric-impossible $.metrics[1].atMost']);
    expect(problemsOf('every-team metric due at StartEx').map((p) => `${p.rule} ${p.path}`)).toEqual(['metric-impossible $.metrics[1].by']);
    expect(problemsOf('yes/no metric on an acknowledgement by a team the row is not sent to')).toEqual([
      {
        severity: 'error',
        rule: 'metric-impossible',
        path: '$.metrics[1].holds.by',
        message: 'Metric "police_saw_alarm" asks whether police acknowledged inject "portal_alarm", which is sent only to customs, so it never can; change "by" to teams the inject is sent to, or add them to its "to".',
      },
    ]);
  });
});

describe('field values in exploration', () => {
  /** The demo with a choice field `how` and a guard that needs its second option. */
  const notPhone = () =>
    ScenarioDocument.parse({
      ...structuredClone(LIBRARY.demo!),
      id: 'not-phone',
      actions: [
        {
          ...LIBRARY.demo!.actions[0]!,
          fields: [...LIBRARY.demo!.actions[0]!.fields, { name: 'how', label: 'Reported by', type: 'choice', options: ['phone', 'radio'] }],
        },
      ],
      defaultResponses: [{ ...LIBRARY.demo!.defaultResponses[0]!, fields: { dose_rate_usvh: 2.4, vehicle_held: true, how: 'radio' } }],
      machine: {
        ...LIBRARY.demo!.machine,
        states: {
          ...LIBRARY.demo!.machine.states,
          alarm: { ...LIBRARY.demo!.machine.states!.alarm!, on: [{ action: 'report_alarm', team: 'customs', target: 'reported', when: { not: { field: 'how', equals: 'phone' } } }] },
        },
      },
    });

  it('tries every choice option, so a valid `not` guard lints clean (bug: only the first option was tried)', () => {
    expect(lintDocument(notPhone())).toEqual([]);
  });

  it('lists the path through a `not` guard with a value that meets it', () => {
    const { paths } = enumeratePaths(compileScenario(notPhone()));
    const reported = paths.find((p) => p.released.includes('supervisor_reply'))!;
    expect(reported.inputs).toContainEqual({ type: 'action', teamId: 'customs', actionId: 'report_alarm', fields: { dose_rate_usvh: 0, vehicle_held: true, how: 'radio' } });
  });

  it('never plays a value the server would refuse (bug: a guard `atMost: -1` on a field with min 0 passed and paths used -1)', () => {
    const broken = BROKEN_SCENARIOS.find((b) => b.name === 'guard that needs a value the action refuses')!;
    const { parsed, problems } = lintScenarioText(broken.text, broken.format);
    expect(problems.map((p) => `${p.rule} ${p.path}`)).toEqual(['unreachable-state $.machine.states.reported', 'inject-never-released $.injects[1]']);
    if (!parsed.ok) throw new Error('does not parse');
    const { paths } = enumeratePaths(compileScenario(parsed.document));
    const values = paths.flatMap((p) => p.inputs.flatMap((i) => (i.type === 'action' ? [i.fields.dose_rate_usvh] : [])));
    expect(values.every((v) => typeof v === 'number' && v >= 0)).toBe(true);
    expect(paths.map((p) => p.released)).toEqual([['portal_alarm', 'supervisor_chaser']]);
  });

  it('tells a guard on one team from another and on either side of a threshold', () => {
    const document = ScenarioDocument.parse({
      ...structuredClone(LIBRARY.demo!),
      id: 'thresholds',
      teams: [...LIBRARY.demo!.teams, { id: 'police', name: 'Police', agency: 'police' }],
      actions: [{ ...LIBRARY.demo!.actions[0]!, teams: ['customs', 'police'] }],
      machine: {
        ...LIBRARY.demo!.machine,
        states: {
          ...LIBRARY.demo!.machine.states,
          alarm: {
            ...LIBRARY.demo!.machine.states!.alarm!,
            on: [
              { action: 'report_alarm', team: 'police', target: 'reported' },
              { action: 'report_alarm', when: { all: [{ field: 'dose_rate_usvh', atLeast: 2.5 }, { field: 'dose_rate_usvh', atMost: 2.5 }] }, target: 'endex', effects: [{ release: 'supervisor_chaser' }] },
            ],
            after: [{ minutes: 20, target: 'endex' }],
          },
        },
      },
    });
    expect(lintDocument(document)).toEqual([]);
  });
});

describe('paths: every distinct outcome', () => {
  it('lists responses that change only when EndEx comes, each with its fastest EndEx (bug: strategies releasing the same injects were merged)', () => {
    const { paths, truncated } = enumeratePaths(compileScenario(reportEndsPlay()));
    expect(truncated).toBe(false);
    expect(paths.map(({ released, responses, minMinutes, maxMinutes, ended }) => ({ released, responses, minMinutes, maxMinutes, ended }))).toEqual([
      { released: ['portal_alarm'], responses: [], minMinutes: 30, maxMinutes: 30, ended: true },
      // Reported at once (T+2): EndEx at T+7; reported just before T+30: EndEx just before T+35.
      { released: ['portal_alarm'], responses: ['customs: report_alarm'], minMinutes: 7, maxMinutes: 35, ended: true },
    ]);
    expect(Math.min(...paths.map((p) => p.minMinutes))).toBe(7);
  });
});

describe('the newer field types in exploration', () => {
  const row = (index: number) => {
    const { number: _number, scenarioTime: _time, ...inject } = LIBRARY.demo!.injects[index]!;
    return inject;
  };
  const document = ScenarioDocument.parse({
    ...structuredClone(LIBRARY.demo!),
    id: 'field-types',
    injects: [],
    machine: {},
    actions: [
      {
        id: 'report_alarm',
        label: 'Report the alarm',
        teams: ['customs'],
        fields: [
          { name: 'held_at', label: 'Vehicle held at', type: 'time' },
          { name: 'informed', label: 'Informed', type: 'multi-choice', options: ['Police', 'Regulator', 'Border guard'], min: 1 },
        ],
      },
    ],
    defaultResponses: [],
    timeline: [
      { ...row(0), at: 'T+2' },
      // Only a report that says the vehicle was held by 09:10 and the regulator was informed.
      { ...row(1), after: { action: 'report_alarm', where: { held_at: { atMost: '09:10' }, informed: 'Regulator' } } },
      { ...row(2), at: 'T+12', unless: { action: 'report_alarm' } },
    ],
    endex: [{ at: 'T+30' }],
  });

  it('tries a time on either side of a threshold and each combination of the options named', () => {
    expect(lintDocument(document)).toEqual([]);
    const { paths } = enumeratePaths(compileScenario(document));
    const reply = paths.find((p) => p.released.includes('supervisor_reply'))!;
    const fields = reply.inputs.flatMap((i) => (i.type === 'action' ? [i.fields] : []))[0]!;
    expect(fields.held_at! <= '09:10').toBe(true);
    expect(fields.informed).toContain('Regulator');
    expect(paths.some((p) => !p.released.includes('supervisor_reply') && !p.released.includes('supervisor_chaser'))).toBe(true);
  });
});

describe('the exploration budget', () => {
  it('stops at its bound and refuses the document with a clear error (bug: 20-50 s of lint, only a warning)', () => {
    const { problems } = lintScenarioValue(cyclingRegions(5), { maxPoints: 500 });
    expect(problems).toEqual([
      {
        severity: 'error',
        rule: 'too-many-plays',
        path: '$.machine',
        message:
          'Play has more than 500 distinct points (or took too long) to check in full, so reachability, releases and EndEx cannot be confirmed. Use fewer parallel regions, make their timers line up (e.g. whole minutes that divide each other), or end cycles after a while.',
      },
    ]);
  });

  it('stops at a wall-clock bound too', () => {
    const exploration = exploreScenario(compileScenario(ScenarioDocument.parse(cyclingRegions(5))), { maxMs: 1 });
    expect(exploration.truncated).toBe(true);
    expect(exploration.points).toBeLessThan(DEFAULT_MAX_POINTS);
  });

  it('explores two cycling regions in full', () => {
    expect(lintScenarioValue(cyclingRegions(2)).problems).toEqual([]);
  });
});

describe('scripted responses', () => {
  const demo = () => compileScenario(ScenarioDocument.parse(LIBRARY.demo!));
  const report = LIBRARY.demo!.defaultResponses[0]! as Extract<ScriptedResponse, { action: string }>;

  it('simulate reports what the server would refuse, with its path, and does not play it', () => {
    const result = simulate(demo(), [
      { ...report, team: 'police' },
      { ...report, fields: { dose_rate_usvh: 'high', vehicle_held: true } },
      { after: { startex: true }, delayMinutes: 1, decision: 'evacuate' },
    ]);
    expect(result.problems).toEqual([
      { severity: 'error', rule: 'unknown-reference', path: '$.responses[0].team', message: 'Unknown team "police"; use one of: customs.' },
      {
        severity: 'error',
        rule: 'invalid-fields',
        path: '$.responses[1].fields.dose_rate_usvh',
        message: '"Dose rate at 1 m (µSv/h)" must be a number. The server would refuse this response; change the value.',
      },
      { severity: 'error', rule: 'unknown-reference', path: '$.responses[2].decision', message: 'No state offers decision "evacuate"; use one of: none.' },
    ]);
    expect(result.released).toEqual(['portal_alarm', 'supervisor_chaser']);
    expect(result.timeline.filter((e) => e.kind === 'action')).toEqual([]);
  });

  it('simulate refuses a team that exists but may not take the action', () => {
    const document = ScenarioDocument.parse({ ...LIBRARY.demo!, teams: [...LIBRARY.demo!.teams, { id: 'police', name: 'Police', agency: 'police' }] });
    const result = simulate(compileScenario(document), [{ ...report, team: 'police' }], { responsesPath: ['defaultResponses'] });
    expect(result.problems).toEqual([
      {
        severity: 'error',
        rule: 'action-team',
        path: '$.defaultResponses[0].team',
        message: 'Team "police" cannot take "report_alarm", so the server would refuse this response; use one of: customs.',
      },
    ]);
    expect(result.released).toEqual(['portal_alarm', 'supervisor_chaser']);
  });
});

describe('parallel regions', () => {
  it('counts an atomic region of a parallel state as entered, and as left with its siblings (bug: reported unreachable)', () => {
    const document = ScenarioDocument.parse({
      ...LIBRARY.demo!,
      id: 'regions',
      machine: {
        initial: 'play',
        states: {
          play: {
            type: 'parallel',
            states: {
              ops: {
                entry: [{ release: 'portal_alarm' }],
                after: [{ minutes: 20, target: 'endex', effects: [{ release: 'supervisor_chaser' }] }],
                on: [{ action: 'report_alarm', target: 'endex', effects: [{ release: 'supervisor_reply' }] }],
              },
              watch: {},
            },
          },
          endex: { type: 'final' },
        },
      },
    });
    const run = new ScenarioRun(compileScenario(document));
    expect(run.start(0).states).toEqual(['play.ops', 'play.watch']);
    expect(lintDocument(document)).toEqual([]);
  });
});

describe('the built-in library', () => {
  it.each(Object.keys(LIBRARY))('%s lints without errors or warnings', (id) => {
    expect(lintDocument(LIBRARY[id]!)).toEqual([]);
  }, 120_000);

  it.each(Object.keys(LIBRARY))('%s: every play path, replayed in the engine, ends in EndEx', (id) => {
    const scenario = compileScenario(LIBRARY[id]!);
    const { paths, truncated } = enumeratePaths(scenario);
    expect(truncated).toBe(false);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const run = new ScenarioRun(scenario);
      const released = [...run.start(0).released];
      let now = 0;
      for (const input of path.inputs) {
        if (input.type === 'timer') now = run.pendingTimers.get(input.timer) ?? now;
        released.push(...run.advance(input, now).released);
      }
      expect(run.ended).toBe(true);
      expect(released).toEqual(path.released);
    }
  }, 120_000);

  it.each(Object.keys(LIBRARY))('%s: its default responses play through to EndEx', (id) => {
    const document = LIBRARY[id]!;
    const result = simulate(compileScenario(document), document.defaultResponses);
    expect(result.ended).toBe(true);
  });
});

describe('payload-too-large: every report an action allows fits in one client frame (issue 13)', () => {
  /** The demo with the customs team's notes action of `count` text fields of 5,000 characters. */
  const withNotes = (count: number) => {
    const document = structuredClone(LIBRARY.demo!) as ScenarioDocument;
    document.actions.push(ParticipantAction.parse(notesAction(count)));
    return document;
  };
  const tooLarge = (document: ScenarioDocument) => lintDocument(document).filter((p) => p.rule === 'payload-too-large');

  it('refuses 30 text fields of 5,000 characters (it linted clean, and the transport cut the report), saying by how much and what to do', () => {
    expect(tooLarge(withNotes(30))).toEqual([
      {
        severity: 'error',
        rule: 'payload-too-large',
        path: '$.actions[1].fields',
        message:
          'Action "log_notes" can make a report of 441 KB (150,000 characters of text fields, up to 3 bytes each), over the 256 KB a tablet can send at once. ' +
          'Give its text fields a smaller maxLength (without one a field takes 2,000) or split the action into several.',
      },
    ]);
  });

  it('draws the line at the frame: 17 such fields lint clean, 18 do not', () => {
    expect(lintDocument(withNotes(17)).filter((p) => p.severity === 'error')).toEqual([]);
    expect(tooLarge(withNotes(18)).map((p) => p.path)).toEqual(['$.actions[1].fields']);
  });

  it('measures a report the server accepts, of the widest characters: 17 fields fit in one frame with the longest key', () => {
    const action = withNotes(17).actions[1]!;
    const largest = largestTakeAction(action);
    expect(TakeAction.safeParse(largest).success).toBe(true);
    expect(validateActionFields(action, largest.fields)).toBeUndefined();
    // Each field holds 5,000 characters of three bytes each, as many as the field allows.
    expect(Object.values(largest.fields).map((value) => utf8Length(value as string))).toEqual(Array(17).fill(15_000));
    expect(clientFrameBytes('action.take', [largest])).toBeLessThanOrEqual(MAX_CLIENT_FRAME_BYTES);
    // And it is the largest: one character more in a field is refused.
    expect(validateActionFields(action, { ...largest.fields, note_0: 'x'.repeat(5001) })).toMatchObject({ code: 'INVALID_ACTION_PAYLOAD' });
  });
});
