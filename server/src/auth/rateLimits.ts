import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { StartexError } from '@startex/shared';

export interface RateLimitOptions {
  /** Logins per IP per minute. */
  loginsPerMinute?: number;
  /** Failed logins for one username from one IP before it is locked out. */
  failuresBeforeLockout?: number;
  /** Join attempts (socket handshakes with a join code) per IP per minute. */
  joinsPerMinute?: number;
  /** Actions and messages a team device or person may send per second. */
  actionsPerSecond?: number;
}

const LIMIT_NAMES = ['loginsPerMinute', 'failuresBeforeLockout', 'joinsPerMinute', 'actionsPerSecond'] as const;

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
 * logins and joins per IP, a growing lockout for repeated failed logins, and a flood limit on
 * actions and messages.
 */
export class RateLimits {
  private readonly logins: RateLimiterMemory;
  private readonly loginFailures: RateLimiterMemory;
  private readonly lockouts: RateLimiterMemory;
  private readonly joins: RateLimiterMemory;
  private readonly joinFailures: RateLimiterMemory;
  private readonly actions: RateLimiterMemory;

  constructor(options: RateLimitOptions = {}) {
    this.logins = new RateLimiterMemory({ points: options.loginsPerMinute ?? 30, duration: 60 });
    this.loginFailures = new RateLimiterMemory({ points: options.failuresBeforeLockout ?? 5, duration: 15 * 60 });
    this.lockouts = new RateLimiterMemory({ points: 100, duration: 24 * 3600 });
    this.joins = new RateLimiterMemory({ points: options.joinsPerMinute ?? 60, duration: 60 });
    this.joinFailures = new RateLimiterMemory({ points: 10, duration: 10 * 60, blockDuration: 5 * 60 });
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

  async beforeJoin(ip: string): Promise<void> {
    await this.joins.consume(ip).catch((res) => Promise.reject(limited(res)));
    const failures = await this.joinFailures.get(ip);
    if (failures && failures.consumedPoints >= this.joinFailures.points) throw limited(failures);
  }

  async joinFailed(ip: string): Promise<void> {
    await this.joinFailures.consume(ip).catch(() => undefined);
  }

  async beforeAction(principal: string): Promise<void> {
    await this.actions.consume(principal).catch((res) => Promise.reject(limited(res)));
  }
}
