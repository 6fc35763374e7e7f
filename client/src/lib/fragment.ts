/** A join code rides in the URL fragment (never sent to the server or its logs): #code=... */
export function fragmentParam(name: string): string | undefined {
  return new URLSearchParams(window.location.hash.slice(1)).get(name) ?? undefined;
}
