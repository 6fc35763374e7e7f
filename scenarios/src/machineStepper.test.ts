import { initialTransition, transition, type AnyMachineSnapshot, type ExecutableActionObject } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compileScenario, type ScenarioEvent } from './compileScenario.ts';
import { advanceRun, startRun, type RunInput } from './ScenarioRun.ts';
import { candidateInputs, statesByKey, type PlayPoint } from './explore.ts';
import { LIBRARY } from './library/index.ts';
import { machineStepper } from './machineStepper.ts';

const eventOf = (input: RunInput): ScenarioEvent =>
  input.type === 'timer'
    ? { type: `timer.${input.timer}` }
    : input.type === 'action'
      ? { type: `action.${input.actionId}`, teamId: input.teamId, fields: input.fields }
      : input.type === 'decision'
        ? { type: `decision.${input.decision}` }
        : { type: `acknowledged.${input.injectId}`, teamId: input.teamId };

/** What a pure transition produced, without the per-call objects (actors, action closures). */
const outcome = ([snapshot, actions]: [AnyMachineSnapshot, ExecutableActionObject[]]) => ({
  value: snapshot.value,
  status: snapshot.status,
  context: snapshot.context as unknown,
  actions: actions.map((a) => ({ type: a.type, params: a.params })),
});

describe('machineStepper: one kept actor scope per machine', () => {
  for (const [name, document] of Object.entries(LIBRARY)) {
    it(`${name}: every step of seeded random plays equals xstate's own pure transition`, () => {
      const scenario = compileScenario(document);
      const stepper = machineStepper(scenario.machine);
      const byKey = statesByKey(scenario.document);
      expect(outcome(stepper.initial())).toEqual(outcome(initialTransition(scenario.machine)));
      let seed = 7;
      const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
      let compared = 0;
      for (let play = 0; play < 20; play++) {
        const started = startRun(scenario, 0);
        let point: PlayPoint = { run: started.state, nowMs: 0, step: started.step };
        for (let i = 0; i < 30; i++) {
          const inputs = candidateInputs(scenario, point, byKey);
          if (inputs.length === 0) break;
          const input = inputs[Math.floor(random() * inputs.length)]!;
          const event = eventOf(input);
          expect(outcome(stepper.transition(point.run.machine, event))).toEqual(outcome(transition(scenario.machine, point.run.machine, event)));
          compared++;
          const at = input.type === 'timer' ? (point.run.timers[input.timer] ?? point.nowMs) : point.nowMs;
          const next = advanceRun(scenario, point.run, input, at);
          point = { run: next.state, nowMs: at, step: next.step };
        }
      }
      expect(compared).toBeGreaterThan(20);
    });
  }
});
