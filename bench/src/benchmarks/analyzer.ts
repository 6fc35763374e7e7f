import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { compileScenario, enumeratePaths, expandTimeline, exploreScenario, hasTimeline, LIBRARY, lintScenarioText } from '@startex/scenarios';
import { BROKEN_SCENARIOS } from '@startex/scenarios/corpus';
import type { ScenarioDocument } from '@startex/shared';
import { analyzerScenarios } from '../analyzerScenario.ts';
import type { Benchmark } from '../benchContext.ts';
import type { Figure } from '../report.ts';
import { distribution } from '../stats.ts';

const SCENARIOS_ROOT = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const SCENARIOS_TSX = join(SCENARIOS_ROOT, 'node_modules/.bin/tsx');
/** The done-when scenario of issue 15, written in the timeline form only. */
const STADIUM_FINAL = join(SCENARIOS_ROOT, 'test/fixtures/stadiumFinal.yaml');
/** What a controller waits for from `pnpm scenario lint` on any document, however broken (issue 15). */
const CLI_GOAL_MS = 5_000;
/** The issue's bar for linting a large timeline scenario on this machine. */
const LINT_GOAL_MS = 2_000;

const CPU_AT_EXIT = fileURLToPath(new URL('../cpuAtExit.mjs', import.meta.url));

