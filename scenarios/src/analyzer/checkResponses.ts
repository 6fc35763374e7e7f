import type { ScenarioDocument, ScriptedResponse } from '@startex/shared';
import { statesByKey } from '../statesByKey.ts';
import { validateActionFields } from '../validateAction.ts';
import { jsonPath, type Problem } from './Problem.ts';

type Path = (string | number)[];

/**
 * Checks one scripted response (from a document's defaultResponses or a `simulate --responses`
 * script) the way the live server checks an action: known references, a team allowed to take
 * the action, and field values the action accepts. `path` is where the response sits.
 * `refused` says the server would refuse the action itself.
 */
export function checkResponse(document: ScenarioDocument, response: ScriptedResponse, path: Path): { problems: Problem[]; refused: boolean } {
  const problems: Problem[] = [];
  const error = (rule: string, at: Path, message: string) => problems.push({ severity: 'error', rule, path: jsonPath([...path, ...at]), message });
  const list = (known: Iterable<string>) => [...known].slice(0, 8).join(', ') || 'none';
  const injects = document.injects.map((i) => i.id);
  if ('inject' in response.after && !injects.includes(response.after.inject)) {
    error('unknown-reference', ['after', 'inject'], `Unknown inject "${response.after.inject}"; use one of: ${list(injects)}.`);
  }
  if ('acknowledge' in response) {
    const inject = document.injects.find((i) => i.id === response.acknowledge);
    if (!inject) error('unknown-reference', ['acknowledge'], `Unknown inject "${response.acknowledge}"; use one of: ${list(injects)}.`);
    else if (!inject.to.includes(response.team)) error('action-team', ['team'], `"${response.acknowledge}" is not sent to team "${response.team}", so the server would refuse its acknowledgement; use one of: ${inject.to.join(', ')}.`);
    return { problems, refused: problems.length > 0 };
  }
  if ('decision' in response) {
    const decisions = new Set([...statesByKey(document).values()].flatMap((s) => (s.decisions ?? []).map((d) => d.decision)));
    if (!decisions.has(response.decision)) error('unknown-reference', ['decision'], `No state offers decision "${response.decision}"; use one of: ${list(decisions)}.`);
    return { problems, refused: false };
  }
  const before = problems.length;
  const action = document.actions.find((a) => a.id === response.action);
  if (!action) {
    error('unknown-reference', ['action'], `Unknown action "${response.action}"; use one of: ${list(document.actions.map((a) => a.id))}.`);
    return { problems, refused: true };
  }
  const teams = document.teams.map((t) => t.id);
  if (!teams.includes(response.team)) {
    error('unknown-reference', ['team'], `Unknown team "${response.team}"; use one of: ${list(teams)}.`);
  } else if (!action.teams.includes(response.team)) {
    error('action-team', ['team'], `Team "${response.team}" cannot take "${action.id}", so the server would refuse this response; use one of: ${action.teams.join(', ')}.`);
  }
  const invalid = validateActionFields(action, response.fields);
  if (invalid) {
    const field = invalid.path?.replace(/^fields\./, '');
    error('invalid-fields', field ? ['fields', field] : ['fields'], `${invalid.message} The server would refuse this response; change the value.`);
  }
  return { problems, refused: problems.length > before };
}

/** Every problem of a list of scripted responses sitting at `base`, e.g. `['defaultResponses']`. */
export function checkResponses(document: ScenarioDocument, responses: readonly ScriptedResponse[], base: Path): Problem[] {
  return responses.flatMap((response, i) => checkResponse(document, response, [...base, i]).problems);
}
