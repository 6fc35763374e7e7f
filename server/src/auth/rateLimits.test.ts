import { describe, expect, it } from 'vitest';
import { rateLimitsFromSetting } from './rateLimits.ts';

describe('rateLimitsFromSetting (STARTEX_RATE_LIMITS)', () => {
  it('keeps the defaults when unset or empty', () => {
    expect(rateLimitsFromSetting(undefined)).toEqual({});
    expect(rateLimitsFromSetting('  ')).toEqual({});
  });

  it('lifts every configurable limit for "off"', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(rateLimitsFromSetting('off')).toEqual({ loginsPerMinute: max, failuresBeforeLockout: max, joinsPerMinute: max, actionsPerSecond: max });
  });

  it('reads name=number pairs', () => {
    expect(rateLimitsFromSetting('joinsPerMinute=600, actionsPerSecond=100')).toEqual({ joinsPerMinute: 600, actionsPerSecond: 100 });
  });

  it('refuses unknown names and values that are not positive integers, naming the valid ones', () => {
    expect(() => rateLimitsFromSetting('joins=600')).toThrow('names are loginsPerMinute, failuresBeforeLockout, joinsPerMinute, actionsPerSecond');
    expect(() => rateLimitsFromSetting('joinsPerMinute=0')).toThrow('"joinsPerMinute=0" is not name=positive integer');
    expect(() => rateLimitsFromSetting('joinsPerMinute=1.5')).toThrow('is not name=positive integer');
  });
});
