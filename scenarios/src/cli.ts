import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatScenarioTime, parseScenarioClockTime, ResponseScript, type ScenarioDocument, type ScriptedResponse } from '@startex/shared';
import { readJson, schemaProblems } from './analyzer/parseScenario.ts';
import { hasErrors, type Problem } from './analyzer/Problem.ts';
import { compileScenario } from './compileScenario.ts';
import { enumeratePaths } from './explore.ts';
import { loadScenarios, type LoadedScenario } from './loadScenarios.ts';
import { simulate } from './simulate.ts';

const USAGE = `Usage:
  pnpm scenario lint <file|dir|library|library:<id>>
  pnpm scenario paths <file|library:<id>>
  pnpm scenario simulate <file|library:<id>> [--responses script.json]`;

// pnpm runs this in scenarios/; paths are relative to where the user typed the command.
const cwd = process.env.INIT_CWD ?? process.cwd();

const exerciseTime = (ms: number) => {
  const s = Math.round(ms / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `T+${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
};

function printProblems(loaded: Pick<LoadedScenario, 'source' | 'problems'>[]): void {
  for (const { source, problems } of loaded) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    console.log(`${source}: ${errors} error(s), ${problems.length - errors} warning(s)`);
    for (const p of problems) console.log(`  ${p.severity.padEnd(7)} [${p.rule}] ${p.path}\n          ${p.message}`);
  }
}

/** A `--responses` file: `{ "responses": [...] }`, each problem with its JSON path. */
function readResponses(file: string): { ok: true; responses: ScriptedResponse[] } | { ok: false; problems: Problem[] } {
  const fail = (rule: string, path: string, message: string) => ({ ok: false as const, problems: [{ severity: 'error' as const, rule, path, message }] });
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    return fail('malformed', '$', `Cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path.`);
  }
  const read = readJson(text);
  if (!read.ok) return read;
  const raw = read.value;
  const parsed = ResponseScript.safeParse(raw);
  if (parsed.success) return { ok: true, responses: parsed.data.responses };
  return { ok: false, problems: schemaProblems(parsed.error.issues, raw) };
}

async function single(target: string): Promise<ScenarioDocument> {
  const loaded = await loadScenarios(target, cwd);
  if (loaded.length !== 1) throw new Error(`Expected one scenario in ${target}, found ${loaded.length}.`);
  const [scenario] = loaded;
  if (!scenario!.parsed.ok || hasErrors(scenario!.problems)) {
    printProblems(loaded);
    throw new Error('Fix the errors above first (pnpm scenario lint).');
  }
  return scenario!.parsed.document;
}

async function main(argv: string[]): Promise<number> {
  const [command, target, ...rest] = argv;
  if (!command || !target) {
    console.error(USAGE);
    return 2;
  }
  switch (command) {
    case 'lint': {
      const loaded = await loadScenarios(target, cwd);
      printProblems(loaded);
      return loaded.some((l) => hasErrors(l.problems)) ? 1 : 0;
    }
    case 'paths': {
      const document = await single(target);
      const { paths, truncated } = enumeratePaths(compileScenario(document));
      console.log(`${document.title}: ${paths.length} play path(s)${truncated ? ' (more exist; bounded)' : ''}`);
      paths.forEach((path, i) => {
        const max = path.maxMinutes === null ? 'open-ended (waits for players)' : `${path.maxMinutes} min`;
        const end = path.ended ? `EndEx after ${path.minMinutes} min at the fastest, ${max} at the slowest` : 'never reaches EndEx: waits for players';
        console.log(`\nPath ${i + 1}: ${end}`);
        const when = path.patient && path.responses.length ? ' (after the contingency injects)' : '';
        console.log(`  players/control do${when}: ${path.responses.length ? path.responses.join('; ') : 'nothing'}`);
        console.log(`  injects: ${path.released.join(' -> ')}`);
      });
      return 0;
    }
    case 'simulate': {
      const document = await single(target);
      const flag = rest.indexOf('--responses');
      let responses = document.defaultResponses;
      let where = `${target} $.defaultResponses`;
      if (flag >= 0) {
        const file = rest[flag + 1];
        if (!file) throw new Error('--responses needs a file.');
        const script = readResponses(file);
        if (!script.ok) {
          printProblems([{ source: file, problems: script.problems }]);
          return 1;
        }
        responses = script.responses;
        where = file;
      }
      const result = simulate(compileScenario(document), responses, flag >= 0 ? {} : { responsesPath: ['defaultResponses'] });
      if (result.problems.length > 0) {
        printProblems([{ source: where, problems: result.problems }]);
        console.log('The server would refuse these responses; fix them first.');
        return 1;
      }
      const start = parseScenarioClockTime(document.scenarioStart) * 60_000;
      console.log(`${document.title}: simulated with ${responses.length} scripted response(s)\n`);
      console.log('Scenario time       Exercise    Event');
      for (const event of result.timeline) {
        if (event.kind === 'states') continue;
        const inject = event.kind === 'inject' ? compileScenario(document).document.injects.find((i) => i.id === event.ref) : undefined;
        const what = inject
          ? `#${inject.number} ${inject.channel.padEnd(8)} ${inject.from} -> ${inject.to.join(', ')}: ${inject.subject}${inject.kind !== 'standard' ? ` [${inject.kind}]` : ''}`
          : event.kind === 'action'
            ? `   action   ${event.team}: ${event.ref}`
            : event.kind === 'decision'
              ? `   decision ${event.ref}`
              : event.kind === 'milestone'
                ? `   milestone ${event.ref}`
                : event.ref;
        console.log(`${formatScenarioTime(start + event.atMs).padEnd(19)} ${exerciseTime(event.atMs).padEnd(11)} ${what}`);
      }
      console.log(result.ended ? `\nEndEx after ${Math.round(result.durationMs / 60_000)} scenario minutes.` : `\nStopped without EndEx: ${result.stoppedBecause}.`);
      return 0;
    }
    default:
      console.error(`Unknown command "${command}".\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(2);
  },
);
