import { describe, expect, it } from 'vitest';
import { clientFrameBytes, MAX_BYTES_PER_TEXT_UNIT, MAX_CLIENT_FRAME_BYTES, utf8Length } from './frame.ts';
import { CLIENT_EVENT_SCHEMAS, type ClientToServerEvents, type ControllerCommand } from './protocol.ts';

/** `n` characters that each take the most bytes a text unit may take in a frame. */
const widest = (n: number) => '\u0800'.repeat(n);
const id = widest(64);
const key = widest(100);
const text = (n: number) => widest(n);

/** The largest valid payload of every command. */
const LARGEST_COMMAND: { [T in ControllerCommand['type']]: Extract<ControllerCommand, { type: T }> } = {
  ready: { type: 'ready' },
  start: { type: 'start' },
  pause: { type: 'pause' },
  resume: { type: 'resume', reason: text(500) },
  halt: { type: 'halt', reason: text(500) },
  end: { type: 'end' },
  close: { type: 'close' },
  jump: { type: 'jump', to: 'inject' },
  speed: { type: 'speed', speed: 0.30000000000000004 },
  release: { type: 'release', injectId: id },
  hold: { type: 'hold', injectId: id, reason: text(500) },
  skip: { type: 'skip', injectId: id, reason: text(500) },
  edit: { type: 'edit', injectId: id, subject: text(200), body: text(20_000) },
  adhoc: { type: 'adhoc', to: Array.from({ length: 50 }, () => id), channel: 'face-to-face', from: text(200), subject: text(200), body: text(20_000) },
  decide: { type: 'decide', decision: id },
  broadcast: { type: 'broadcast', text: text(5000), to: Array.from({ length: 50 }, () => id) },
  reply: { type: 'reply', organisationId: id, to: id, text: text(5000), replyTo: id },
  note: { type: 'note', text: text(5000) },
};

/** The largest valid payloads of each client event; action.take's depends on the scenario (the analyzer's payload-too-large rule). */
const LARGEST: { [E in keyof ClientToServerEvents]: Parameters<ClientToServerEvents[E]>[0][] | 'scenario' } = {
  sync: [{ afterSeq: Number.MAX_SAFE_INTEGER }],
  command: Object.values(LARGEST_COMMAND),
  'inject.delivered': [{ injectId: id }],
  'inject.acknowledge': [{ injectId: id }],
  'action.take': 'scenario',
  'message.send': [
    { to: { teams: Array.from({ length: 50 }, () => id), organisations: Array.from({ length: 50 }, () => id) }, text: text(5000), replyTo: id, idempotencyKey: key },
  ],
  'observation.record': [
    {
      observedAtMs: 14 * 24 * 3_600_000,
      teamId: id,
      injectId: id,
      objectiveId: id,
      taskId: id,
      kind: 'area-for-improvement',
      rating: 'P',
      text: text(5000),
      idempotencyKey: key,
    },
  ],
  'commscheck.acknowledge': [{ checkId: id }],
  // 40,000 characters in all, the most a hot-wash may hold, over fifty objectives.
  'feedback.submit': [
    {
      wentWell: text(5000),
      toImprove: text(5000),
      objectives: Array.from({ length: 50 }, (_, i) => ({ objectiveId: id, wentWell: i < 7 ? text(2000) : i === 7 ? text(1000) : '', toImprove: i < 7 ? text(2000) : i === 7 ? text(1000) : '' })),
      idempotencyKey: key,
    },
  ],
};

describe('client frames', () => {
  it('counts UTF-8 bytes as socket.io sends them', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(utf8Length(JSON.stringify(widest(10)))).toBe(2 + 10 * MAX_BYTES_PER_TEXT_UNIT);
  });

  it('every command type has its largest payload here', () => {
    expect(Object.keys(LARGEST_COMMAND).sort()).toEqual(CLIENT_EVENT_SCHEMAS.command.options.map((o) => o.shape.type.value).sort());
  });

  for (const event of Object.keys(CLIENT_EVENT_SCHEMAS) as (keyof ClientToServerEvents)[]) {
    it(`${event}: the largest valid payload fits in one frame`, () => {
      const payloads = LARGEST[event];
      if (payloads === 'scenario') return expect(event).toBe('action.take');
      for (const payload of payloads) {
        const parsed = CLIENT_EVENT_SCHEMAS[event].safeParse(payload);
        expect(parsed.success, `${event} ${JSON.stringify(parsed.error?.issues[0])}`).toBe(true);
        expect(clientFrameBytes(event, [payload])).toBeLessThanOrEqual(MAX_CLIENT_FRAME_BYTES);
      }
    });
  }

  it('one more character of hot-wash is refused, so the total cannot grow past the frame', () => {
    const [largest] = LARGEST['feedback.submit'] as [Parameters<ClientToServerEvents['feedback.submit']>[0]];
    const longer = { ...largest, objectives: largest.objectives.map((o, i) => (i === 8 ? { ...o, wentWell: 'x' } : o)) };
    expect(CLIENT_EVENT_SCHEMAS['feedback.submit'].safeParse(longer).error?.issues[0]?.message).toBe('Write at most 40,000 characters in all; shorten the longest parts.');
  });

  it('refuses control characters, which JSON would escape to six bytes each', () => {
    const parsed = CLIENT_EVENT_SCHEMAS.command.safeParse({ type: 'note', text: 'Bell\u0007' });
    expect(parsed.error?.issues[0]?.message).toBe('The text contains control characters (other than tab and line breaks); remove them');
  });
});
