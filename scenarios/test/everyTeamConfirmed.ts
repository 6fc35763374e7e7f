import type { ScenarioDocumentInput } from '@startex/shared';

/** Minutes of the situation updates that go to every team while they confirm (12 timed injects in all). */
const INFORMATION_AT = [10, 15, 25, 30, 40, 42, 52];

/**
 * "Every team confirmed its position", written both ways for the analyzer to explore: with one
 * flag per team set by a handler at the root (the natural statechart way, which v2 refused with
 * too-many-plays from about seven teams on), and as a timeline fact with `every: true`.
 */
function base(teams: number): Omit<ScenarioDocumentInput, 'machine'> & { teams: { id: string; name: string; agency: 'other' }[]; injects: ScenarioDocumentInput['injects'] } {
  const ids = Array.from({ length: teams }, (_, i) => `team_${i + 1}`);
  const inject = (id: string, number: number, subject: string, kind: 'standard' | 'contingency' = 'standard') => ({
    id,
    number,
    channel: 'radio' as const,
    from: 'Exercise control',
    to: ids,
    subject,
    body: `${subject}.`,
    kind,
  });
  return {
    schemaVersion: 3,
    id: `every-team-${teams}`,
    title: `Every one of ${teams} teams confirms`,
    summary: 'A readiness call that every team must answer, with a reminder and an escalation.',
    exerciseType: 'drill',
    functions: ['response'],
    expectedDurationMinutes: 60,
    teams: ids.map((id) => ({ id, name: `Team ${id.slice(5)}`, agency: 'other' as const })),
    actions: [{ id: 'confirm_position', label: 'Confirm position', teams: ids, fields: [] }],
    injects: [
      inject('readiness_call', 1, 'Confirm your positions'),
      inject('reminder', 2, 'Not every team has confirmed', 'contingency'),
      inject('escalation', 3, 'Control escalates to the director', 'contingency'),
      inject('all_ready', 4, 'All teams confirmed'),
      inject('wrap_up', 5, 'Wrap up'),
      ...INFORMATION_AT.map((_, i) => inject(`update_${i + 1}`, 6 + i, `Situation update ${i + 1}`)),
    ],
  };
}

/** Per-team flags: the way a v2 statechart says "every team confirmed". */
export function everyTeamWithFlags(teams: number): ScenarioDocumentInput {
  const document = base(teams);
  const all = { all: document.teams.map((t) => ({ flag: `confirmed_${t.id}` })) };
  return {
    ...document,
    machine: {
      initial: 'quiet',
      on: document.teams.map((t) => ({ action: 'confirm_position', team: t.id, effects: [{ setFlag: `confirmed_${t.id}` }] })),
      states: {
        quiet: { after: [{ minutes: 5, target: 'readiness' }] },
        readiness: {
          entry: [{ release: 'readiness_call' }],
          after: [
            { minutes: 15, when: { not: all }, effects: [{ release: 'reminder' }] },
            { minutes: 30, when: { not: all }, effects: [{ release: 'escalation' }] },
            { minutes: 40, when: all, effects: [{ release: 'all_ready' }] },
            ...INFORMATION_AT.filter((m) => m < 50).map((minutes, i) => ({ minutes: minutes - 5, effects: [{ release: `update_${i + 1}` }] })),
            { minutes: 45, target: 'wrap' },
          ],
        },
        wrap: {
          entry: [{ release: 'wrap_up' }],
          after: [
            ...INFORMATION_AT.filter((m) => m >= 50).map((minutes, i, later) => ({ minutes: minutes - 50, effects: [{ release: `update_${INFORMATION_AT.length - later.length + i + 1}` }] })),
            { minutes: 10, target: 'endex' },
          ],
        },
        endex: { type: 'final' },
      },
    },
  };
}

/** The same in the timeline form: one fact, `every: true`. */
export function everyTeamInTimeline(teams: number): ScenarioDocumentInput {
  const { injects, ...document } = base(teams);
  const confirmed = { action: 'confirm_position', every: true };
  const row = (index: number, at: string, extra: Record<string, unknown> = {}) => {
    const { number: _number, ...inject } = injects![index]!;
    return { ...inject, at, ...extra };
  };
  return {
    ...document,
    injects: [],
    machine: {},
    timeline: [
      row(0, 'T+5'),
      row(1, 'T+20', { unless: confirmed }),
      row(2, 'T+35', { unless: confirmed }),
      row(3, 'T+45', { when: confirmed }),
      row(4, 'T+50'),
      ...INFORMATION_AT.map((minutes, i) => row(5 + i, `T+${minutes}`)),
    ],
    endex: [{ at: 'T+60' }],
  };
}
