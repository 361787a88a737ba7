/**
 * Step 1a: the org tree. The division import is the product's own (`tuanjian orgs from-divisions`); the
 * synthetic schools, enterprises, agencies, social organizations and youth groups that grow it toward the
 * League's 4.4 million organizations go in through the same unnest bulk insert, in batches.
 */
import type { OrgKind, OrgLevel } from '@tuanjian/contracts';
import { pathFor } from '@tuanjian/domain';
import type { Database } from '../../packages/server/src/db/client';
import { importDivisions, ROOT_ORG_ID } from '../../packages/server/src/features/orgs/divisions.import';
import { bulkInsertOrgs, reserveOrgIds, type NewOrg } from '../../packages/server/src/features/orgs/orgs.bulk';
import { childLevel } from '../../packages/server/src/features/orgs/orgs.rules';
import { systemContext } from '../../packages/server/src/system-actor';
import { defaultsFor, type Scale } from './args';
import { BatchWriter, withIndexesDeferred } from './bulk';
import type { Report } from './report';
import { int, normal, pick, rng, weighted, type Rand } from './rng';

export interface Node { id: number; path: string; level: OrgLevel; code: string; name: string }
export interface Township extends Node { villages: Node[] }
export interface County extends Node {
  townships: Township[];
  /** How busy the county is: lognormal, so a few counties file far more records than most. */
  weight: number;
  /** Every org of the county's subtree, the county included: who files its records. */
  members: number[];
}
export interface Tree {
  root: Node;
  counties: County[];
  orgCount: number;
  divisionCount: number;
}

const ctx = systemContext('bench');
const BATCH = 20_000;

const short = (name: string) => name.replace(/^共青团/, '').replace(/(委员会|团工委|团委|团支部)$/, '');

/** The units that make up the League below the division committees, with their share of the synthetic orgs. */
const UNIT_SHARES = [
  { unit: 'county_school', share: 0.33 },
  { unit: 'township_school', share: 0.15 },
  { unit: 'enterprise', share: 0.25 },
  { unit: 'village_group', share: 0.12 },
  { unit: 'agency', share: 0.09 },
  { unit: 'social', share: 0.06 },
] as const;
const ENTERPRISE = ['有限公司', '股份有限公司', '农民专业合作社', '电子厂', '物流中心', '建材厂', '食品有限公司', '商贸有限公司'];
const BRAND = ['兴达', '恒通', '华盛', '金源', '宏图', '嘉禾', '新丰', '鸿运', '永安', '利民', '瑞丰', '天成', '众诚', '长青'];
const AGENCY = ['人民医院', '税务局', '公安局', '交通运输局', '卫生健康局', '供电局', '邮政分公司', '农村商业银行', '中医院', '人民法院', '自然资源局'];
const SOCIAL = ['青年志愿者协会', '青年企业家协会', '青年创业协会', '书法协会', '篮球协会', '摄影协会', '义工联合会', '青年商会'];
const GRADES = ['初一', '初二', '初三', '高一', '高二', '高三'];

export async function loadTree(database: Database, scale: Scale, targetOrgs: number | null, seed: number, report: Report): Promise<Tree & { recordsDefault: number }> {
  let t = Date.now();
  const imported = await importDivisions(database, ctx, scale.codes, (phase, done, total) => report.progress(`  ${phase} ${done}/${total}`));
  report.progressDone();
  const divSeconds = (Date.now() - t) / 1000;
  report.figure('load.divisions.units', imported.created, 'orgs');
  report.figure('load.divisions.seconds', divSeconds, 's');
  report.figure('load.divisions.rate', imported.created / divSeconds, 'orgs/s');

  const root = await scaleRoot(database, scale);
  const counties = await skeleton(database, root);
  const divisionCount = (await database.query<{ n: number }>('SELECT count(*)::int AS n FROM orgs'))[0]!.n - 1;
  const defaults = defaultsFor(scale, imported.created);
  const target = targetOrgs ?? defaults.orgs;
  const rand = rng(seed);
  for (const c of counties) c.weight = Math.exp(0.8 * normal(rand));

  t = Date.now();
  const synthetic = Math.max(0, target - divisionCount);
  report.note('load: the division import is the product path (tuanjian orgs from-divisions); synthetic orgs and records are written in batches of 20,000 '
    + 'with foreign-key triggers off (session_replication_role=replica; the generator names only existing rows) while the next batch is generated, '
    + 'and the secondary indexes of the tables being filled are dropped before and built again after, as a first import does');
  const added = await withIndexesDeferred(database, ['orgs', 'org_paths'], report, 'orgs_synthetic', () => growTree(database, counties, synthetic, rand, report));
  const orgSeconds = (Date.now() - t) / 1000;
  report.figure('load.orgs_synthetic.count', added, 'orgs');
  report.figure('load.orgs_synthetic.seconds', orgSeconds, 's');
  if (added > 0) report.figure('load.orgs_synthetic.rate', added / orgSeconds, 'orgs/s');
  const orgCount = (await database.query<{ n: number }>('SELECT count(*)::int AS n FROM orgs'))[0]!.n;
  report.figure('data.orgs', orgCount, 'orgs');
  return { root, counties, orgCount, divisionCount, recordsDefault: defaults.records };
}

async function scaleRoot(database: Database, scale: Scale): Promise<Node> {
  const rows = scale.kind === 'national'
    ? await database.query<Node>('SELECT id, path, level, code, name FROM orgs WHERE id = $1', [ROOT_ORG_ID])
    : await database.query<Node>('SELECT id, path, level, code, name FROM orgs WHERE code = $1', [scale.codes[0]]);
  if (!rows[0]) throw new Error(`scale root ${scale.label} not found after the division import`);
  return rows[0];
}

