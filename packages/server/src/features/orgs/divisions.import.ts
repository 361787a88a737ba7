import { pathFor } from '@tuanjian/domain';
import { auditRaw, type AuditContext } from '../../audit/audit';
import type { Database } from '../../db/client';
import { buildDeferredIndexes, deferIndexBuilds, deferrableIndexes, type Restore } from '../../db/deferred-indexes';
import { bulkInsertOrgs, reserveOrgIds, type NewOrg } from './orgs.bulk';
import { committeeFor } from './divisions.naming';
import { loadDivisions } from './divisions.source';

export const ROOT_ORG_ID = 1;

export interface DivisionImportResult {
  divisions: number;
  created: number;
  updated: number;
  seconds: number;
}

type Progress = (phase: string, done: number, total: number) => void;

/**
 * Builds (or refreshes) the committee tree for the given division codes. Committees are keyed by their
 * division code, so running it again renames what changed and adds what is new, never duplicating.
 */
export async function importDivisions(database: Database, ctx: AuditContext, codes: string[], onProgress?: Progress, opts: { deferIndexesFrom?: number } = {}): Promise<DivisionImportResult> {
  const started = Date.now();
  onProgress?.('读取行政区划', 0, 1);
  const divisions = await loadDivisions(codes);
  onProgress?.('读取行政区划', 1, 1);
  const result = await database.transaction(async (q) => {
    // Name indexes are GIN: a large pending list lets them absorb the bulk insert and merge once.
    await q.query("SET LOCAL gin_pending_list_limit = '256MB'");
    const root = (await q.query<{ path: string; depth: number }>('SELECT path, depth FROM orgs WHERE id = $1', [ROOT_ORG_ID]))[0];
    if (!root) throw new Error('root org missing: run migrations first');
    const existing = new Map<string, { id: number; path: string; depth: number; name: string }>();
    // An almost empty tree is read whole rather than sent 665k codes to match.
    const firstImport = (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT 1 FROM orgs LIMIT $1) s', [FIRST_IMPORT_MAX_EXISTING + 1]))[0]!.n
      <= FIRST_IMPORT_MAX_EXISTING;
    const rows = await q.query<{ id: number; code: string; path: string; depth: number; name: string }>(
      `SELECT id, code, path, depth, name FROM orgs ${firstImport ? '' : 'WHERE code = ANY($1::text[])'}`, firstImport ? [] : [divisions.map((d) => d.code)]);
    for (const r of rows) existing.set(r.code, r);

    const fresh = divisions.filter((d) => !existing.has(d.code));
    const ids = await reserveOrgIds(q, fresh.length);
    const provinceNames = new Map(divisions.filter((d) => d.level === 'province').map((d) => [d.code, d.name]));
    const placed = new Map<string, { id: number; path: string; depth: number }>(existing);
    const toInsert: NewOrg[] = [];
    const renames: { id: number; name: string }[] = [];
    let next = 0;
    for (const d of divisions) {
      const c = committeeFor(d, provinceNames.get(d.code.slice(0, 2)));
      const known = existing.get(d.code);
      if (known) {
        if (known.name !== c.name) renames.push({ id: known.id, name: c.name });
        continue;
      }
      const parent = d.parentCode ? placed.get(d.parentCode) : { id: ROOT_ORG_ID, ...root };
      if (!parent) continue; // the division list has a few orphans; a unit without a parent cannot be placed
      const id = ids[next++]!;
      const path = pathFor(parent.path, id);
      placed.set(d.code, { id, path, depth: parent.depth + 1 });
      toInsert.push({
        id, parentId: parent.id, path, depth: parent.depth + 1, code: d.code, name: c.name, kind: c.kind, sector: c.sector,
        level: d.level, status: 'founded', divisionCode: d.code, foundedOn: null, memberCount: null,
      });
    }
    // A first national import drops the indexes and foreign keys of the org tables and restores them after
    // the rows. Inside this transaction: a failure restores them, and a rebuilt unique index or re-added
    // foreign key checks every row. The plain indexes (name search, parent, level…) check nothing and are
    // left for after the commit, where they are built two at a time; the import returns once they exist.
    let rebuild: Restore[] = [];
    if (firstImport && toInsert.length >= (opts.deferIndexesFrom ?? FIRST_IMPORT_MIN_NEW)) {
      const deferred = await deferrableIndexes(q, ['orgs', 'org_paths'], { foreignKeys: true });
      for (const s of deferred.drop) await q.query(s);
      rebuild = deferred.restore.filter((r) => !r.plain);
      await deferIndexBuilds(q, deferred.restore.filter((r) => r.plain));
    }
    await bulkInsertOrgs(q, toInsert, (done) => onProgress?.('写入组织', done, toInsert.length));
    if (rebuild.length) onProgress?.('建立索引', 0, rebuild.length);
    for (const [i, r] of rebuild.entries()) {
      await q.query(r.sql);
      onProgress?.('建立索引', i + 1, rebuild.length);
    }
    for (const r of renames) await q.query('UPDATE orgs SET name = $2, version = version + 1, updated_at = now() WHERE id = $1', [r.id, r.name]);
    await auditRaw(q, ctx, {
      action: 'org.import_divisions', objectType: 'org_import', objectId: codes.join(',') || 'national',
      after: { codes, created: toInsert.length, updated: renames.length },
    });
    return { divisions: divisions.length, created: toInsert.length, updated: renames.length };
  });
  await buildDeferredIndexes(database, (done, total) => onProgress?.('建立查询索引', done, total));
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

/** Below this many existing orgs, a large import is the tree's first and nobody is reading it yet. */
const FIRST_IMPORT_MAX_EXISTING = 1_000;
const FIRST_IMPORT_MIN_NEW = 100_000;
