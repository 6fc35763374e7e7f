import type { CapabilityView } from '@startex/shared';

export interface AgencyName {
  id: string;
  name: string;
}

/** People read names: an agency or capability id shows as its name (or as itself, if it is gone). */
export function namer(agencies: readonly AgencyName[] | undefined, capabilities: readonly CapabilityView[] | undefined) {
  const agency = new Map((agencies ?? []).map((a) => [a.id, a.name]));
  const capability = new Map((capabilities ?? []).map((c) => [c.id, c.name]));
  return {
    agency: (id: string) => agency.get(id) ?? id,
    capability: (id: string) => capability.get(id) ?? id,
  };
}

export type Names = ReturnType<typeof namer>;

/** A need's subject: its capability, or the competence in the agency's words. */
export const subjectOf = (names: Names, need: { capabilityId?: string | undefined; competence?: string | undefined }) =>
  need.capabilityId ? names.capability(need.capabilityId) : (need.competence ?? '');