/** Counties with their townships and villages, from the imported division committees under the scale's root. */
async function skeleton(database: Database, root: Node): Promise<County[]> {
  const hi = `${root.path.slice(0, -1)}0`;
  const rows = await database.query<Node & { parentId: number }>(
    `SELECT id, parent_id AS "parentId", path, level, code, name FROM orgs
     WHERE path >= $1 AND path < $2 AND level IN ('county', 'township', 'village') ORDER BY depth, code`, [root.path, hi]);
  const counties = new Map<number, County>();
  const townships = new Map<number, Township>();
  const countyOfTown = new Map<number, County>();
  for (const r of rows) {
    const node = { id: r.id, path: r.path, level: r.level, code: r.code, name: r.name };
    if (r.level === 'county') counties.set(r.id, { ...node, townships: [], weight: 1, members: [r.id] });
    else if (r.level === 'township') {
      const c = counties.get(r.parentId);
      if (!c) continue;
      const tw = { ...node, villages: [] };
      c.townships.push(tw);
      c.members.push(r.id);
      townships.set(r.id, tw);
      countyOfTown.set(r.id, c);
    } else {
      const tw = townships.get(r.parentId);
      if (!tw) continue;
      tw.villages.push(node);
      countyOfTown.get(r.parentId)!.members.push(r.id);
    }
  }
  return [...counties.values()];
}

/**
 * Shares `n` synthetic orgs among the counties by their number of townships and villages and writes them in
 * batches. Ids are reserved per batch so that a school's class branches can name their parent's path.
 */
async function growTree(database: Database, counties: County[], n: number, rand: Rand, report: Report): Promise<number> {
  if (n === 0 || counties.length === 0) return 0;
  // Orgs follow the county's size; how busy its orgs are (the weight) shows in the records.
  const size = counties.map((c) => c.members.length + 20);
  const total = size.reduce((a, b) => a + b, 0);
  const quota = size.map((s) => Math.floor((s / total) * n));
  let rest = n - quota.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % quota.length, rest--) quota[i]!++;
  const unitOf = weighted(UNIT_SHARES.map((u) => u.share));

  let ids: number[] = [];
  let nextIdx = 0;
  let batch: NewOrg[] = [];
  let written = 0;
  const writer = new BatchWriter(database, database.engine === 'postgres' ? 2 : 1);
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    // The product's bulk insert; the batch is written while the next one is generated.
    await writer.submit((q) => bulkInsertOrgs(q, rows), () => {
      written += rows.length;
      report.progress(`  synthetic orgs ${written}/${n}`);
    });
  };
  const nextId = async () => {
    if (nextIdx === ids.length) {
      await flush();
      ids = await reserveOrgIds(database, BATCH);
      nextIdx = 0;
    }
    return ids[nextIdx++]!;
  };
  const add = async (parent: Node, kind: OrgKind, sector: string, code: string, name: string): Promise<Node> => {
    const id = await nextId();
    const level = childLevel(parent.level, kind);
    const path = pathFor(parent.path, id);
    batch.push({ id, parentId: parent.id, path, depth: path.split('/').length - 3, code, name, kind, sector, level, status: 'founded', divisionCode: null, foundedOn: null, memberCount: int(rand, 3, 80) });
    return { id, path, level, code, name };
  };

  for (const [ci, county] of counties.entries()) {
    let left = quota[ci]!;
    let seq = 0;
    const code = () => `${county.code}S${String(++seq).padStart(6, '0')}`;
    const towns = county.townships.length ? county.townships : [{ ...county, villages: [] }];
    while (left > 0) {
      const unit = UNIT_SHARES[unitOf(rand)]!.unit;
      const town = pick(rand, towns);
      let made: Node;
      switch (unit) {
        case 'county_school': {
          made = await add(county, 'general_branch', 'school', code(), `${short(county.name)}第${int(rand, 1, 12)}中学团总支`);
          const classes = Math.min(left - 1, int(rand, 12, 36));
          for (let k = 0; k < classes; k++) {
            county.members.push((await add(made, 'branch', 'school', code(), `${pick(rand, GRADES)}（${k + 1}）班团支部`)).id);
          }
          left -= classes;
          break;
        }
        case 'township_school': {
          made = await add(town, 'general_branch', 'school', code(), `${short(town.name)}中学团总支`);
          const classes = Math.min(left - 1, int(rand, 3, 12));
          for (let k = 0; k < classes; k++) {
            county.members.push((await add(made, 'branch', 'school', code(), `${pick(rand, GRADES)}（${k + 1}）班团支部`)).id);
          }
          left -= classes;
          break;
        }
        case 'enterprise':
          made = await add(town, 'branch', rand() < 0.8 ? 'non_public_enterprise' : 'state_enterprise', code(), `${short(town.name)}${pick(rand, BRAND)}${pick(rand, ENTERPRISE)}团支部`);
          break;
        case 'village_group': {
          const village = town.villages.length ? pick(rand, town.villages) : town;
          made = await add(village, 'youth_group', 'rural', code(), `${short(village.name)}第${int(rand, 1, 9)}青年志愿服务队`);
          break;
        }
        case 'agency':
          made = await add(county, 'branch', 'agency', code(), `${short(county.name)}${pick(rand, AGENCY)}团支部`);
          break;
        case 'social':
          made = await add(county, 'branch', 'social_organization', code(), `${short(county.name)}${pick(rand, SOCIAL)}团支部`);
          break;
      }
      county.members.push(made.id);
      left--;
    }
  }
  await flush();
  await writer.drain();
  report.progressDone();
  report.figure('load.orgs_synthetic.db_wait_seconds', writer.waitMs / 1000, 's');
  return written;
}
