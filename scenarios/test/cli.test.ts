import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_SCENARIOS } from './brokenScenarios.ts';
import { reportEndsPlay } from './reportEndsPlay.ts';

const packageDir = join(import.meta.dirname, '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const example = /## A worked example to copy[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;

let dir: string;

/**
 * Runs the CLI as `pnpm scenario ...` does from the repository root: the root script runs the
 * scenarios package's `cli` script (`tsx src/cli.ts`) in scenarios/, with INIT_CWD set to where
 * the user typed the command, which is where file arguments are read from.
 */
function scenario(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(packageDir, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], {
    cwd: packageDir,
    env: { ...process.env, INIT_CWD: dir },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'startex-cli-'));
  writeFileSync(join(dir, 'parcel.yaml'), example);
  writeFileSync(join(dir, 'report-ends-play.json'), JSON.stringify(reportEndsPlay()));
  mkdirSync(join(dir, 'mixed'));
  writeFileSync(join(dir, 'mixed', 'good.yaml'), example);
  writeFileSync(join(dir, 'mixed', 'typo.json'), BROKEN_SCENARIOS.find((b) => b.name === 'unknown team')!.text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pnpm scenario lint', () => {
  it('exits 0 for a clean file', () => {
    const { status, stdout } = scenario('lint', 'parcel.yaml');
    expect(stdout).toBe('parcel.yaml: 0 error(s), 0 warning(s)\n');
    expect(status).toBe(0);
  });

  it('exits 1 and prints each problem with its path and how to fix it', () => {
    const { status, stdout } = scenario('lint', 'mixed');
    expect(stdout.split('\n')).toEqual([
      'mixed/good.yaml: 0 error(s), 0 warning(s)',
      'mixed/typo.json: 1 error(s), 0 warning(s)',
      '  error   [unknown-reference] $.injects[0].to[0]',
      '          Unknown team "custom". Did you mean "customs"? Check the spelling, or add a team with this id.',
      '',
    ]);
    expect(status).toBe(1);
  });

  it('refuses deeply nested YAML with too-deep before parsing it (bug: the CLI overflowed the stack where the server answered too-deep)', () => {
    writeFileSync(join(dir, 'deep.yaml'), `schemaVersion: 2\nmachine: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n`);
    const { status, stdout } = scenario('lint', 'deep.yaml');
    expect(stdout).toBe(
      [
        'deep.yaml: 1 error(s), 0 warning(s)',
        '  error   [too-deep] $',
        `          The document nests or indents more than 256 levels deep (by line 2), too deep to read safely; flatten it.`,
        '',
      ].join('\n'),
    );
    expect(status).toBe(1);
  });

  it('answers every broken-corpus document with its expected problem, in one run over a folder', () => {
    mkdirSync(join(dir, 'corpus'));
    const files = BROKEN_SCENARIOS.map((broken, i) => {
      const file = `corpus/${String(i + 1).padStart(2, '0')}.${broken.format}`;
      writeFileSync(join(dir, file), broken.text);
      return { file, broken };
    });
    const { status, stdout } = scenario('lint', 'corpus');
    const reports = new Map(stdout.split(/\n(?=corpus\/)/).map((block) => [block.slice(0, block.indexOf(':')), block]));
    for (const { file, broken } of files) {
      const severity = broken.expect.severity ?? 'error';
      expect(reports.get(file), broken.name).toMatch(severity === 'error' ? /^corpus\/\d+\.(json|yaml): [1-9]\d* error\(s\)/ : /^corpus\/\d+\.(json|yaml): 0 error\(s\), [1-9]\d* warning\(s\)/);
      expect(reports.get(file), broken.name).toContain(`  ${severity.padEnd(7)} [${broken.expect.rule}] ${broken.expect.path}\n`);
    }
    expect(status).toBe(1);
  });

  it('exits 2 with the usage when a file is missing', () => {
    const { status, stderr } = scenario('lint');
    expect(stderr).toContain('Usage:\n  pnpm scenario lint <file|dir|library|library:<id>>');
    expect(status).toBe(2);
  });
});

