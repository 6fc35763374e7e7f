import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandTimeline, LIBRARY } from '@startex/scenarios';
import { keyAsWords, type ExerciseReview, type ExerciseView } from '@startex/shared';
import { call, client, connected, startServer, until, type Harness, type StaffCredential } from '../harness.ts';
import { download, pdfText } from '../planning/planningHelpers.ts';

/**
 * Scenario C (stolen Co-60 source), written as a timeline with storylines, played past two rows
 * and ended: the review's phases, the AAR/IP, the handbook and the wall display's view name its
 * states by the titles the scenario gives them, never by their generated keys ("tl--track--search")
 * read as words; the review's phases are the phase as people follow it (phaseOf: the storyline's
 * row, "T+30: …"), as on the wall display, not every region's path ("Play › Main timeline › …").
 */
const SCENARIO = LIBRARY['stolen-cobalt-source']!;
const EXERCISE_ID = 'cobalt-titles';
const STARTEX = 'StartEx: 112: truck with radioactive cargo stolen at a fuel station';
const TRANSPORT_CALL = 'T+30: Transport company: has anyone told you?';
const ACTIVATION = 'T+60: Request for national activation';
/** How the phases read before: every region's state path, the storyline's included. */
const STATE_PATH = /›|Play|Main timeline|Search and recovery|Public information/;

let h: Harness;
let director: StaffCredential;
let review: ExerciseReview;
/** Words of a text, so that line breaks pdftotext puts in long titles do not matter. */
const words = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  h = await startServer();
  await h.server.runtime.create({ id: EXERCISE_ID, title: 'Cobalt titles', scenario: SCENARIO, speed: 1 });
  director = await h.member('director', { exerciseId: EXERCISE_ID, username: 'titles-director' });
  const host = await h.server.runtime.get(EXERCISE_ID);
  const system = { kind: 'system' } as const;
  await host.command({ type: 'ready' }, system);
  await host.command({ type: 'start' }, system);
  // T+30 (the transport company's call) and T+60 (the activation request) on the main storyline,
  // each jump once the timers the one before it made due have fired.
  const inMain = (row: number) => host.view({ role: 'director' }).control!.states.includes(`tl--play.tl--track--main.tl--main--${row}`);
  for (const row of [1, 2]) {
    await host.command({ type: 'jump' }, system);
    await until(() => inMain(row), `main storyline row ${row}`);
  }
  await host.command({ type: 'end' }, system);
  const response = await h.request('GET', `/api/exercises/${EXERCISE_ID}/review`, director);
  expect(response.statusCode).toBe(200);
  review = response.json() as ExerciseReview;
});
afterAll(async () => h?.close());

describe("a scenario's state titles", () => {
  it('title the review\'s phases as the storyline people follow, by its rows\' titles, no generated key and no path', () => {
    const titles = review.phases.map((p) => p.title);
    expect(titles).toEqual([STARTEX, TRANSPORT_CALL, ACTIVATION]);
    // One phase at a time, each ending where the next begins.
    review.phases.slice(1).forEach((phase, i) => expect(review.phases[i]!.toMs).toBe(phase.fromMs));
    for (const phase of review.phases) {
      expect(phase.title).not.toMatch(STATE_PATH);
      expect(phase.title, phase.state).not.toBe(keyAsWords(phase.state));
      expect(phase.title, phase.state).not.toMatch(/tl--|\bTl\b/);
    }
  });

  it('print in the AAR/IP (the phases chart\'s figures beside it) and the chart itself', async () => {
    const aar = await download(h, `/api/exercises/${EXERCISE_ID}/exports/report.pdf`, director);
    expect(aar.statusCode).toBe(200);
    const text = words(pdfText(aar.bytes));
    expect(text).toContain(STARTEX);
    expect(text).toContain(TRANSPORT_CALL);
    expect(text).not.toMatch(/tl--|\bTl\b|Play ›|Main timeline ›/);
    const chart = await download(h, `/api/exercises/${EXERCISE_ID}/review/charts/phases.svg`, director);
    expect(chart.statusCode).toBe(200);
    const svg = chart.bytes.toString('utf8');
    expect(svg).toContain(`>${TRANSPORT_CALL}<`);
    expect(svg).not.toContain('tl--');
    expect(svg).not.toMatch(/Play ›|Main timeline ›/);
  });

  it('name the states of the handbook\'s branches', async () => {
    const handbook = await download(h, `/api/exercises/${EXERCISE_ID}/briefings/handbook`, director);
    expect(handbook.statusCode).toBe(200);
    const text = words(pdfText(handbook.bytes));
    expect(text).toContain('In "StartEx: 112: truck with radioactive cargo stolen at a fuel station", after 30 min');
    expect(text).toContain('goes to "T+30: Transport company: has anyone told you?"');
    expect(text).not.toMatch(/tl--|\bTl\b/);
  });

  it('reach the wall display and evaluators with their view (they have no scenario), never a team', async () => {
    const expected = Object.fromEntries(Object.entries(expandTimeline(SCENARIO).machine.states!['tl--play']!.states!).map(([key, state]) => [key, state.title]));
    expect(expected['tl--track--search']).toBe('Search and recovery');
    const view = async (code: string) => {
      const { socket } = client(h.url, code);
      await connected(socket);
      const synced = (await call(socket, 'sync', { afterSeq: 0 })) as { ok: true; exercise: ExerciseView };
      socket.disconnect();
      return synced.exercise;
    };
    const code = async (role: 'observer' | 'participant', teamId?: string) => (await h.server.identity.createJoinCode('test', { exerciseId: EXERCISE_ID, role, teamId })).token;
    const display = await view(await code('observer'));
    expect(display.stateTitles).toMatchObject(expected);
    expect(display.control).toBeUndefined();
    const tablet = await view(await code('participant', 'police'));
    expect(tablet.stateTitles).toBeUndefined();
  });
});
