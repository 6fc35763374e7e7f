import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP relay on a loopback port in front of PostgreSQL, for a node whose network to the database
 * can be cut while its process lives: cut, every byte stops in both directions without a word
 * (as a pulled cable or a firewall that drops), and new connections get no answer; healed, what
 * was held goes through, as a link that comes back does.
 */
export interface CuttableLink {
  /** The database URL through the link. */
  url: string;
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  server: Socket | undefined;
}

export async function cuttableLink(databaseUrl: string): Promise<CuttableLink> {
  const target = new URL(databaseUrl);
  const pairs = new Set<Pair>();
  let isCut = false;

  const join = (pair: Pair) => {
    const server = (pair.server ??= connect(Number(target.port), target.hostname));
    server.on('error', () => pair.client.destroy());
    server.on('close', () => pair.client.destroy());
    pair.client.pipe(server);
    server.pipe(pair.client);
  };
  const hold = (pair: Pair) => {
    pair.client.unpipe();
    pair.client.pause();
    if (!pair.server) return;
    pair.server.unpipe();
    pair.server.pause();
  };

  const relay = createServer((client) => {
    const pair: Pair = { client, server: undefined };
    pairs.add(pair);
    client.on('error', () => pair.server?.destroy());
    client.on('close', () => {
      pair.server?.destroy();
      pairs.delete(pair);
    });
    if (isCut) client.pause();
    else join(pair);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const url = new URL(databaseUrl);
  url.port = String((relay.address() as { port: number }).port);

  return {
    url: url.toString(),
    cut() {
      isCut = true;
      for (const pair of pairs) hold(pair);
    },
    heal() {
      isCut = false;
      for (const pair of pairs) join(pair);
    },
    close: () =>
      new Promise((resolve) => {
        for (const pair of pairs) {
          pair.client.destroy();
          pair.server?.destroy();
        }
        relay.close(() => resolve());
      }),
  };
}
