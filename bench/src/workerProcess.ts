import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The calls a worker module answers: each takes one argument and returns (a promise of) a value. */
export type Handlers = Record<string, (args: any) => unknown>;

interface Request {
  id: number;
  type: string;
  args: unknown;
}

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

const TSX = import.meta.resolve('tsx');

/**
 * A load generator or baseline server in a process of its own, driven over IPC: the bench
 * process orchestrates, these generate the load, so that load and measurement do not share an
 * event loop with each other.
 */
export class WorkerProcess<H extends Handlers> {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();

  private constructor(readonly child: ChildProcess, readonly name: string) {
    child.on('message', (message: Reply) => {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`${name}: ${message.error}`));
    });
    child.on('exit', (code, signal) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`${name} exited (${code ?? signal})`));
      this.waiting.clear();
    });
  }

  /** Starts `module` (a file next to this one, e.g. `workers/participants.ts`). */
  static start<H extends Handlers>(module: string, name: string, execArgv: string[] = []): WorkerProcess<H> {
    const file = fileURLToPath(new URL(module, import.meta.url));
    const child = fork(file, [], { execArgv: ['--import', TSX, ...execArgv], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new WorkerProcess<H>(child, name);
  }

  call<K extends keyof H & string>(type: K, args?: Parameters<H[K]>[0]): Promise<Awaited<ReturnType<H[K]>>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ id, type, args } satisfies Request);
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}

/** The worker side: answers each request with its handler's result, one reply per request. */
export function serveWorker(handlers: Handlers): void {
  process.on('message', (request: Request) => {
    const handler = handlers[request.type];
    void (async () => {
      try {
        if (!handler) throw new Error(`no handler "${request.type}"`);
        const result = await handler(request.args);
        process.send!({ id: request.id, ok: true, result } satisfies Reply);
      } catch (error) {
        process.send!({ id: request.id, ok: false, error: (error as Error).stack ?? String(error) } satisfies Reply);
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
}

/** Resident set size of a process, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux, 100 ticks a second). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat; [1] above starts at field 3.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
