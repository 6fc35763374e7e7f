import type { ScenarioDocumentInput, ScenarioStateInput } from '@startex/shared';
import { seededRandom } from './documents.ts';

/**
 * A generated MSEL the size of a large functional exercise, for `bench analyzer`: what a controller
 * plans (timed injects, the responses expected and their chasers, a branch on a reported value and
 * one on a controller decision), kept apart from the form it is written in. Today's form is the
 * statechart (`asStatechart`); when the timeline form exists, writing `asTimeline(plan)` and using
 * it in `analyzerScenario` is the whole switch.
 */
export interface Msel {
  teams: string[];
  /** Injects released at a fixed exercise minute. */
  timed: { id: string; minute: number; to: string[]; subject: string }[];
  /**
   * A team is expected to report after a timed inject: a reply when it does, a chaser when it has
   * not within `withinMinutes`; control stops waiting after `closesMinutes`.
   */
  responses: { after: string; team: string; withinMinutes: number; closesMinutes: number; reply: string; chaser: string; redReply?: string }[];
  /** Control may escalate within `withinMinutes` of a timed inject, releasing another. */
  decisions: { after: string; decision: string; withinMinutes: number; release: string }[];
  endMinute: number;
}

const teamId = (i: number) => `team_${String(i + 1).padStart(2, '0')}`;
const injectId = (i: number) => `i${String(i + 1).padStart(3, '0')}`;

/**
 * `injects` injects for `teams` teams over `hours`: one response window every `responseEvery`
 * timed injects (each adds a reply and a chaser), the first with a different reply when the team
 * reports level red, and one escalation decision; every tenth timed inject goes to all teams.
 */
export function generateMsel(options: { teams: number; injects: number; hours: number; responses: number; seed?: number }): Msel {
  const random = seededRandom(options.seed ?? 15);
  const teams = Array.from({ length: options.teams }, (_, i) => teamId(i));
  const conditional = options.responses * 2 + 1 + 1; // replies and chasers, the red reply, the escalation
  const timedCount = options.injects - conditional;
  const span = options.hours * 60;
  const minutes = Array.from({ length: timedCount }, () => 1 + Math.round(random() * (span - 30))).sort((a, b) => a - b);
  const timed = minutes.map((minute, i) => ({
    id: injectId(i),
    minute,
    to: i % 10 === 9 ? teams : [teams[i % teams.length]!],
    subject: `Situation update ${i + 1}`,
  }));
  let next = timedCount;
  const every = Math.floor(timedCount / (options.responses + 1));
  const responses = Array.from({ length: options.responses }, (_, r) => {
    const after = timed[(r + 1) * every]!;
    return {
      after: after.id,
      team: after.to[0]!,
      withinMinutes: 10,
      closesMinutes: 30,
      reply: injectId(next++),
      chaser: injectId(next++),
      ...(r === 0 ? { redReply: injectId(next++) } : {}),
    };
  });
  const decisions = [{ after: timed[Math.floor(timedCount / 2)]!.id, decision: 'escalate', withinMinutes: 15, release: injectId(next++) }];
  return { teams, timed, responses, decisions, endMinute: span };
}

const BODY = 'Situation update from the exercise control cell: read it, act on it as your procedures say, and report.';

/**
 * The MSEL as today's statechart: one region of timed releases (a state per distinct minute), and
 * one parallel region per response window and per decision, each waiting on its own timer from
 * StartEx, as a controller writes overlapping storylines now.
 */
