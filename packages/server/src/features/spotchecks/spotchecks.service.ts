/**
 * Spot checks (抽查, S3.7, S3.8, S4.8): each month the level above draws N branches (or records) per
 * county under its scope with a seeded, stratified sample, visits them and records what it found
 * with the template's check items. The seed and the tree as it stood that month reproduce the draw,
 * so a county can verify that nobody picked its weak branches by hand.
 */
import type { z } from 'zod';
import type { SpotCheckDraw, SpotCheckFinding } from '@tuanjian/contracts';
import { drawSample, type Drawn, type SampleCandidate } from '@tuanjian/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, inScope, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, NotFoundError } from '../../http/errors';
import { findOrgInScope } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.table';
import { loadProgram } from '../programs/programs.service';
import { records } from '../programs/programs.table';
import { createRecord } from '../programs/records.service';
import { spotCheckFindings, spotCheckSamples, type SpotCheckSampleRow } from './spotchecks.table';

type Draw = z.infer<typeof SpotCheckDraw>;
interface Candidate extends SampleCandidate { name: string }

function monthRange(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** County-level orgs under the scope, to stratify by; a scope at county level or below is one stratum. */
async function strataOf(db: Db, scope: { id: number; path: string; name: string }) {
  const counties = await db.select({ id: orgs.id, name: orgs.name }).from(orgs)
    .where(sql`${orgs.level} = 'county' AND ${orgs.path} >= ${scope.path} AND ${orgs.path} < left(${scope.path}, -1) || '0'`);
  const byId = new Map(counties.map((c) => [String(c.id), c.name]));
  const stratumOf = (path: string) => path.split('/').filter(Boolean).find((seg) => byId.has(seg)) ?? String(scope.id);
  const nameOf = (id: string) => byId.get(id) ?? scope.name;
  return { stratumOf, nameOf };
}

/** Branches that existed under the scope during the month, placed where the tree stood then. */
async function branchPopulation(db: Db, scope: { id: number; path: string; name: string }, month: string): Promise<Candidate[]> {
  const { start, end } = monthRange(month);
  const rows = rowsOf<{ id: number; name: string; path: string }>(await db.execute(sql`
    WITH root AS (SELECT path FROM org_paths WHERE org_id = ${scope.id} AND valid_from <= ${end} AND (valid_to IS NULL OR valid_to > ${start}))
    SELECT DISTINCT ON (o.id) o.id, o.name, p.path
    FROM org_paths p JOIN root r ON p.path >= r.path AND p.path < left(r.path, -1) || '0'
    JOIN orgs o ON o.id = p.org_id
    WHERE p.valid_from <= ${end} AND (p.valid_to IS NULL OR p.valid_to > ${start}) AND o.kind = 'branch'
      AND (o.founded_on IS NULL OR o.founded_on <= ${end}) AND (o.dissolved_on IS NULL OR o.dissolved_on >= ${start})
    ORDER BY o.id, p.valid_from DESC`));
  const { stratumOf } = await strataOf(db, scope);
  return rows.map((r) => ({ id: String(r.id), name: r.name, stratum: stratumOf(r.path) }));
}

/** Records of the month that counted when the sample was drawn; later entries cannot shift a past draw. */
async function recordPopulation(db: Db, programId: number, scope: { id: number; path: string; name: string }, month: string, drawnAt: Date): Promise<Candidate[]> {
  const { start, end } = monthRange(month);
  const rows = await db.select({ id: records.id, kind: records.kind, occurredOn: records.occurredOn, name: orgs.name, path: orgs.path }).from(records)
    .innerJoin(orgs, eq(orgs.id, records.orgId))
    .where(sql`${records.programId} = ${programId} AND ${records.occurredOn} BETWEEN ${start} AND ${end}
      AND ${records.status} IN ('submitted', 'verified', 'superseded') AND ${records.createdAt} <= ${drawnAt.toISOString()}
      AND ${orgs.path} >= ${scope.path} AND ${orgs.path} < left(${scope.path}, -1) || '0'`);
  const { stratumOf } = await strataOf(db, scope);
  return rows.map((r) => ({ id: String(r.id), name: `${r.name} ${r.occurredOn}`, stratum: stratumOf(r.path) }));
}

async function population(db: Db, row: Pick<SpotCheckSampleRow, 'programId' | 'target' | 'month'>, scope: { id: number; path: string; name: string }, drawnAt: Date) {
  return row.target === 'branch' ? branchPopulation(db, scope, row.month) : recordPopulation(db, row.programId, scope, row.month, drawnAt);
}

export async function drawSpotCheck(db: Db, ctx: AuditContext, actor: Actor, programId: number, input: Draw): Promise<number> {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, actor, programId);
    const scope = await findOrgInScope(tx, actor, input.scopeOrgId);
    if (!scope) throw new NotFoundError('抽查范围不存在或不在您的管理范围内');
    authorize(actor, 'record.verify', scope.path);
    if (!scope.path.startsWith(program.scopePath)) throw new BadRequestError('抽查范围须在本专项工作的实施范围内', [{ path: 'body.scopeOrgId', message: '不在实施范围内' }]);
    const kind = program.template.recordKinds.find((k) => k.id === input.recordKind);
    if (!kind) throw new BadRequestError(`本专项工作没有“${input.recordKind}”这类记录`, [{ path: 'body.recordKind', message: '记录类型不存在' }]);
    const { start, end } = monthRange(input.month);
    if (end < program.p.startsOn || start > program.p.endsOn) throw new BadRequestError('月份不在专项工作期间', [{ path: 'body.month', message: '不在工作期间' }]);
    const drawnAt = ctx.now();
    const seed = input.seed ?? `${programId}/${scope.id}/${input.month}/${input.target}`;
    const items = await population(tx, { programId, target: input.target, month: input.month }, scope, drawnAt);
    if (items.length === 0) throw new BadRequestError(input.target === 'branch' ? '该范围内当月没有团支部可抽查' : '该范围内当月没有记录可抽查');
    const drawn = drawSample({ seed, items, perStratum: input.perStratum }).map((d) => ({ id: d.id, stratum: d.stratum, rank: d.rank }));
    const [row] = await tx.insert(spotCheckSamples).values({
      programId, scopeOrgId: scope.id, month: input.month, target: input.target, recordKind: kind.id, seed, perStratum: input.perStratum,
      populationCount: items.length, drawn, drawnAt, createdBy: actor.userId,
    }).returning();
    await audit(tx, ctx, { action: 'spot_check.draw', objectType: 'spot_check_sample', objectId: row!.id, after: row });
    return row!.id;
  });
}

