import { Counter, Gauge, Histogram, Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * What a node tells Prometheus (GET /metrics): a registry of its own per node, so that several
 * apps in one process (tests) do not share counters.
 */
export class ClusterMetrics {
  readonly registry = new Registry();
  /** Inputs this node committed as owner (received here or forwarded by another node), by who gave them; `system` is the timers. */
  readonly inputs = new Counter({ name: 'startex_inputs_total', help: 'Inputs committed by this node as owner, by actor kind.', labelNames: ['actor'] as const, registers: [this.registry] });
  readonly forwarded = new Counter({
    name: 'startex_forwarded_inputs_total',
    help: 'Inputs received here and sent to the owning node, by outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly commitSeconds = new Histogram({
    name: 'startex_commit_seconds',
    help: 'From an owner handing a batch of log entries to the database to its durable commit.',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly fanOutSeconds = new Histogram({
    name: 'startex_fanout_seconds',
    help: "From the owner's commit to this node receiving the entries for its sockets and feeds (clocks of both nodes).",
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly timerLateness = new Histogram({
    name: 'startex_timer_lateness_exercise_seconds',
    help: 'How late (exercise time) a scenario timer fired on this node after it was due.',
    buckets: [0, 0.5, 1, 5, 15, 60, 300, 1800],
    registers: [this.registry],
  });
  readonly ownerChanges = new Counter({ name: 'startex_owner_changes_total', help: 'Exercises this node took over or gave up.', labelNames: ['change'] as const, registers: [this.registry] });
  readonly fencedAppends = new Counter({
    name: 'startex_fenced_appends_total',
    help: 'Appends refused because another node had taken the exercise over (this node was a stale owner).',
    registers: [this.registry],
  });

  constructor(sources: { connections(): number; owned(): number }) {
    new Gauge({ name: 'startex_connections', help: 'socket.io connections to this node.', registers: [this.registry], collect() { this.set(sources.connections()); } });
    new Gauge({ name: 'startex_owned_exercises', help: 'Exercises this node owns now.', registers: [this.registry], collect() { this.set(sources.owned()); } });
  }
}
