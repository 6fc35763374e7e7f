import { describe, expect, it } from 'vitest';
import { ExerciseReview } from '@startex/shared';
import { computeReview } from '../../src/review/computeReview.ts';
import { FIXTURE_LOG, FIXTURE_SCENARIO } from './reviewFixture.ts';

/** Every number below is worked out by hand from reviewFixture.ts (times in ms of exercise time). */
describe('computeReview on the hand-checked fixture', () => {
  const review = computeReview(FIXTURE_SCENARIO, FIXTURE_LOG);

  it('is a valid ExerciseReview', () => {
    expect(ExerciseReview.parse(review)).toEqual(review);
  });

  it('gives the header, the phases and the inject latencies', () => {
    expect({ ...review, injects: undefined, teams: undefined, metrics: undefined, evaluation: undefined, rollups: undefined, feedback: undefined }).toEqual({
      exerciseId: 'fixture',
      scenarioId: 'fixture-border',
      scenarioVersion: 1,
      lastSeq: 27,
      status: 'ended',
      startedAtMs: 0,
      endedAtMs: 1_200_000,
      // play entered at seq 3 (0), left at seq 16 (900 000) for wrap, which EndEx (seq 17) closes; each by its title (wrap has none: its key in words).
      phases: [
        { state: 'play', title: 'Alarm and response', fromMs: 0, toMs: 900_000, enteredSeq: 3 },
        { state: 'wrap', title: 'Wrap', fromMs: 900_000, toMs: 1_200_000, enteredSeq: 16 },
      ],
      // The tip (seq 12) is the one contingency inject the scenario has, and it was needed.
      contingency: { released: [{ injectId: 'tip', seq: 12, atMs: 600_000 }], planned: 1 },
      injects: undefined,
      teams: undefined,
      metrics: undefined,
      evaluation: undefined,
      rollups: undefined,
      feedback: undefined,
    });
    expect(review.injects).toEqual([
      {
        // Scheduled Day 1 09:00 = StartEx, released at 0: on time. Customs: delivered +20 s, acknowledged +60 s, held the truck +150 s.
        injectId: 'alarm', number: 1, subject: 'Gamma alarm', kind: 'standard', adHoc: false,
        scheduledAtMs: 0, releasedAtMs: 0, releasedSeq: 4, deviationMs: 0, timeliness: 'on-time',
        teams: [
          {
            teamId: 'customs', deliveredAtMs: 20_000, deliveredSeq: 5, acknowledgedAtMs: 60_000, acknowledgedSeq: 6, firstActionAtMs: 150_000, firstActionSeq: 7,
            releaseToDeliveryMs: 20_000, releaseToAcknowledgeMs: 60_000, releaseToActionMs: 150_000,
          },
        ],
      },
      {
        // Scheduled 09:05 (300 000), released at 420 000: 120 000 late (> 60 s tolerance), as the timer said (an older
        // entry's lateByMs, in exercise time; at speed 1 the same in wall time).
        // Customs' hold (seq 7) came before the release, so it does not answer it; police's cordon (seq 13)
        // shares the critical task "cordon": +300 000.
        injectId: 'papers', number: 2, subject: 'Papers do not match', kind: 'standard', adHoc: false,
        scheduledAtMs: 300_000, releasedAtMs: 420_000, releasedSeq: 8, lateByWallMs: 120_000, deviationMs: 120_000, timeliness: 'late',
        teams: [
          { teamId: 'customs', deliveredAtMs: 440_000, deliveredSeq: 10, releaseToDeliveryMs: 20_000 },
          {
            teamId: 'police', deliveredAtMs: 430_000, deliveredSeq: 9, acknowledgedAtMs: 480_000, acknowledgedSeq: 11, firstActionAtMs: 720_000, firstActionSeq: 13,
            releaseToDeliveryMs: 10_000, releaseToAcknowledgeMs: 60_000, releaseToActionMs: 300_000,
          },
        ],
      },
      {
        // No planned time and no timer lateness: unscheduled. Nobody received or acknowledged it on a tablet.
        injectId: 'tip', number: 3, subject: 'Anonymous tip', kind: 'contingency', adHoc: false,
        releasedAtMs: 600_000, releasedSeq: 12, timeliness: 'unscheduled',
        teams: [{ teamId: 'police' }],
      },
      {
        // Planned 09:30 (1 800 000), held at seq 15 and never released.
        injectId: 'recall', number: 4, subject: 'Recall the truck', kind: 'standard', adHoc: false,
        scheduledAtMs: 1_800_000, timeliness: 'not-released', held: { reason: 'Not needed: the truck is held.', seq: 15 },
        teams: [],
      },
    ]);
  });

  it('gives per-team summaries (median = the lower middle value)', () => {
    expect(review.teams).toEqual([
      {
        // alarm and papers; both delivered (20 000 each), alarm acknowledged (60 000) and acted upon (150 000).
        teamId: 'customs', name: 'Customs post', injectsReceived: 2, delivered: 2, acknowledged: 1, actedUpon: 1, actions: 1, messagesSent: 0,
        releaseToDelivery: { medianMs: 20_000, maxMs: 20_000, of: 2 },
        releaseToAcknowledge: { medianMs: 60_000, maxMs: 60_000, of: 1 },
        releaseToAction: { medianMs: 150_000, maxMs: 150_000, of: 1 },
      },
      {
        // papers and tip; papers delivered +10 000, acknowledged +60 000, acted upon +300 000; the tip nothing.
        teamId: 'police', name: 'Police patrol', injectsReceived: 2, delivered: 1, acknowledged: 1, actedUpon: 1, actions: 1, messagesSent: 0,
        releaseToDelivery: { medianMs: 10_000, maxMs: 10_000, of: 1 },
        releaseToAcknowledge: { medianMs: 60_000, maxMs: 60_000, of: 1 },
        releaseToAction: { medianMs: 300_000, maxMs: 300_000, of: 1 },
      },
    ]);
  });

  it('computes the scenario metrics per team against their targets', () => {
    expect(review.metrics).toEqual([
      // alarm released 0 (seq 4) -> customs hold 150 000 (seq 7) = 2.5 min <= 3: met. Only customs can hold.
      { metricId: 'time_to_hold', title: 'Alarm to hold', unit: 'minutes', target: 3, perTeam: true,
        results: [{ teamId: 'customs', fromAtMs: 0, fromSeq: 4, toAtMs: 150_000, toSeq: 7, value: 2.5, status: 'met' }] },
      // StartEx 0 (seq 2) -> police cordon 720 000 (seq 13) = 12 min > 5: not met.
      { metricId: 'time_to_cordon', title: 'StartEx to cordon', unit: 'minutes', target: 5, perTeam: true,
        results: [{ teamId: 'police', fromAtMs: 0, fromSeq: 2, toAtMs: 720_000, toSeq: 13, value: 12, status: 'not-met' }] },
      // tip released 600 000 (seq 12), never acknowledged; by EndEx (1 200 000) 10 min had passed > 2: not met, no value.
      { metricId: 'tip_acknowledged', title: 'Tip to acknowledgement', unit: 'minutes', target: 2, perTeam: true,
        results: [{ teamId: 'police', fromAtMs: 600_000, fromSeq: 12, status: 'not-met' }] },
      // The milestone "found" never happened: no data, whatever the cordon did.
      { metricId: 'found_to_cordon', title: 'Source found to cordon', unit: 'seconds', target: 600, perTeam: false,
        results: [{ toAtMs: 720_000, toSeq: 13, status: 'no-data' }] },
    ]);
  });

  const o14 = {
    seq: 14, observationId: 'o14', observedAtMs: 150_000, recordedAtMs: 730_000, evaluatorId: 'eval-1', evaluatorName: 'Eva',
    teamId: 'customs', objectiveId: 'detect', taskId: 'verify', kind: 'strength', rating: 'P', text: 'Held the truck and re-scanned at once.', postExercise: false,
  };
  const o18 = {
    seq: 18, observationId: 'o18', observedAtMs: 700_000, recordedAtMs: 1_200_000, evaluatorId: 'eval-2', evaluatorName: 'Rolandas',
    teamId: 'police', objectiveId: 'respond', kind: 'area-for-improvement', rating: 'M', text: 'Cordon came late and too tight.', postExercise: true,
  };
  const reconciledVerify = {
    status: 'reconciled', rating: 'S',
    reconciliation: { seq: 25, by: 'director-1', byName: 'Dana', reason: 'The dose rate at 1 m was missing.', consideredSeqs: [19, 20], atMs: 1_200_000 },
  };

  it('fills the evaluation guide: observations under their task or objective, ratings, reconciliation', () => {
    expect(review.evaluation).toEqual({
      capabilities: [
        {
          id: 'detect', title: 'Verify the alarm',
          targets: [
            {
              id: 'verify_alarm', title: 'Verify within 5 minutes',
              // The alarm (seq 4) and the hold (seq 7) carry the task "verify".
              tasks: [{ id: 'verify', title: 'Hold and re-scan the truck', observations: [o14], evidence: { injectSeqs: [4], actionSeqs: [7] }, covered: true }],
              // Eva P (19) and Rolandas S (20) differ; the director chose S (25) having considered both.
              ratings: [
                { seq: 19, evaluatorId: 'eval-1', evaluatorName: 'Eva', rating: 'P', reason: 'Fast and by the book.', atMs: 1_200_000 },
                { seq: 20, evaluatorId: 'eval-2', evaluatorName: 'Rolandas', rating: 'S', reason: 'No dose rate at 1 m.', atMs: 1_200_000 },
              ],
              superseded: [],
              final: reconciledVerify,
            },
          ],
          observations: [],
          // Eva said S (23), then P (24): her latest counts, the first is kept as superseded; one evaluator agrees with herself.
          ratings: [{ seq: 24, evaluatorId: 'eval-1', evaluatorName: 'Eva', rating: 'P', reason: 'On reflection: all done.', atMs: 1_200_000 }],
          superseded: [{ seq: 23, evaluatorId: 'eval-1', evaluatorName: 'Eva', rating: 'S', reason: 'First take.', atMs: 1_200_000 }],
          final: { status: 'agreed', rating: 'P' },
        },
        {
          id: 'respond', title: 'Protect the public',
          targets: [
            {
              id: 'cordon_target', title: 'Cordon within 10 minutes',
              // papers (seq 8) and the cordon (seq 13) carry "cordon"; no observation names the task.
              tasks: [{ id: 'cordon', title: 'Set a 30 m cordon', observations: [], evidence: { injectSeqs: [8], actionSeqs: [13] }, covered: false }],
              ratings: [
                { seq: 21, evaluatorId: 'eval-1', evaluatorName: 'Eva', rating: 'M', reason: 'Twelve minutes.', atMs: 1_200_000 },
                { seq: 22, evaluatorId: 'eval-2', evaluatorName: 'Rolandas', rating: 'M', reason: 'Late and tight.', atMs: 1_200_000 },
              ],
              superseded: [],
              final: { status: 'agreed', rating: 'M' },
            },
          ],
          // Rolandas's post-exercise observation names the objective only.
          observations: [o18],
          ratings: [],
          superseded: [],
          final: { status: 'unrated' },
        },
      ],
      unlinked: [
        { seq: 27, observationId: 'o27', observedAtMs: 1_000_000, recordedAtMs: 1_200_000, evaluatorId: 'eval-2', evaluatorName: 'Rolandas', kind: 'note', text: 'Debrief ran long.', postExercise: true },
      ],
      // verify has an observation, cordon none.
      coverage: { covered: 1, of: 2 },
      // Final ratings: targets S (verify, reconciled) and M (cordon); capabilities P (detect); respond unrated.
      distribution: { targets: { P: 0, S: 1, M: 1, U: 0 }, capabilities: { P: 1, S: 0, M: 0, U: 0 } },
    });
  });

  it('rolls players up into teams and teams into capabilities, with the seqs behind them', () => {
    const none = { strength: 0, 'area-for-improvement': 0, note: 0 };
    const zero = { P: 0, S: 0, M: 0, U: 0 };
    const empty = (teamId: string) => ({ teamId, players: [], actions: 0, observations: none, observationRatings: zero, observationSeqs: [] });
    expect(review.rollups).toEqual([
      {
        capabilityId: 'detect',
        final: { status: 'agreed', rating: 'P' },
        teams: [
          // Anna (signed in) held the truck (seq 7, task verify); Eva's strength, rated P (seq 14).
          { teamId: 'customs', players: [{ playerId: 'u-anna', actions: 1, actionSeqs: [7] }], actions: 1,
            observations: { ...none, strength: 1 }, observationRatings: { ...zero, P: 1 }, observationSeqs: [14] },
          empty('police'),
        ],
      },
      {
        capabilityId: 'respond',
        final: { status: 'unrated' },
        teams: [
          empty('customs'),
          // The police tablet (no personal account) set the cordon (seq 13); Rolandas's area for improvement, rated M (seq 18).
          { teamId: 'police', players: [{ playerId: 'tablet', actions: 1, actionSeqs: [13] }], actions: 1,
            observations: { ...none, 'area-for-improvement': 1 }, observationRatings: { ...zero, M: 1 }, observationSeqs: [18] },
        ],
      },
    ]);
  });

  it('collects the hot-wash feedback', () => {
    expect(review.feedback).toEqual([
      {
        seq: 26, teamId: 'customs', userId: 'u-anna', atMs: 1_200_000, wentWell: 'Quick hold.', toImprove: 'Radio to police.',
        objectives: [{ objectiveId: 'detect', wentWell: 'Re-scan drill paid off.', toImprove: '' }],
      },
    ]);
  });

  it('gives the same review for the same log (nothing but the log counts)', () => {
    expect(computeReview(FIXTURE_SCENARIO, structuredClone(FIXTURE_LOG))).toEqual(review);
  });
});
