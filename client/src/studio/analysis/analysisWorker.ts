/// <reference lib="webworker" />
import { compileScenario, enumeratePaths, expandTimeline, hasErrors, lintScenarioValue, parseScenarioValue, readYaml, simulate } from '@startex/scenarios/browser';
import { pathResponses } from './pathResponses.ts';
import type { AnalysisAnswer, AnalysisRequest } from './protocol.ts';

/**
 * The studio's analysis thread: the server's own analyzer, simulator and paths (@startex/scenarios),
 * run here so that checking a large scenario never holds up typing on the page.
 */

/** The server's exploration budget for uploads (UPLOAD_EXPLORE_MS): the studio says what publishing would say. */
const EXPLORE_MS = 4_000;

declare const self: DedicatedWorkerGlobalScope;

function answer(request: AnalysisRequest): AnalysisAnswer {
  switch (request.type) {
    case 'analyse': {
      const { stage } = request;
      const { parsed, problems } = lintScenarioValue(request.document, { maxMs: EXPLORE_MS }, stage);
      // The analyzer explores no document with an error: the rules have said all there is.
      const complete = stage === 'full' || hasErrors(problems);
      // The statechart is drawn from the rules' answer; the full one only adds problems.
      if (!parsed.ok || stage === 'full') return { type: 'analysed', seq: request.seq, stage, complete, problems };
      return { type: 'analysed', seq: request.seq, stage, complete, problems, document: parsed.document, expanded: expandTimeline(parsed.document) };
    }
    case 'readYaml': {
      const read = readYaml(request.text);
      return read.ok ? { type: 'yamlRead', seq: request.seq, ok: true, value: read.value } : { type: 'yamlRead', seq: request.seq, ok: false, problems: read.problems };
    }
    case 'simulate': {
      const parsed = parseScenarioValue(request.document);
      if (!parsed.ok) return { type: 'simulated', seq: request.seq, ok: false, problems: parsed.problems };
      const scenario = compileScenario(parsed.document);
      const responses = request.path ? pathResponses(scenario, request.path) : (request.responses ?? parsed.document.defaultResponses);
      const simulation = simulate(scenario, responses, { responsesPath: request.responses || request.path ? ['responses'] : ['defaultResponses'] });
      return { type: 'simulated', seq: request.seq, ok: true, simulation };
    }
    case 'paths': {
      const parsed = parseScenarioValue(request.document);
      if (!parsed.ok) return { type: 'pathsFound', seq: request.seq, ok: false, problems: parsed.problems };
      const { paths, truncated } = enumeratePaths(compileScenario(parsed.document));
      return { type: 'pathsFound', seq: request.seq, ok: true, paths, truncated };
    }
    default: {
      const exhaustive: never = request;
      return exhaustive;
    }
  }
}

self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  try {
    self.postMessage(answer(event.data));
  } catch (error) {
    // An analyzer bug must not leave the page waiting: it is logged here and shown as a failure.
    console.error('studio analysis failed', error);
    self.postMessage({ type: 'failed', seq: event.data.seq, message: error instanceof Error ? error.message : String(error) } satisfies AnalysisAnswer);
  }
};
