import { afterEach, describe, expect, it, vi } from 'vitest';
import { StartexError } from '@startex/shared';
import { RateLimits, rateLimitsFromSetting } from './rateLimits.ts';

describe('rateLimitsFromSetting (STARTEX_RATE_LIMITS)', () => {
  it('keeps the defaults when unset or empty', () => {
    expect(rateLimitsFromSetting(undefined)).toEqual({});
    expect(rateLimitsFromSetting('  ')).toEqual({});
  });

  it('lifts every configurable limit for "off"', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(rateLimitsFromSetting('off')).toEqual({ loginsPerMinute: max, failuresBeforeLockout: max, joinFailuresBeforeSlowdown: max, joinsPerMinute: max, actionsPerSecond: max });
  });

  it('reads name=number pairs', () => {
    expect(rateLimitsFromSetting('joinsPerMinute=600, actionsPerSecond=100')).toEqual({ joinsPerMinute: 600, actionsPerSecond: 100 });
  });

  it('refuses unknown names and values that are not positive integers, naming the valid ones', () => {
    expect(() => rateLimitsFromSetting('joins=600')).toThrow('names are loginsPerMinute, failuresBeforeLockout, joinFailuresBeforeSlowdown, joinsPerMinute, actionsPerSecond');
    expect(() => rateLimitsFromSetting('joinsPerMinute=0')).toThrow('"joinsPerMinute=0" is not name=positive integer');
    expect(() => rateLimitsFromSetting('joinsPerMinute=1.5')).toThrow('is not name=positive integer');
  });
});

describe('RateLimits: the lockout after repeated failed logins', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** The wait a refused sign-in names, in seconds, or "open" when sign-in is allowed. */
  async function wait(limits: RateLimits, username = 'casey', ip = '192.0.2.1'): Promise<number | 'open'> {
    try {
      await limits.beforeLogin(ip, username);
      return 'open';
    } catch (error) {
      expect(error).toBeInstanceOf(StartexError);
      expect((error as StartexError).code).toBe('RATE_LIMITED');
      return Number(/try again in (\d+) s/.exec((error as Error).message)![1]);
    }
  }

  it('locks one username from one IP out after 5 failures, each lockout twice the last, at most an hour', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T09:00:00Z') });
    const limits = new RateLimits();
    const lockouts: number[] = [];
    for (let round = 0; round < 8; round++) {
      for (let failure = 1; failure <= 5; failure++) {
        expect(await wait(limits), `round ${round}, failure ${failure}`).toBe('open');
        await limits.loginFailed('192.0.2.1', 'casey');
      }
      const seconds = await wait(limits);
      if (seconds === 'open') throw new Error(`round ${round}: not locked out after 5 failures`);
      lockouts.push(seconds);
      // Still locked a second before it ends, open once it has.
      vi.advanceTimersByTime((seconds - 1) * 1000);
      expect(await wait(limits)).toBeGreaterThan(0);
      vi.advanceTimersByTime(1000);
    }
    expect(lockouts).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it('locks out only that username from that IP, and a success clears the count', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T09:00:00Z') });
    const limits = new RateLimits();
    for (let i = 0; i < 4; i++) await limits.loginFailed('192.0.2.1', 'casey');
    await limits.loginSucceeded('192.0.2.1', 'casey');
    await limits.loginFailed('192.0.2.1', 'casey');
    expect(await wait(limits)).toBe('open');
    for (let i = 0; i < 4; i++) await limits.loginFailed('192.0.2.1', 'casey');
    expect(await wait(limits)).toBe(60);
    expect(await wait(limits, 'casey', '192.0.2.2')).toBe('open');
    expect(await wait(limits, 'robin', '192.0.2.1')).toBe('open');
  });
});

describe('RateLimits: join codes after wrong ones', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const invalid = () => Promise.reject(new StartexError('JOIN_CODE_INVALID'));
  /** How a join from the address ends: the code's own answer, or the limiter's refusal. */
  const attempt = (limits: RateLimits, code: string, check: () => Promise<string>) =>
    limits.join('192.0.2.7', code, check).then(
      (grant) => grant,
      (error: StartexError) => error.code,
    );

  it('checks new codes one at a time once ten were wrong, lets a code that joined from there through at once, and ends the slowdown with the window', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-07T09:00:00Z') });
    const limits = new RateLimits();
    expect(await attempt(limits, 'TABLET22', async () => 'tablet')).toBe('tablet');
    for (let i = 0; i < 10; i++) expect(await attempt(limits, `WRONG${i}22`, invalid)).toBe('JOIN_CODE_INVALID');
    // Slowed: the first new code is checked now, the next waits its 3 s turn; the joined code does not wait.
    expect(await attempt(limits, 'WRONGA22', invalid)).toBe('JOIN_CODE_INVALID');
    let waiting: string | undefined;
    void attempt(limits, 'NEWCODE2', async () => 'new tablet').then((answer) => (waiting = answer));
    expect(await attempt(limits, ' tablet22 ', async () => 'tablet')).toBe('tablet');
    await vi.advanceTimersByTimeAsync(2_900);
    expect(waiting).toBeUndefined();
    await vi.advanceTimersByTimeAsync(200);
    expect(waiting).toBe('new tablet');
    // Ten minutes after the first wrong code, new codes are checked at once again.
    vi.advanceTimersByTime(10 * 60 * 1000);
    expect(await attempt(limits, 'WRONGB22', invalid)).toBe('JOIN_CODE_INVALID');
    expect(await attempt(limits, 'WRONGC22', invalid)).toBe('JOIN_CODE_INVALID');
  });
});
