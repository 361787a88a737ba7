/** Command-line arguments of `npm run bench` and the cases they select. */
export type Engine = 'postgres' | 'pglite';

export interface Scale {
  /** national | province:44 | city:4414 */
  label: string;
  kind: 'national' | 'province' | 'city';
  /** GB/T 2260 codes handed to the division import; none = the nation. */
  codes: string[];
}

export interface Case {
  engine: Engine;
  scale: Scale;
  /** Total orgs to grow the tree to; null = the scale's default. */
  orgs: number | null;
  /** Records in the synthetic year; null = the scale's default. */
  records: number | null;
  /** Prefix of every figure of this case in the output (the default run's second case). */
  prefix: string;
  /** Whether the HTTP routes are driven: not for the default run's PGlite case, to stay near the time budget. */
  http: boolean;
}

export interface Options {
  cases: Case[];
  seconds: number;
  connections: number;
  runs: number;
  warmup: number;
  recursiveRuns: number;
  out: string;
  seed: number;
  year: number;
  databaseUrl: string | null;
}

/** End of 2024: about 4.4 million League organizations; the division tree alone has 665,276 units. */
export const NATIONAL_ORGS = 4_400_000;
export const NATIONAL_DIVISIONS = 665_276;
export const NATIONAL_RECORDS = 10_000_000;
export const CITY_CASE = { orgs: 50_000, records: 500_000 };

const USAGE = `usage: npm run bench -- [--engine postgres|pglite] [--scale national|province:44|city:4414]
       [--orgs N] [--records N] [--seconds 30] [--connections 10] [--runs 7] [--warmup 2] [--recursive-runs 3]
       [--seed 2024] [--year 2025] [--database-url URL] [--no-http] [--out bench-results.json]
Without --engine/--scale/--orgs/--records: PostgreSQL at national scale (10M records), then the city-scale
case (50k orgs, 500k records) on embedded PGlite without HTTP (--engine pglite --scale city:4414 drives it).`;

export function parseScale(text: string): Scale {
  if (text === 'national') return { label: text, kind: 'national', codes: [] };
  const m = /^(province|city):(\d+)$/.exec(text);
  if (!m || (m[1] === 'province' && m[2]!.length !== 2) || (m[1] === 'city' && m[2]!.length !== 4)) {
    throw new Error(`--scale ${text}: expected national, province:NN or city:NNNN`);
  }
  return { label: text, kind: m[1] as 'province' | 'city', codes: [m[2]!] };
}

export function parseArgs(argv: string[]): Options {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') { console.log(USAGE); process.exit(0); }
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}\n${USAGE}`);
    const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (k.startsWith('no-')) { flags.set(k, true); continue; }
    const v = inline ?? argv[++i];
    if (v === undefined) throw new Error(`--${k} needs a value\n${USAGE}`);
    flags.set(k, v);
  }
  const known = new Set(['engine', 'scale', 'orgs', 'records', 'seconds', 'connections', 'runs', 'warmup', 'recursive-runs', 'seed', 'year', 'database-url', 'no-http', 'out']);
  for (const k of flags.keys()) if (!known.has(k)) throw new Error(`unknown option --${k}\n${USAGE}`);
  const str = (k: string) => { const v = flags.get(k); return typeof v === 'string' ? v : undefined; };
  const num = (k: string, d: number) => {
    const v = str(k);
    if (v === undefined) return d;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${k} ${v}: expected a number`);
    return n;
  };
  const engine = str('engine');
  if (engine !== undefined && engine !== 'postgres' && engine !== 'pglite') throw new Error(`--engine ${engine}: expected postgres or pglite`);
  const custom = ['engine', 'scale', 'orgs', 'records'].some((k) => flags.has(k));
  const cases: Case[] = custom
    ? [{ engine: (engine ?? 'postgres') as Engine, scale: parseScale(str('scale') ?? 'national'), orgs: str('orgs') ? num('orgs', 0) : null, records: str('records') ? num('records', 0) : null, prefix: '', http: !flags.has('no-http') }]
    : [
      { engine: 'postgres', scale: parseScale('national'), orgs: null, records: null, prefix: '', http: !flags.has('no-http') },
      { engine: 'pglite', scale: parseScale('city:4414'), orgs: CITY_CASE.orgs, records: CITY_CASE.records, prefix: 'pglite_city.', http: false },
    ];
  return {
    cases,
    seconds: num('seconds', 30),
    connections: num('connections', 10),
    runs: Math.max(1, num('runs', 7)),
    warmup: num('warmup', 2),
    recursiveRuns: Math.max(1, num('recursive-runs', 3)),
    out: str('out') ?? 'bench-results.json',
    seed: num('seed', 2024),
    year: num('year', 2025),
    databaseUrl: str('database-url') ?? null,
  };
}

/** Orgs and records a scale grows to when not given: the nation's totals, shared out by division count. */
export function defaultsFor(scale: Scale, divisions: number): { orgs: number; records: number } {
  if (scale.kind === 'national') return { orgs: NATIONAL_ORGS, records: NATIONAL_RECORDS };
  if (scale.kind === 'city') return CITY_CASE;
  const share = divisions / NATIONAL_DIVISIONS;
  return { orgs: Math.round(NATIONAL_ORGS * share), records: Math.round(NATIONAL_RECORDS * share) };
}