export function asStatechart(msel: Msel): ScenarioDocumentInput {
  const inject = (id: string, to: string[], subject: string) => ({ id, number: Number(id.slice(1)), channel: 'email' as const, from: 'Exercise control', to, subject, body: BODY });
  const minuteOf = new Map(msel.timed.map((row) => [row.id, row.minute]));
  const injects = [
    ...msel.timed.map((row) => inject(row.id, row.to, row.subject)),
    ...msel.responses.flatMap((r) => [
      { ...inject(r.reply, [r.team], `Reply to ${r.team}'s report`) },
      { ...inject(r.chaser, [r.team], `Where is ${r.team}'s report?`), kind: 'contingency' as const },
      ...(r.redReply ? [inject(r.redReply, msel.teams, 'Level red reported: all teams stand by')] : []),
    ]),
    ...msel.decisions.map((d) => inject(d.release, msel.teams, 'Control escalates the incident')),
  ].sort((a, b) => a.number - b.number);

  const byMinute = new Map<number, string[]>();
  for (const row of msel.timed) byMinute.set(row.minute, [...(byMinute.get(row.minute) ?? []), row.id]);
  const stops = [...byMinute.keys()];
  const timeline: Record<string, ScenarioStateInput> = {};
  stops.forEach((minute, i) => {
    const next = stops[i + 1];
    timeline[`at_${minute}`] = {
      entry: byMinute.get(minute)!.map((id) => ({ release: id })),
      after: [{ minutes: (next ?? msel.endMinute) - minute, target: next === undefined ? 'endex' : `at_${next}` }],
    };
  });
  const regions: Record<string, ScenarioStateInput> = {
    timeline: { initial: 'timeline_start', states: { timeline_start: { after: [{ minutes: stops[0]!, target: `at_${stops[0]}` }] }, ...timeline } },
  };
  msel.responses.forEach((r, k) => {
    const name = `response_${k + 1}`;
    const reply = { target: `${name}_done`, effects: [{ release: r.reply }] };
    regions[name] = {
      initial: `${name}_idle`,
      states: {
        [`${name}_idle`]: { after: [{ minutes: minuteOf.get(r.after)!, target: `${name}_open` }] },
        [`${name}_open`]: {
          initial: `${name}_waiting`,
          after: [{ minutes: r.closesMinutes, target: `${name}_done` }],
          on: [
            ...(r.redReply ? [{ action: 'report', team: r.team, when: { field: 'level', equals: 'red' }, target: `${name}_done`, effects: [{ release: r.reply }, { release: r.redReply }] }] : []),
            { action: 'report', team: r.team, ...reply },
          ],
          states: {
            [`${name}_waiting`]: { after: [{ minutes: r.withinMinutes, target: `${name}_chased`, effects: [{ release: r.chaser }] }] },
            [`${name}_chased`]: {},
          },
        },
        [`${name}_done`]: {},
      },
    };
  });
  msel.decisions.forEach((d) => {
    const name = `decision_${d.decision}`;
    regions[name] = {
      initial: `${name}_idle`,
      states: {
        [`${name}_idle`]: { after: [{ minutes: minuteOf.get(d.after)!, target: `${name}_open` }] },
        [`${name}_open`]: {
          decisions: [{ decision: d.decision, label: 'Escalate the incident', target: `${name}_done`, effects: [{ release: d.release }] }],
          after: [{ minutes: d.withinMinutes, target: `${name}_done` }],
        },
        [`${name}_done`]: {},
      },
    };
  });

  return {
    schemaVersion: 2,
    id: 'bench_analyzer',
    title: 'Benchmark: a large generated MSEL',
    summary: 'Generated by the StartEx benchmark suite (bench/) to time the analyzer.',
    exerciseType: 'functional',
    functions: ['detection', 'response'],
    expectedDurationMinutes: msel.endMinute,
    scenarioStart: 'Day 1 08:00',
    teams: msel.teams.map((id, i) => ({ id, name: `Team ${i + 1}`, agency: 'other' as const })),
    injects,
    actions: [
      {
        id: 'report',
        label: 'Report to control',
        teams: msel.teams,
        fields: [
          { name: 'level', label: 'Level', type: 'choice', options: ['green', 'amber', 'red'] },
          { name: 'note', label: 'Note', type: 'text', required: false, maxLength: 500 },
        ],
      },
    ],
    machine: {
      initial: 'play',
      states: { play: { type: 'parallel', states: regions }, endex: { type: 'final' } },
    },
  };
}

/** The generated scenario in the form the analyzer is timed on. */
export const analyzerScenario = (options: Parameters<typeof generateMsel>[0]) => asStatechart(generateMsel(options));
