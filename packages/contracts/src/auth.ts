import { z } from 'zod';
import { Id, PageQuery, page } from './common';

/**
 * 三权分立 (等保2.0): the system administrator runs the work, the security administrator the accounts,
 * the audit administrator the audit log — three people, none able to do another's part.
 */
export const ROLES = ['administrator', 'security_admin', 'audit_admin', 'manager', 'reporter', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * `org.tree` is the tree's skeleton alone (names, codes, kinds, parents: roots, children, search) — what placing an
 * account needs; `org.read` is the business behind it (org details with leaders, people, programs, records, forms,
 * evidence, figures).
 */
export const ACTIONS = [
  'org.tree', 'org.read', 'org.create', 'org.update', 'org.restructure', 'org.import', 'org.export',
  'user.read', 'user.manage', 'audit.read', 'mobile.view',
  'template.manage', 'program.create', 'nomination.create', 'nomination.decide', 'record.create', 'record.verify',
  'target.manage', 'task.update', 'form.submit', 'form.approve', 'assessment.adjust',
] as const;
export const Action = z.enum(ACTIONS);
export type Action = z.infer<typeof Action>;

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const SessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  orgId: z.number().int(),
  orgName: z.string(),
});
export const SessionInfo = z.object({
  user: SessionUser,
  csrfToken: z.string(),
  abilities: z.array(Action),
  idleTimeoutSeconds: z.number().int(),
  /** The account has a confirmed TOTP second factor. */
  totpEnabled: z.boolean(),
  /** An administrator without one: every route but enrolment answers 403 until it is confirmed. */
  mustEnrolTotp: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** The password was right; the session is created by POST /api/auth/login/totp with this token and a code. */
export const SecondFactorChallenge = z.object({
  secondFactor: z.literal('totp'),
  pendingToken: z.string(),
  expiresInSeconds: z.number().int(),
});
export type SecondFactorChallenge = z.infer<typeof SecondFactorChallenge>;
export const LoginAnswer = z.union([SessionInfo, SecondFactorChallenge]);
export type LoginAnswer = z.infer<typeof LoginAnswer>;

const TotpCode = z.string().trim().regex(/^\d{6}$/, { error: '动态口令应为 6 位数字' });
export const TotpLoginBody = z.object({ pendingToken: z.string().min(1).max(128), code: TotpCode });
export const TotpConfirmBody = z.object({ code: TotpCode });
export const TotpSetup = z.object({
  /** otpauth://totp/… for the QR code an authenticator app scans. */
  uri: z.string(),
  /** The same secret in base32, for typing in by hand. */
  secret: z.string(),
});
export type TotpSetup = z.infer<typeof TotpSetup>;

export const PasswordChange = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  orgId: z.number().int(),
  orgName: z.string(),
  mobile: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  totpEnabled: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
});
export const UserCreate = z.object({
  username: z.string().trim().min(3).max(64).regex(/^[A-Za-z0-9_.@-]+$/, { error: '用户名只能包含字母、数字和 _ . @ -' }),
  displayName: z.string().trim().min(1).max(50),
  role: Role,
  orgId: Id,
  mobile: z.string().trim().regex(/^1\d{10}$/, { error: '手机号应为 11 位数字' }).nullable().optional(),
  password: z.string().min(1).max(256),
});
export const UserUpdate = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  role: Role.optional(),
  orgId: Id.optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(1).max(256).optional(),
  /** A lost phone: the user enrols a new TOTP secret at the next sign-in. */
  resetTotp: z.literal(true).optional(),
  version: z.number().int().min(0),
});
export const UserListQuery = PageQuery.extend({ q: z.string().trim().max(50).optional() });
export const UserPage = page(User);