/** The sample if the reader may see it: those who drew it and those above, or a county seeing its own drawn items. */
async function loadSample(db: Db, actor: Actor, id: number) {
  const row = (await db.select({ s: spotCheckSamples, path: orgs.path, name: orgs.name }).from(spotCheckSamples)
    .innerJoin(orgs, eq(orgs.id, spotCheckSamples.scopeOrgId)).where(eq(spotCheckSamples.id, id)))[0];
  if (!row) throw new NotFoundError('抽查不存在');
  await loadProgram(db, actor, row.s.programId);
  if (!inScope(actor, row.path) && !actor.orgPath.startsWith(row.path)) throw new NotFoundError('抽查不存在');
  return { sample: row.s, scope: { id: row.s.scopeOrgId, path: row.path, name: row.name } };
}

export async function presentSample(db: Db, actor: Actor, id: number) {
  const { sample, scope } = await loadSample(db, actor, id);
  const drawn = sample.drawn as Drawn<{ id: string; stratum: string }>[];
  const ids = drawn.map((d) => Number(d.id));
  const names = new Map<string, { name: string; path: string }>();
  if (ids.length) {
    const rows = sample.target === 'branch'
      ? await db.select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs).where(inArray(orgs.id, ids))
      : await db.select({ id: records.id, name: sql<string>`${orgs.name} || ' ' || ${records.occurredOn}`, path: orgs.path }).from(records).innerJoin(orgs, eq(orgs.id, records.orgId)).where(inArray(records.id, ids));
    for (const r of rows) names.set(String(r.id), { name: r.name, path: r.path });
  }
  const findings = new Map((await db.select().from(spotCheckFindings).where(eq(spotCheckFindings.sampleId, id))).map((f) => [f.itemId, f.recordId]));
  const { nameOf } = await strataOf(db, scope);
  // A county below the scope sees the items drawn in its own subtree only.
  const visible = drawn.filter((d) => inScope(actor, scope.path) || inScope(actor, names.get(d.id)?.path ?? ''));
  return {
    id: sample.id, programId: sample.programId, scopeOrgId: sample.scopeOrgId, scopeOrgName: scope.name, month: sample.month,
    target: sample.target as 'branch' | 'record', recordKind: sample.recordKind, seed: sample.seed, perStratum: sample.perStratum,
    populationCount: sample.populationCount, drawnAt: sample.drawnAt.toISOString(),
    items: visible.map((d) => ({ id: d.id, name: names.get(d.id)?.name ?? '（已删除）', stratumId: d.stratum, stratumName: nameOf(d.stratum), rank: d.rank, findingRecordId: findings.get(d.id) ?? null })),
  };
}

