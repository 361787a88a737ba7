import type { z } from 'zod';
import type { ProgramCreate } from '@tuanjian/contracts';
import { programRange, type ProgramTemplate } from '@tuanjian/domain';
import { desc, eq, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, inScopeSql, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, NotFoundError } from '../../http/errors';
import { findOrgInScope } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.table';
import { programs, programTemplates } from './programs.table';

const issuer = alias(orgs, 'issuer');
const scope = alias(orgs, 'scope');

/**
 * A program is visible to those above or inside its scope: the issuing city's staff and every county
 * and township it covers. Everyone else reads "not found".
 */
const visibleTo = (actor: Actor) =>
  or(inScopeSql(actor, scope.path), sql`left(${actor.orgPath}, length(${scope.path})) = ${scope.path}`);

const programSelect = (db: Db) =>
  db.select({ p: programs, templateKey: programTemplates.key, templateHash: programTemplates.sourceHash, issuerName: issuer.name, scopeName: scope.name, scopePath: scope.path, issuerPath: issuer.path })
    .from(programs)
    .innerJoin(programTemplates, eq(programTemplates.id, programs.templateId))
    .innerJoin(issuer, eq(issuer.id, programs.issuerOrgId))
    .innerJoin(scope, eq(scope.id, programs.scopeOrgId));

type Loaded = Awaited<ReturnType<ReturnType<typeof programSelect>['where']>>[number];

export function presentProgram(x: Loaded) {
  return {
    id: x.p.id, templateId: x.p.templateId, templateKey: x.templateKey, name: x.p.name,
    issuerOrgId: x.p.issuerOrgId, issuerOrgName: x.issuerName, scopeOrgId: x.p.scopeOrgId, scopeOrgName: x.scopeName,
    startsOn: x.p.startsOn, endsOn: x.p.endsOn, docNumber: x.p.docNumber, verifiedOnly: x.p.verifiedOnly, version: x.p.version,
  };
}

/**
 * A template version never changes once stored (a new version is a new row), so its parsed definition —
 * tens of kilobytes of JSON that every program route needs — is read once and kept, under the hash of
 * the source it was validated from: the same in every transaction and, in tests, unmistakable between
 * databases that gave two different templates the same id.
 */
const definitions = new Map<string, ProgramTemplate>();
async function templateDefinition(db: Db, templateId: number, sourceHash: string): Promise<ProgramTemplate> {
  const known = definitions.get(sourceHash);
  if (known) return known;
  const row = (await db.select({ definition: programTemplates.definition }).from(programTemplates).where(eq(programTemplates.id, templateId)))[0];
  if (!row) throw new NotFoundError('模板不存在');
  // Shared by every request from now on: frozen, so a caller that sorts or edits it in place fails loudly.
  const def = deepFreeze(row.definition) as ProgramTemplate;
  definitions.set(sourceHash, def);
  return def;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export async function loadProgram(db: Db, actor: Actor, id: number) {
  const row = (await programSelect(db).where(sql`${programs.id} = ${id} AND ${visibleTo(actor)}`))[0];
  if (!row) throw new NotFoundError('专项工作不存在或不在您的范围内');
  // Every route on a program's records, forms, figures and files passes here: that is business data (三权分立).
  authorize(actor, 'org.read');
  return { ...row, template: await templateDefinition(db, row.p.templateId, row.templateHash) };
}

export async function listPrograms(db: Db, actor: Actor) {
  authorize(actor, 'org.read');
  const rows = await programSelect(db).where(visibleTo(actor)).orderBy(desc(programs.startsOn), desc(programs.id));
  return { items: rows.map(presentProgram) };
}

/** Instantiates a template for an issuing committee, a scope (its subtree) and a period. */
export async function createProgram(db: Db, ctx: AuditContext, actor: Actor, input: z.infer<typeof ProgramCreate>): Promise<number> {
  return db.transaction(async (tx) => {
    const template = (await tx.select().from(programTemplates).where(eq(programTemplates.id, input.templateId)))[0];
    if (!template) throw new NotFoundError('模板不存在');
    const issuerOrg = await findOrgInScope(tx, actor, input.issuerOrgId);
    if (!issuerOrg) throw new NotFoundError('发文组织不存在或不在您的管理范围内');
    authorize(actor, 'program.create', issuerOrg.path);
    const scopeOrg = await findOrgInScope(tx, actor, input.scopeOrgId);
    if (!scopeOrg) throw new NotFoundError('实施范围不存在或不在您的管理范围内');
    if (!scopeOrg.path.startsWith(issuerOrg.path)) throw new BadRequestError('实施范围须在发文组织的下级范围内', [{ path: 'body.scopeOrgId', message: '不在发文组织范围内' }]);
    const def = template.definition as ProgramTemplate;
    let startsOn = input.startsOn;
    let endsOn = input.endsOn;
    if (!startsOn || !endsOn) {
      if (!input.year) throw new BadRequestError('请给出年度或起止日期', [{ path: 'body.year', message: '缺少年度' }]);
      const range = programRange(def, input.year);
      startsOn ??= range.start;
      endsOn ??= range.end;
    }
    if (startsOn > endsOn) throw new BadRequestError('开始日期不能晚于结束日期', [{ path: 'body.endsOn', message: '早于开始日期' }]);
    const [row] = await tx.insert(programs).values({
      templateId: template.id, name: input.name ?? def.name, issuerOrgId: issuerOrg.id, scopeOrgId: scopeOrg.id,
      startsOn, endsOn, docNumber: input.docNumber ?? null, planText: input.planText ?? null, verifiedOnly: def.verifiedOnly ?? false, createdBy: actor.userId,
    }).returning();
    await audit(tx, ctx, { action: 'program.create', objectType: 'program', objectId: row!.id, after: row });
    return row!.id;
  });
}