describe('pnpm scenario paths', () => {
  it('prints what scenarios/README.md shows for its worked example', () => {
    const shown = /```text\n\$ pnpm scenario paths parcel\.yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(scenario('paths', 'parcel.yaml').stdout).toBe(shown);
  });

  it('prints every path with its injects and its fastest and slowest duration', () => {
    const { status, stdout } = scenario('paths', 'parcel.yaml');
    expect(stdout).toBe(
      [
        'Radiation pager alarm at a parcel depot: 3 play path(s)',
        '',
        'Path 1: EndEx after 65 min at the fastest, 65 min at the slowest',
        '  players/control do: nothing',
        '  injects: pager_alarm -> regulator_chaser',
        '',
        'Path 2: EndEx after 20 min at the fastest, 30 min at the slowest',
        '  players/control do: depot: call_regulator',
        '  injects: pager_alarm -> regulator_reply',
        '',
        'Path 3: EndEx after 30 min at the fastest, 80 min at the slowest',
        '  players/control do (after the contingency injects): depot: call_regulator',
        '  injects: pager_alarm -> regulator_chaser -> regulator_reply',
        '',
      ].join('\n'),
    );
    expect(status).toBe(0);
  });

  it('prints outcomes that differ only in when EndEx comes as two paths, with the right fastest EndEx', () => {
    const { status, stdout } = scenario('paths', 'report-ends-play.json');
    expect(stdout).toBe(
      [
        'A report that ends play early: 2 play path(s)',
        '',
        'Path 1: EndEx after 30 min at the fastest, 30 min at the slowest',
        '  players/control do: nothing',
        '  injects: portal_alarm',
        '',
        'Path 2: EndEx after 7 min at the fastest, 35 min at the slowest',
        '  players/control do: customs: report_alarm',
        '  injects: portal_alarm',
        '',
      ].join('\n'),
    );
    expect(status).toBe(0);
  });
});

describe('pnpm scenario simulate', () => {
  it('plays the default responses and prints the MSEL timeline', () => {
    const { status, stdout } = scenario('simulate', 'parcel.yaml');
    expect(stdout).toContain('simulated with 2 scripted response(s)');
    expect(stdout).toContain('Day 1 14:11:00      T+00:11:00  #3 phone    Regulator duty officer -> depot: Keep the parcel isolated');
    expect(stdout).toContain('EndEx after 26 scenario minutes.');
    expect(status).toBe(0);
  });

  it('plays a --responses script instead', () => {
    writeFileSync(join(dir, 'late.json'), JSON.stringify({ responses: [{ after: { inject: 'pager_alarm' }, delayMinutes: 12, team: 'depot', action: 'call_regulator', fields: { dose_rate_usvh: 3 } }] }));
    const { status, stdout } = scenario('simulate', 'parcel.yaml', '--responses', 'late.json');
    expect(stdout).toContain('simulated with 1 scripted response(s)');
    expect(stdout).toContain('Day 1 14:15:00      T+00:15:00  #2 phone    Regulator duty officer -> depot: We heard about an alarm at your depot [contingency]');
    expect(stdout).toContain('Day 1 14:17:00      T+00:17:00     action   depot: call_regulator');
    expect(stdout).toContain('EndEx after 32 scenario minutes.');
    expect(status).toBe(0);
  });

  it('refuses a --responses file that does not fit the format, with the path and no raw dump', () => {
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ responses: [{ after: { inject: 'pager_alarm' }, delayMinutes: 'soon', team: 'depot', action: 'isolate' }] }));
    const { status, stdout } = scenario('simulate', 'parcel.yaml', '--responses', 'wrong.json');
    expect(stdout).toBe(
      ['wrong.json: 1 error(s), 0 warning(s)', '  error   [schema] $.responses[0].delayMinutes', '          "delayMinutes" must be a number, not text ("soon"); change the value.', ''].join('\n'),
    );
    expect(status).toBe(1);
  });

  it('refuses responses the server would refuse', () => {
    writeFileSync(join(dir, 'refused.json'), JSON.stringify({ responses: [{ after: { startex: true }, delayMinutes: 6, team: 'depot', action: 'call_regulator', fields: { dose_rate_usvh: -1 } }] }));
    const { status, stdout } = scenario('simulate', 'parcel.yaml', '--responses', 'refused.json');
    expect(stdout).toContain('  error   [invalid-fields] $.responses[0].fields.dose_rate_usvh\n          "Highest dose rate (µSv/h)" must be at least 0.');
    expect(status).toBe(1);
  });

  it('says when the --responses file is not JSON', () => {
    writeFileSync(join(dir, 'broken.json'), '{"responses": [');
    const { status, stdout } = scenario('simulate', 'parcel.yaml', '--responses', 'broken.json');
    expect(stdout).toMatch(/^broken\.json: 1 error\(s\), 0 warning\(s\)\n {2}error {3}\[malformed\] \$\n {10}Not valid JSON: /);
    expect(status).toBe(1);
  });
});
