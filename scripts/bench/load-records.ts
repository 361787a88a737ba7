/**
 * Step 1b: a synthetic but plausible year. Every built-in template runs as a program over the scale's
 * root; the S0 pairing program has its holders and pairings in every county and the monthly meetings,
 * joint activities and quarterly exchanges they file; the rest of the records fall on the counties by a
 * lognormal weight (a few counties file far more than most), on the kinds of each template, with
 * seasonal dates, partners, quantities and verification states — all from one seed.
 */
import type { ProgramTemplate, TemplateRecordKind } from '@tuanjian/domain';
import type { Database, Queryable } from '../../packages/server/src/db/client';
import { createProgram } from '../../packages/server/src/features/programs/programs.service';
import { SYSTEM_ACTOR, systemContext } from '../../packages/server/src/system-actor';
import { BatchWriter, withIndexesDeferred } from './bulk';
import type { Report } from './report';
import { int, pick, rng, weighted, type Rand } from './rng';
import type { County, Node, Tree } from './load-tree';

export interface Program { id: number; key: string; startsOn: string; endsOn: string; kinds: TemplateRecordKind[] }
export interface Holders { county: County; town: Node; demoVillage: Node; cobuild: Node }
export interface Loaded {
  programs: Program[];
  s0: Program;
  holders: Holders[];
  /** The county that files the most records and has S0 holders: the worst case for county queries. */
  busy: Holders;
  records: number;
}

const ctx = systemContext('bench');
const BATCH = 20_000;
/** Share of the random records per template, and the kinds that carry most of S0's volume. */
const PROGRAM_SHARE: Record<string, number> = { 's0-meizhou-pairing': 0.45, 's1-huaihua-assistance': 0.15, 's2-luohe-vital': 0.15, 's3-guangdong-stationing': 0.15, 's4-quanzhou-big-committee': 0.1 };
const HEAVY_KINDS: Record<string, number> = { joint_activity: 6, work_meeting: 6, study_exchange: 3, lecture_tour: 3, grassroots_visit: 5, stationing_day: 5, org_founding: 4 };
/** Fewer records around the Spring Festival, more in May (五四) and at the year's end. */
const MONTH_WEIGHT = [0.8, 0.5, 1, 1, 1.4, 1, 0.9, 0.8, 1, 1.1, 1, 1.2];
const STATUS = ['verified', 'submitted', 'draft', 'returned'] as const;
const statusOf = weighted([0.52, 0.4, 0.04, 0.04]);

/** Columns of the records being written, flushed as one unnest INSERT per batch. */
class RecordSink {
  private cols = this.empty();
  written = 0;
  /** Rows handed in so far, written or still buffered. */
  added = 0;
  private empty() {
    return { program: [] as number[], kind: [] as string[], org: [] as number[], date: [] as string[], people: [] as (number | null)[], amount: [] as (number | null)[], days: [] as (number | null)[], partners: [] as string[], fields: [] as string[], status: [] as string[] };
  }
  async add(programId: number, kind: string, orgId: number, date: string, q: { people?: number | null; amount?: number | null; days?: number | null }, partners: number[], fields: Record<string, unknown>, status: string) {
    const c = this.cols;
    this.added++;
    c.program.push(programId); c.kind.push(kind); c.org.push(orgId); c.date.push(date);
    c.people.push(q.people ?? null); c.amount.push(q.amount ?? null); c.days.push(q.days ?? null);
    c.partners.push(`{${partners.join(',')}}`); c.fields.push(JSON.stringify(fields)); c.status.push(status);
    if (c.program.length >= BATCH) await this.flush();
  }
  private writer: BatchWriter;
  constructor(database: Database, private report: Report, private total: number) {
    this.writer = new BatchWriter(database, database.engine === 'postgres' ? 2 : 1);
  }
  get dbWaitMs() { return this.writer.waitMs; }
  async flush() {
    const c = this.cols;
    if (c.program.length === 0) return;
    this.cols = this.empty();
    await this.writer.submit((q) => insertRecords(q, c), () => {
      this.written += c.program.length;
      this.report.progress(`  records ${this.written}/${this.total}`);
    });
  }
  async finish() {
    await this.flush();
    await this.writer.drain();
  }
}

