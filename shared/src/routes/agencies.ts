import { z } from 'zod';
import { AgencyBody, AgencyView } from '../planning.ts';
import { Ok, route, type RouteSpec } from './spec.ts';

const AgencyParams = z.object({ agencyId: z.string().min(1).max(64) });

/** The agency directory planners map exercise teams to. */
export const AGENCY_ROUTES = {
  agencies: route({ method: 'GET', path: '/api/agencies', tag: 'agencies', access: 'global-role', summary: 'The agency directory: each agency\'s name, kind, security functions and contacts.', response: z.array(AgencyView) }),
  createAgency: route({ method: 'POST', path: '/api/agencies', tag: 'agencies', access: 'global-role', summary: 'Adds an agency to the directory; its name must be new (AGENCY_NAME_TAKEN).', body: AgencyBody, status: 201, response: AgencyView }),
  updateAgency: route({ method: 'PUT', path: '/api/agencies/:agencyId', tag: 'agencies', access: 'global-role', summary: 'Changes an agency of the directory; its name must stay unique.', params: AgencyParams, body: AgencyBody, response: AgencyView }),
  deleteAgency: route({ method: 'DELETE', path: '/api/agencies/:agencyId', tag: 'agencies', access: 'global-role', summary: 'Removes an agency from the directory, unless anything names it (AGENCY_IN_USE): a team mapping, a person on a roster, or the programme\'s needs, surveys, focal points, trainees or ratings.', params: AgencyParams, response: Ok }),
} satisfies Record<string, RouteSpec>;
