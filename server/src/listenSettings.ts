import { readFileSync } from 'node:fs';

/** A certificate and its private key (PEM) for serving HTTPS without a proxy. */
export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/**
 * STARTEX_TLS_CERT and STARTEX_TLS_KEY: both paths, or neither. A start with one of them, or with a
 * file it cannot read, stops with a message that says which.
 */
export function tlsFromSettings(certPath: string | undefined, keyPath: string | undefined): TlsFiles | undefined {
  if (!certPath && !keyPath) return undefined;
  if (!certPath || !keyPath) throw new Error('Set both STARTEX_TLS_CERT and STARTEX_TLS_KEY (the certificate and its key, PEM files), or neither.');
  const read = (variable: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, { cause: error });
    }
  };
  return { cert: read('STARTEX_TLS_CERT', certPath), key: read('STARTEX_TLS_KEY', keyPath) };
}

/**
 * STARTEX_PUBLIC_URL: the address people and tablets reach StartEx at (e.g. https://startex.venue.lan:3000),
 * printed on QR sheets and briefings instead of the address a planner's browser used. Origin only, no slash at the end.
 */
export function publicUrlFromSetting(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`STARTEX_PUBLIC_URL: "${value}" is not a URL; write it as https://host:port.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`STARTEX_PUBLIC_URL: use an http:// or https:// address, not ${url.protocol}.`);
  if (url.pathname !== '/' || url.search || url.hash) throw new Error('STARTEX_PUBLIC_URL: give the address only (scheme, host, port), without a path.');
  return url.origin;
}
