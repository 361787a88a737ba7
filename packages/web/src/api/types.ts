import type {
  AuditEntry, AuditPage, AuditQuery, AuditVerifyResult, ImportMapping, ImportRowError, OrgEvent, OrgMerge, OrgMove, OrgDissolve, OrgFound,
  OrgPage, User, UserCreate, UserPage, UserUpdate,
} from '@tuanjian/contracts';

/** The parsed (output) type of a contracts schema, without importing zod into the web bundle. */
type Infer<S> = S extends { _output: infer O } ? O : never;

export type OrgPage = Infer<typeof OrgPage>;
export type OrgEvent = Infer<typeof OrgEvent>;
export type OrgMove = Infer<typeof OrgMove>;
export type OrgDissolve = Infer<typeof OrgDissolve>;
export type OrgMerge = Infer<typeof OrgMerge>;
export type OrgFound = Infer<typeof OrgFound>;
export type ImportMapping = Infer<typeof ImportMapping>;
export type ImportRowError = Infer<typeof ImportRowError>;
export type User = Infer<typeof User>;
export type UserPage = Infer<typeof UserPage>;
export type UserCreate = Infer<typeof UserCreate>;
export type UserUpdate = Infer<typeof UserUpdate>;
export type AuditEntry = Infer<typeof AuditEntry>;
export type AuditPage = Infer<typeof AuditPage>;
export type AuditQuery = { [K in keyof Infer<typeof AuditQuery>]?: Infer<typeof AuditQuery>[K] };
export type AuditVerifyResult = Infer<typeof AuditVerifyResult>;
