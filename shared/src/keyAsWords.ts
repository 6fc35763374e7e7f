/**
 * An id read as words, where nothing gives it a title or label: "awaiting_report" -> "Awaiting
 * report"; a dotted path as "A › B". The one fallback server documents and client views share.
 */
export function keyAsWords(key: string): string {
  return key
    .split('.')
    .map((part) => part.replaceAll(/[_-]+/g, ' ').trim().replace(/^\p{Ll}/u, (c) => c.toUpperCase()))
    .join(' › ');
}