async function insertRecords(q: Queryable, c: ReturnType<RecordSink['empty']>) {
  await q.query(
    // Triggers are off in a bulk batch (session_replication_role), so the batch copies the org's path itself.
    `INSERT INTO records (program_id, kind, org_id, org_path, occurred_on, people_reached, amount, days, partner_org_ids, fields, status)
     SELECT p, k, o, orgs.path, d, pr, a, dy, pa::int[], f::jsonb, s
     FROM unnest($1::int[], $2::text[], $3::int[], $4::date[], $5::int[], $6::numeric[], $7::numeric[], $8::text[], $9::text[], $10::text[])
       AS t(p, k, o, d, pr, a, dy, pa, f, s) JOIN orgs ON orgs.id = t.o`,
    [c.program, c.kind, c.org, c.date, c.people, c.amount, c.days, c.partners, c.fields, c.status],
  );
}

/** A value for each required field, so a record reads like one a person filed. */
function fieldsFor(kind: TemplateRecordKind, rand: Rand, n: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of kind.fields) {
    if (!f.required) continue;
    const field = f as { id: string; type: string; options?: string[] };
    out[field.id] = field.options?.length ? pick(rand, field.options) : field.type === 'number' ? int(rand, 1, 20) : `${kind.name}第${n}次`;
  }
  return out;
}

function quantities(kind: TemplateRecordKind, rand: Rand) {
  const has = new Set(kind.quantities ?? []);
  return {
    people: has.has('peopleReached') ? int(rand, 8, 200) : null,
    amount: has.has('amount') ? int(rand, 10, 500) * 100 : null,
    days: has.has('days') ? int(rand, 1, 3) : null,
  };
}

function dateIn(rand: Rand, p: Program, monthOf: (r: Rand) => number): string {
  const year = Number(p.startsOn.slice(0, 4));
  for (;;) {
    const m = monthOf(rand);
    const d = new Date(Date.UTC(year, m, int(rand, 1, 28))).toISOString().slice(0, 10);
    if (d >= p.startsOn && d <= p.endsOn) return d;
  }
}

export async function loadRecords(database: Database, tree: Tree, total: number, year: number, seed: number, report: Report): Promise<Loaded> {
  const rand = rng(seed + 1);
  const programs = await createPrograms(database, tree.root.id, year);
  const s0 = programs.find((p) => p.key === 's0-meizhou-pairing')!;
  const holders = await pairS0(database, s0, tree.counties, rand);

  const t = Date.now();
  const sink = new RecordSink(database, report, total);
  const monthOf = weighted(MONTH_WEIGHT);
  await withIndexesDeferred(database, ['records'], report, 'records', async () => {
    await pairingRecords(sink, s0, holders, rand, total);
    const rest = Math.max(0, total - sink.added);
    const countyOf = weighted(tree.counties.map((c) => c.weight * c.members.length));
    const programOf = weighted(programs.map((p) => PROGRAM_SHARE[p.key] ?? 0.1));
    const kindOf = new Map(programs.map((p) => [p.id, weighted(p.kinds.map((k) => HEAVY_KINDS[k.id] ?? 1))]));
    for (let i = 0; i < rest; i++) {
      const county = tree.counties[countyOf(rand)]!;
      const program = programs[programOf(rand)]!;
      const kind = program.kinds[kindOf.get(program.id)!(rand)]!;
      const org = pick(rand, county.members);
      const partners = kind.withPartner ? [pick(rand, county.members)] : [];
      await sink.add(program.id, kind.id, org, dateIn(rand, program, monthOf), quantities(kind, rand), partners, fieldsFor(kind, rand, i % 50), STATUS[statusOf(rand)]!);
    }
    await sink.finish();
    report.progressDone();
  });
  const seconds = (Date.now() - t) / 1000;
  report.figure('load.records.count', sink.written, 'records');
  report.figure('load.records.seconds', seconds, 's');
  report.figure('load.records.rate', sink.written / seconds, 'records/s');
  report.figure('load.records.db_wait_seconds', sink.dbWaitMs / 1000, 's');

  // What autovacuum does soon after a bulk insert (PostgreSQL 13+ vacuums on inserts): statistics, and the
  // visibility map without which the covering path index still visits every heap page.
  const a = Date.now();
  await database.query('VACUUM ANALYZE records');
  await database.query('ANALYZE');
  report.figure('load.vacuum_analyze.seconds', (Date.now() - a) / 1000, 's');

  const busy = await busiestCounty(database, holders, report);
  return { programs, s0, holders, busy, records: sink.written };
}

