import { z } from 'zod';
import { inputText } from './text.ts';

/**
 * Roles across the whole centre. An administrator manages people; a planner prepares exercises; the
 * programme manager runs the preparedness programme (needs, plan); a trainer runs courses.
 */
export const GlobalRole = z.enum(['admin', 'planner', 'programme-manager', 'trainer']);
export type GlobalRole = z.infer<typeof GlobalRole>;

/** A person's role in one exercise (a participant is bound to a team). */
export const ExerciseRole = z.enum(['director', 'controller', 'evaluator', 'observer', 'participant']);
export type ExerciseRole = z.infer<typeof ExerciseRole>;
export const EXERCISE_ROLES = ExerciseRole.options;

const id = z.string().min(1).max(64);

export const LoginBody = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(GlobalRole),
  disabled: z.boolean(),
});
export type UserView = z.infer<typeof UserView>;

export const MembershipView = z.object({
  exerciseId: z.string(),
  userId: z.string(),
  role: ExerciseRole,
  teamId: z.string().optional(),
});
export type MembershipView = z.infer<typeof MembershipView>;

/** `GET /api/auth/me` and the login answer: who you are, your roles, the token writes must carry. */
export const SessionView = z.object({
  user: UserView,
  memberships: z.array(MembershipView),
  csrfToken: z.string(),
  /** Present when the password was generated for the person: nothing but setting their own works until they do. */
  passwordChangeRequired: z.literal(true).optional(),
});
export type SessionView = z.infer<typeof SessionView>;

/** Header a cookie-authenticated write must carry, with the session's csrfToken. */
export const CSRF_HEADER = 'x-csrf-token';

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'use 3-64 letters, digits, ".", "_" or "-"');
/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const Password = z.string().min(12, 'use at least 12 characters').max(256);

export const CreateUserBody = z.strictObject({
  username: Username,
  displayName: inputText(120),
  password: Password,
  roles: z.array(GlobalRole).max(4).default([]),
});
export const UpdateUserBody = z.strictObject({
  displayName: inputText(120).optional(),
  password: Password.optional(),
  roles: z.array(GlobalRole).max(4).optional(),
  disabled: z.boolean().optional(),
});
/** `POST /api/auth/password`: a person sets their own password (after a generated one, or any time). */
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: Password,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;
export const MembershipBody = z.strictObject({ role: ExerciseRole, teamId: id.optional() });

export const JoinCodeRole = z.enum(['participant', 'observer']);
export const CreateJoinCodeBody = z.strictObject({
  role: JoinCodeRole,
  teamId: id.optional(),
  /** Default: 7 days. */
  expiresInHours: z.number().int().min(1).max(24 * 90).optional(),
});
export const JoinCodeView = z.object({
  code: z.string(),
  exerciseId: z.string(),
  role: JoinCodeRole,
  teamId: z.string().optional(),
  createdAt: z.number(),
  expiresAt: z.number().optional(),
  revokedAt: z.number().optional(),
});
export type JoinCodeView = z.infer<typeof JoinCodeView>;

/** One line of the audit trail (`GET /api/admin/audit`): who did what to what, and when. */
export const AuditEntry = z.object({
  at: z.number(),
  /** Who: a username, or "system". */
  actor: z.string(),
  action: z.string(),
  target: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
