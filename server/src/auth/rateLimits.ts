import { RateLimiterMemory, RateLimiterQueue, RateLimiterRes } from 'rate-limiter-flexible';
import { StartexError } from '@startex/shared';
import { normalisedJoinCode, sha256 } from './secrets.ts';

export interface RateLimitOptions {
  /** Logins per IP per minute. */
  loginsPerMinute?: number;
  /** Failed logins for one username from one IP before it is locked out. */
  failuresBeforeLockout?: number;
  /** Wrong join codes from one address (in 10 minutes) before its new codes are checked more slowly. */
  joinFailuresBeforeSlowdown?: number;
  /** Once an address is slowed down: new join codes from it checked per minute, one after another. */
  joinsPerMinute?: number;
  /** Actions and messages a team device or person may send per second. */
  actionsPerSecond?: number;
}

const LIMIT_NAMES = ['loginsPerMinute', 'failuresBeforeLockout', 'joinFailuresBeforeSlowdown', 'joinsPerMinute', 'actionsPerSecond'] as const;

/** How long wrong join codes count against an address. */
const JOIN_FAILURE_WINDOW_S = 10 * 60;
/** New join codes that may wait their turn from a slowed address; one more is refused. */
const JOINS_WAITING = 5;
/** How long a code that joined from an address is let straight through from there again. */
const JOINED_DEVICE_S = 24 * 3600;

/**
 * Reads the `STARTEX_RATE_LIMITS` setting: unset for the defaults, `off` for no limits (load tests
 * and benchmarks on loopback only), or `name=number` pairs such as `joinsPerMinute=600,actionsPerSecond=100`.
 */
export function rateLimitsFromSetting(setting: string | undefined): RateLimitOptions {
  const text = setting?.trim() ?? '';
  if (text === '') return {};
  if (text === 'off') return Object.fromEntries(LIMIT_NAMES.map((name) => [name, Number.MAX_SAFE_INTEGER]));
  const options: RateLimitOptions = {};
  for (const pair of text.split(',')) {
    const [name, value] = pair.split('=').map((part) => part.trim());
    const limit = Number(value);
    if (!LIMIT_NAMES.includes(name as (typeof LIMIT_NAMES)[number]) || !Number.isInteger(limit) || limit < 1) {
      throw new Error(`STARTEX_RATE_LIMITS: "${pair}" is not name=positive integer; names are ${LIMIT_NAMES.join(', ')}, or set "off".`);
    }
    options[name as (typeof LIMIT_NAMES)[number]] = limit;
  }
  return options;
}

const limited = (res: unknown) => {
  const seconds = res instanceof RateLimiterRes ? Math.ceil(res.msBeforeNext / 1000) : 60;
  return new StartexError('RATE_LIMITED', `Too many attempts; try again in ${seconds} s.`);
};

/**
 * In-memory limits (one server; a shared store such as Redis comes with several nodes):
 * logins per IP, a growing lockout for repeated failed logins, join codes slowed down after
 * wrong ones (never locked out), and a flood limit on actions and messages.
 */
export class RateLimits {
  private readonly logins: RateLimiterMemory;
  private readonly loginFailures: RateLimiterMemory;
  private readonly lockouts: RateLimiterMemory;
  private readonly joinFailures: RateLimiterMemory;
  /** One new join code per address at a time, at the slowed pace, FIFO, a few waiting. */
  private readonly slowedJoins: RateLimiterQueue;
  private readonly slowedJoinSeconds: number;
  /** Address and code (hashed) of every successful join. */
  private readonly joinedDevices: RateLimiterMemory;
  private readonly actions: RateLimiterMemory;

  constructor(options: RateLimitOptions = {}) {
    this.logins = new RateLimiterMemory({ points: options.loginsPerMinute ?? 30, duration: 60 });
    this.loginFailures = new RateLimiterMemory({ points: options.failuresBeforeLockout ?? 5, duration: 15 * 60 });
    this.lockouts = new RateLimiterMemory({ points: 100, duration: 24 * 3600 });
    this.joinFailures = new RateLimiterMemory({ points: options.joinFailuresBeforeSlowdown ?? 10, duration: JOIN_FAILURE_WINDOW_S });
    // A duration of 0 would mean "never resets": even with the limits off, one check a millisecond.
    this.slowedJoinSeconds = Math.max(0.001, 60 / (options.joinsPerMinute ?? 20));
    this.slowedJoins = new RateLimiterQueue(new RateLimiterMemory({ points: 1, duration: this.slowedJoinSeconds }), { maxQueueSize: JOINS_WAITING });
    this.joinedDevices = new RateLimiterMemory({ points: 1, duration: JOINED_DEVICE_S });
    this.actions = new RateLimiterMemory({ points: options.actionsPerSecond ?? 20, duration: 1 });
  }

  async beforeLogin(ip: string, username: string): Promise<void> {
    await this.logins.consume(ip).catch((res) => Promise.reject(limited(res)));
    const key = `${username}|${ip}`;
    const state = await this.loginFailures.get(key);
    if (state && state.msBeforeNext > 0 && state.consumedPoints >= this.loginFailures.points) throw limited(state);
  }

  /** Each lockout lasts twice as long as the last: 1, 2, 4 ... minutes, at most an hour. */
  async loginFailed(ip: string, username: string): Promise<void> {
    const key = `${username}|${ip}`;
    const res = await this.loginFailures.penalty(key, 1);
    if (res.consumedPoints >= this.loginFailures.points) {
      const lockouts = (await this.lockouts.penalty(key, 1)).consumedPoints;
      await this.loginFailures.block(key, Math.min(3600, 60 * 2 ** (lockouts - 1)));
    }
  }

  async loginSucceeded(ip: string, username: string): Promise<void> {
    await this.loginFailures.delete(`${username}|${ip}`);
  }

  /**
   * Checks a join code presented from `ip` with `check`, slowing guessing down without locking
   * anyone out. A code that already joined from this address (a tablet reconnecting) is checked at
   * once, always. Other codes are checked at once until the address has given the failure limit of
   * wrong codes in 10 minutes; from then on one at a time at the slowed pace, in turn, a valid code
   * as well (it waits, it is not refused), and RATE_LIMITED when too many wait already.
   */
  async join<T>(ip: string, code: string, check: () => Promise<T>): Promise<T> {
    const device = `${ip}|${sha256(normalisedJoinCode(code))}`;
    if (!(await this.joinedDevices.get(device)) && (await this.slowedDown(ip))) {
      // The queue refuses only when full: one token a turn never exceeds the limiter's one point.
      await this.slowedJoins.removeTokens(1, ip).catch(() => {
        const seconds = Math.ceil(JOINS_WAITING * this.slowedJoinSeconds);
        throw new StartexError('RATE_LIMITED', `Too many wrong join codes came from this network; try again in ${seconds} s.`);
      });
    }
    try {
      const result = await check();
      await this.joinedDevices.set(device, 1, JOINED_DEVICE_S);
      return result;
    } catch (error) {
      if (error instanceof StartexError && error.code === 'JOIN_CODE_INVALID') await this.joinFailures.penalty(ip, 1);
      throw error;
    }
  }

  private async slowedDown(ip: string): Promise<boolean> {
    const failures = await this.joinFailures.get(ip);
    return failures !== null && failures.consumedPoints >= this.joinFailures.points;
  }

  async beforeAction(principal: string): Promise<void> {
    await this.actions.consume(principal).catch((res) => Promise.reject(limited(res)));
  }
}