async function createPrograms(database: Database, rootId: number, year: number): Promise<Program[]> {
  const templates = await database.query<{ id: number; key: string; definition: ProgramTemplate }>(
    'SELECT DISTINCT ON (key) id, key, definition FROM program_templates WHERE builtin ORDER BY key, version DESC');
  const out: Program[] = [];
  // Only programs that file records; a rating standard (对标定级) has none.
  for (const tpl of templates.filter((x) => x.definition.recordKinds.length > 0)) {
    const id = await createProgram(database.db, ctx, SYSTEM_ACTOR, { templateId: tpl.id, issuerOrgId: rootId, scopeOrgId: rootId, year, docNumber: `基准〔${year}〕${out.length + 1}号` });
    const p = (await database.query<{ startsOn: string; endsOn: string }>('SELECT starts_on AS "startsOn", ends_on AS "endsOn" FROM programs WHERE id = $1', [id]))[0]!;
    out.push({ id, key: tpl.key, ...p, kinds: tpl.definition.recordKinds });
  }
  return out;
}

/**
 * S0 in every county that has a township with two villages: the county committee, a demo town, a demo
 * village and a co-build village approved, in the "2+3", demo/co-build and village pairings. Written in
 * bulk: the nomination workflow is not what is being measured.
 */
async function pairS0(database: Database, s0: Program, counties: County[], rand: Rand): Promise<Holders[]> {
  const holders: Holders[] = [];
  for (const county of counties) {
    const towns = county.townships.filter((t) => t.villages.length >= 2);
    if (towns.length === 0) continue;
    const town = pick(rand, towns);
    const other = pick(rand, county.townships.filter((t) => t.villages.length > 0));
    const demoVillage = town.villages[0]!;
    const cobuild = other.id === town.id ? town.villages[1]! : pick(rand, other.villages);
    holders.push({ county, town, demoVillage, cobuild });
  }
  const roles: [string, number][] = holders.flatMap((h) => [['county_committee', h.county.id], ['demo_town', h.town.id], ['demo_village', h.demoVillage.id], ['cobuild_village', h.cobuild.id]]);
  await database.query(
    `INSERT INTO program_roles (program_id, role_key, org_id, status, decided_at)
     SELECT $1, r, o, 'approved', now() FROM unnest($2::text[], $3::int[]) AS t(r, o)`,
    [s0.id, roles.map((r) => r[0]), roles.map((r) => r[1])]);
  const pairings = holders.flatMap((h) => [
    { mode: 'demo_cobuild', members: [['demo_units', h.town.id], ['demo_units', h.demoVillage.id], ['cobuild_unit', h.cobuild.id]] },
    { mode: 'village_pair', members: [['demo_village_side', h.demoVillage.id], ['cobuild_village_side', h.cobuild.id]] },
    { mode: '2+3', members: [['county_side', h.county.id], ['paired_units', h.town.id], ['paired_units', h.demoVillage.id], ['paired_units', h.cobuild.id]] },
  ] as const);
  const ids = (await database.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence('pairings', 'id'))::int AS id FROM generate_series(1, $1::int)`, [pairings.length])).map((r) => r.id);
  await database.query('INSERT INTO pairings (id, program_id, mode_key) SELECT i, $1, m FROM unnest($2::int[], $3::text[]) AS t(i, m)',
    [s0.id, ids, pairings.map((p) => p.mode)]);
  const members = pairings.flatMap((p, i) => p.members.map(([side, org]) => [ids[i]!, side, org] as const));
  await database.query('INSERT INTO pairing_members (pairing_id, side_key, org_id) SELECT * FROM unnest($1::int[], $2::text[], $3::int[])',
    [members.map((m) => m[0]), members.map((m) => m[1]), members.map((m) => m[2])]);
  return holders;
}

/** What the S0 holders file through the year: most months met, some half, a few missed. */
async function pairingRecords(sink: RecordSink, s0: Program, holders: Holders[], rand: Rand, budget: number) {
  const kinds = new Map(s0.kinds.map((k) => [k.id, k]));
  const year = Number(s0.startsOn.slice(0, 4));
  const day = (m: number, d: number) => new Date(Date.UTC(year, m, d)).toISOString().slice(0, 10);
  const rec = async (kindId: string, org: number, date: string, partners: number[] = []) => {
    const kind = kinds.get(kindId)!;
    await sink.add(s0.id, kindId, org, date, quantities(kind, rand), partners, fieldsFor(kind, rand, 1), STATUS[statusOf(rand)]!);
  };
  // About 45 records a county-year; never more than half of the budget at small scales.
  const keep = Math.min(1, budget / 2 / (holders.length * 45 || 1));
  for (const h of holders) {
    if (rand() > keep) continue;
    for (let m = 0; m < 12; m++) {
      const meetings = pick(rand, [2, 2, 2, 1, 0]);
      for (let k = 0; k < meetings; k++) await rec('work_meeting', k === 0 ? h.town.id : h.cobuild.id, day(m, 5 + k * 12), [k === 0 ? h.cobuild.id : h.town.id]);
      if (rand() < 0.85) await rec('joint_activity', h.demoVillage.id, day(m, 10), [h.cobuild.id]);
      if (rand() < 0.8) await rec('site_supervision', h.county.id, day(m, 16));
      if (m % 3 === 2) {
        if (rand() < 0.8) await rec('study_exchange', h.town.id, day(m, 18));
        if (rand() < 0.8) await rec('lecture_tour', h.demoVillage.id, day(m, 22));
        if (rand() < 0.7) await rec('fund_transfer', h.town.id, day(m, 8));
        if (rand() < 0.6) await rec('report_to_party', h.county.id, day(m, 12));
        if (rand() < 0.5) await rec('problem_solved', h.cobuild.id, day(m, 14));
        if (rand() < 0.75) await rec('bulletin', h.county.id, day(m, 25));
      }
    }
  }
}

/** The holder county with the highest expected volume; its records are counted for the report. */
async function busiestCounty(database: Database, holders: Holders[], report: Report): Promise<Holders> {
  const busy = holders.reduce((a, b) => (b.county.weight * b.county.members.length > a.county.weight * a.county.members.length ? b : a));
  const hi = `${busy.county.path.slice(0, -1)}0`;
  const n = (await database.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM records r JOIN orgs o ON o.id = r.org_id WHERE o.path >= $1 AND o.path < $2', [busy.county.path, hi]))[0]!.n;
  report.note(`busy county: ${busy.county.name} (${busy.county.code}), ${busy.county.members.length} orgs, ${busy.county.townships.length} townships`);
  report.figure('data.busy_county.orgs', busy.county.members.length, 'orgs');
  report.figure('data.busy_county.records', n, 'records');
  return busy;
}
