import {
  createActor,
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventObject,
  type ExecutableActionObject,
} from 'xstate';

/** The pure transitions of one machine: the next snapshot and the actions it would execute. */
export interface MachineStepper {
  initial(): [AnyMachineSnapshot, ExecutableActionObject[]];
  transition(snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, ExecutableActionObject[]];
}

const steppers = new WeakMap<AnyStateMachine, MachineStepper>();

/**
 * xstate's pure `transition()` and `initialTransition()`, with one inert actor scope kept per
 * machine. xstate builds a new inert actor on every call, and the actor's constructor computes
 * the machine's initial snapshot: a whole initial state per input, most of the engine's time.
 * Scenario machines invoke and spawn no child actors, and their actions are collected here, never
 * executed, so nothing of a call stays in the scope for the next one.
 */
export function machineStepper(machine: AnyStateMachine): MachineStepper {
  let stepper = steppers.get(machine);
  if (!stepper) steppers.set(machine, (stepper = createStepper(machine)));
  return stepper;
}

function createStepper(machine: AnyStateMachine): MachineStepper {
  // Never started: it only lends the scope a `self` and a `system`, as xstate's inert scope does.
  const self = createActor(machine);
  let collected: ExecutableActionObject[] = [];
  const scope: AnyActorScope = {
    self,
    id: '',
    sessionId: '',
    logger: () => {},
    defer: () => {},
    emit: () => {},
    system: self.system,
    stopChild: () => {},
    actionExecutor: (action) => {
      collected.push(action);
    },
  };
  const collect = (compute: () => AnyMachineSnapshot): [AnyMachineSnapshot, ExecutableActionObject[]] => {
    const actions: ExecutableActionObject[] = (collected = []);
    try {
      return [compute(), actions];
    } finally {
      collected = [];
    }
  };
  return {
    initial: () => collect(() => machine.getInitialSnapshot(scope, undefined) as AnyMachineSnapshot),
    transition: (snapshot, event) => collect(() => machine.transition(snapshot, event, scope) as AnyMachineSnapshot),
  };
}
