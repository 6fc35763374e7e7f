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