/** Wall time and this process's CPU time: on a busy machine the first grows with the load, the second much less. */
function time(run: () => unknown): { wall: number; cpu: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

/** The form a document is written in, as the table names it: the timeline only, hand-written states only, or both. */
type Form = 'timeline' | 'statechart' | 'mixed';
function formOf(document: ScenarioDocument): Form {
  const states = Object.keys(document.machine.states ?? {}).length > 0;
  return hasTimeline(document) ? (states ? 'mixed' : 'timeline') : 'statechart';
}

function runs(count: number, run: () => unknown) {
  const samples = Array.from({ length: count }, () => time(run));
  return { wall: distribution(samples.map((s) => s.wall)), cpu: distribution(samples.map((s) => s.cpu)) };
}

/**
 * `pnpm scenario <args>` as the root script runs it: tsx in scenarios/, file paths from INIT_CWD;
 * with the CPU time of its node processes (tsx's and the CLI's; not esbuild's, which caches).
 */
function scenarioCli(cwd: string, ...args: string[]) {
  const start = performance.now();
  const env = { ...process.env, INIT_CWD: cwd, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${CPU_AT_EXIT}`.trim() };
  const result = spawnSync(SCENARIOS_TSX, ['src/cli.ts', ...args], { cwd: SCENARIOS_ROOT, env, encoding: 'utf8', timeout: 120_000 });
  const cpu = [...result.stderr.matchAll(/\[cpu-ms\] ([\d.]+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
  return { ms: performance.now() - start, cpu, status: result.status, stdout: result.stdout };
}

export const analyzer: Benchmark = {
  name: 'analyzer',
  title:
    'scenario analyzer: lint and paths for every library scenario, the timeline-only stadium final (issue 15) and a generated 200-inject, 12-team MSEL in both forms; the CLI on every broken-corpus document',
  async run(ctx) {
    const p = ctx.quick ? { runs: 2, generated: { teams: 12, injects: 200, hours: 8, responses: 8 }, corpusEvery: 5 } : { runs: 5, generated: { teams: 12, injects: 200, hours: 8, responses: 8 }, corpusEvery: 1 };
    // Each as YAML text, as a controller uploads it; `form` is what a subject must be written in.
    const scenarios: { label: string; text: string; form?: Form }[] = [
      ...Object.entries(LIBRARY).map(([id, document]) => ({ label: `library:${id}`, text: stringify(document) })),
      { label: 'stadium final (scenarios/test/fixtures/stadiumFinal.yaml)', text: readFileSync(STADIUM_FINAL, 'utf8'), form: 'timeline' as const },
      ...analyzerScenarios(p.generated).map(({ form, document }) => ({ label: `generated, ${p.generated.injects} injects, ${p.generated.teams} teams`, text: stringify(document), form })),
    ];

    const figures: Figure[] = [];
    const notes: string[] = [];
    for (const { label, text, form: declared } of scenarios) {
      // Linted from its text; paths on the compiled machine, as `pnpm scenario paths` runs.
      const first = lintScenarioText(text, 'yaml');
      if (!first.parsed.ok) throw new Error(`${label} does not parse: ${first.problems[0]?.message}`);
      const parsed = first.parsed.document;
      const form = formOf(parsed);
      if (declared !== undefined && form !== declared) throw new Error(`${label} is meant to be written in the ${declared} form but is in the ${form} form.`);
      const name = `${label} (${form})`;
      const errors = first.problems.filter((problem) => problem.severity === 'error');
      const lint = runs(p.runs, () => lintScenarioText(text, 'yaml'));
      let paths = enumeratePaths(compileScenario(parsed));
      const pathsMs = runs(p.runs, () => (paths = enumeratePaths(compileScenario(parsed))));
      const points = exploreScenario(compileScenario(parsed)).points;
      ctx.log(`analyzer: ${name}: lint p50 ${lint.wall.p50.toFixed(0)} ms, paths p50 ${pathsMs.wall.p50.toFixed(0)} ms`);
      const cpu = (d: ReturnType<typeof runs>) => `CPU p50 / max ${d.cpu.p50.toFixed(0)} / ${d.cpu.max.toFixed(0)} ms`;
      const size = `${expandTimeline(parsed).injects.length} injects, ${parsed.teams.length} team(s), ${(text.length / 1024).toFixed(0)} KiB of YAML`;
      figures.push(
        { name: `${name}: lint p50`, value: lint.wall.p50, unit: 'ms', note: `${size}; ${errors.length} error(s), ${first.problems.length - errors.length} warning(s); ${points.toLocaleString('en-US')} points of play` },
        { name: `${name}: lint max`, value: lint.wall.max, unit: 'ms', goal: { text: `< ${LINT_GOAL_MS / 1000} s`, met: lint.wall.max < LINT_GOAL_MS }, note: cpu(lint) },
        { name: `${name}: paths p50`, value: pathsMs.wall.p50, unit: 'ms', note: `${paths.paths.length} path(s)${paths.truncated ? ' (bounded: more exist)' : ''}` },
        { name: `${name}: paths max`, value: pathsMs.wall.max, unit: 'ms', note: cpu(pathsMs) },
      );
    }

    // Every broken document through the CLI, each in its own process as a controller runs it.
    const dir = join(ctx.tmp, 'corpus');
    mkdirSync(dir, { recursive: true });
    const startups = Array.from({ length: 3 }, () => scenarioCli(dir));
    const startup = distribution(startups.map((s) => s.ms));
    const corpus = BROKEN_SCENARIOS.filter((_, i) => i % p.corpusEvery === 0);
    const answers = corpus.map((broken, i) => {
      const file = `${String(i + 1).padStart(2, '0')}.${broken.format}`;
      writeFileSync(join(dir, file), broken.text);
      const run = scenarioCli(dir, 'lint', file);
      // A warning leaves the document accepted: the CLI exits 0 for it.
      const severity = broken.expect.severity ?? 'error';
      const expected = run.status === (severity === 'error' ? 1 : 0) && run.stdout.includes(`${severity.padEnd(7)} [${broken.expect.rule}] ${broken.expect.path}`);
      return { name: broken.name, ms: run.ms, cpu: run.cpu, expected };
    });
    const cli = distribution(answers.map((a) => a.ms));
    const cliCpu = distribution(answers.map((a) => a.cpu));
    const slowest = [...answers].sort((a, b) => b.ms - a.ms).slice(0, 3);
    ctx.log(`analyzer: CLI on ${answers.length} corpus documents, max ${cli.max.toFixed(0)} ms`);
    figures.push(
      { name: 'CLI lint of one broken-corpus document p50', value: cli.p50, unit: 'ms', baseline: { name: 'CLI start-up, usage only', value: startup.p50 } },
      {
        name: 'CLI lint of one broken-corpus document max',
        value: cli.max,
        unit: 'ms',
        baseline: { name: 'CLI start-up, usage only', value: startup.p50 },
        goal: { text: `each < ${CLI_GOAL_MS / 1000} s`, met: cli.max < CLI_GOAL_MS },
        note: `slowest: ${slowest.map((a) => `${a.name} ${(a.ms / 1000).toFixed(1)} s (CPU ${(a.cpu / 1000).toFixed(1)} s)`).join('; ')}`,
      },
      {
        name: 'CLI lint of one broken-corpus document, CPU of its node processes max',
        value: cliCpu.max,
        unit: 'ms',
        baseline: { name: 'CPU of the CLI start-up', value: distribution(startups.map((s) => s.cpu)).p50 },
        note: `p50 ${cliCpu.p50.toFixed(0)} ms; what the wall time would be on a quiet machine, give or take esbuild's share`,
      },
      { name: 'corpus documents answered with their expected problem', value: answers.filter((a) => a.expected).length, unit: `of ${answers.length}` },
    );
    notes.push(
      `Lint: lintScenarioText on the document as YAML text (parse, schema, rules, exploration), in this process after one warm-up run; paths: enumeratePaths on the compiled machine, as pnpm scenario paths. ${p.runs} runs each; wall time, with this process's CPU time beside it (less moved by other load).`,
      'Each scenario is named with the form it is written in, read from the document: timeline (rows and EndEx rules only), statechart (hand-written states only) or mixed. The stadium final is issue 15\'s done-when scenario (7 teams, timeline form only), linted from its file as written; the bench stops if it, or the generated timeline, is not in the timeline form.',
      'Generated scenario: bench/src/analyzerScenario.ts, an MSEL (timed injects, to single teams and every tenth to all; response windows with a reply, a chaser and a deadline; a branch on a reported level; an escalation decision), written twice: in the timeline form as a controller writes it (a row per inject, replies after the report, chasers unless reported, the escalation a decision with deadline and default), and as a hand-written statechart (one region of timed releases and one parallel region per response window and decision).',
      `CLI: pnpm scenario lint <file> as a new process per document (tsx start-up included), ${corpus.length} of ${BROKEN_SCENARIOS.length} corpus documents${p.corpusEvery > 1 ? ` (every ${p.corpusEvery}th: --quick)` : ''}.`,
    );
    return {
      parameters: { runs: p.runs, 'generated scenario': `${p.generated.injects} injects, ${p.generated.teams} teams, ${p.generated.hours} h, ${p.generated.responses} response windows`, 'corpus documents': corpus.length },
      figures,
      notes,
    };
  },
};