export async function listSamples(db: Db, actor: Actor, programId: number) {
  const program = await loadProgram(db, actor, programId);
  const rows = await db.select({ s: spotCheckSamples, path: orgs.path, name: orgs.name, checked: sql<number>`(SELECT count(*)::int FROM spot_check_findings f WHERE f.sample_id = ${spotCheckSamples.id})` })
    .from(spotCheckSamples).innerJoin(orgs, eq(orgs.id, spotCheckSamples.scopeOrgId))
    .where(eq(spotCheckSamples.programId, program.p.id)).orderBy(asc(spotCheckSamples.month), asc(spotCheckSamples.id));
  return {
    items: rows.filter((r) => inScope(actor, r.path) || actor.orgPath.startsWith(r.path)).map(({ s, name, checked }) => ({
      id: s.id, programId: s.programId, scopeOrgId: s.scopeOrgId, scopeOrgName: name, month: s.month, target: s.target as 'branch' | 'record',
      recordKind: s.recordKind, seed: s.seed, perStratum: s.perStratum, populationCount: s.populationCount, drawnAt: s.drawnAt.toISOString(),
      drawn: (s.drawn as unknown[]).length, checked,
    })),
  };
}

/** Draws again from the tree (or the records) as they stood, and says whether the stored sample is what the seed gives. */
export async function redrawSample(db: Db, actor: Actor, id: number) {
  const { sample, scope } = await loadSample(db, actor, id);
  const items = await population(db, sample, scope, sample.drawnAt);
  const again = drawSample({ seed: sample.seed, items, perStratum: sample.perStratum }).map((d) => d.id);
  const stored = (sample.drawn as Array<{ id: string }>).map((d) => d.id);
  return { matches: again.length === stored.length && again.every((x, i) => x === stored[i]), populationCount: items.length, drawnIds: again };
}

/** Records the finding on one drawn item as a record of the sample's kind, linked to the item. */
export async function recordFinding(db: Db, ctx: AuditContext, actor: Actor, id: number, itemId: string, input: z.infer<typeof SpotCheckFinding>) {
  const { sample, scope } = await loadSample(db, actor, id);
  authorize(actor, 'record.verify', scope.path);
  if (!(sample.drawn as Array<{ id: string }>).some((d) => d.id === itemId)) throw new BadRequestError('该对象不在本次抽查样本中', [{ path: 'params.itemId', message: '不在样本中' }]);
  const done = await db.select().from(spotCheckFindings).where(and(eq(spotCheckFindings.sampleId, id), eq(spotCheckFindings.itemId, itemId)));
  if (done.length) throw new BadRequestError('该对象已记录抽查结果', [{ path: 'params.itemId', message: '已记录' }]);
  return db.transaction(async (tx) => {
    const recordId = await createRecord(tx, ctx, actor, sample.programId, { ...input, kind: sample.recordKind });
    await tx.insert(spotCheckFindings).values({ sampleId: id, itemId, recordId });
    await audit(tx, ctx, { action: 'spot_check.finding', objectType: 'spot_check_sample', objectId: id, after: { itemId, recordId } });
    return recordId;
  });
}
