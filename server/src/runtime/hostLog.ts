/** Where the hosts report errors nobody waits for (a timer's commit, a listener): fastify's logger fits. */
export interface HostLog {
  error(details: { err: unknown; exerciseId: string }, message: string): void;
}

/** Without a logger given (tools, some tests): the error with its stack on stderr. */
export const stderrLog: HostLog = { error: (details, message) => console.error(message, details) };
