import { ChangePasswordBody, LoginBody, SessionView } from '../auth.ts';
import { Ok, route, type RouteSpec } from './spec.ts';

/** The server's health and signing in and out. */
export const SESSION_ROUTES = {
  health: route({ method: 'GET', path: '/api/health', tag: 'server', access: 'public', summary: 'Whether the server answers.', response: Ok }),
  login: route({ method: 'POST', path: '/api/auth/login', tag: 'sign-in', access: 'public', summary: 'Signs in: sets the session cookie and answers the session with its CSRF token.', body: LoginBody, response: SessionView }),
  logout: route({ method: 'POST', path: '/api/auth/logout', tag: 'sign-in', access: 'public', summary: 'Signs out: ends the session and clears its cookie.', response: Ok }),
  changePassword: route({ method: 'POST', path: '/api/auth/password', tag: 'sign-in', access: 'session', summary: 'Sets one\'s own password (the only write a session with a generated password may make).', body: ChangePasswordBody, response: SessionView }),
  me: route({ method: 'GET', path: '/api/auth/me', tag: 'sign-in', access: 'session', summary: 'The signed-in person, their roles and memberships.', response: SessionView }),
} satisfies Record<string, RouteSpec>;
