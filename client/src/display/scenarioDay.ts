/** A machine state id as people read it: "awaiting_report" -> "Awaiting report", "a.b" -> "A › B". */
export function humanState(state: string): string {
  return state
    .split('.')
    .map((part) => part.replaceAll(/[_-]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase()))
    .join(' › ');
}
