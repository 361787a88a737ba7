import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATE_FILES, TEMPLATES_DIR, describeErrors, loadBuiltin, readBuiltin } from './builtin.testing';
import { requirementUses } from './cross-refs';
import { parseTemplate, type TemplateError } from './parse';

/** 1-based line of the n-th (0-based) line matching `pattern`. */
function lineOf(text: string, pattern: RegExp, nth = 0): number {
  const hits = text.split('\n').flatMap((line, i) => (pattern.test(line) ? [i + 1] : []));
  const hit = hits[nth];
  if (hit === undefined) throw new Error(`no line ${nth} matches ${pattern}`);
  return hit;
}

function replaceLine(text: string, line: number, replace: (l: string) => string): string {
  return text
    .split('\n')
    .map((l, i) => (i + 1 === line ? replace(l) : l))
    .join('\n');
}

function errorsOf(text: string): TemplateError[] {
  const result = parseTemplate(text);
  if (result.ok) throw new Error('expected the template to be invalid');
  return result.errors;
}

describe('built-in templates', () => {
  it.each(BUILTIN_TEMPLATE_FILES)('%s parses and validates, cross-references included', (file) => {
    const result = parseTemplate(readBuiltin(file));
    if (!result.ok) throw new Error(describeErrors(result.errors));
    expect(result.template.id).toBe(file.replace(/\.yaml$/, ''));
  });

  it('every YAML file in templates/ is a built-in that this suite checks', () => {
    const files = readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.yaml'));
    expect(files.sort()).toEqual([...BUILTIN_TEMPLATE_FILES].sort());
  });

  it('each built-in points editors at the committed JSON schema', () => {
    for (const file of BUILTIN_TEMPLATE_FILES) {
      expect(readBuiltin(file).split('\n')[0]).toBe('# yaml-language-server: $schema=./program-template.schema.json');
    }
  });
});

describe('requirement coverage', () => {
  const seeds: Record<string, { all: number; expressed: string[] }> = {
    // S0.10–S0.11, S1.10–S1.11, S2.6–S2.7, S3.7–S3.9 and most of S4 are forms, reports and assessment:
    // they may be partly listed as notExpressed, the rest must be data.
    's0-meizhou-pairing.yaml': { all: 11, expressed: ['S0.1', 'S0.2', 'S0.3', 'S0.4', 'S0.5', 'S0.6', 'S0.7', 'S0.8', 'S0.9'] },
    's1-huaihua-assistance.yaml': { all: 11, expressed: ['S1.1', 'S1.2', 'S1.3', 'S1.4', 'S1.5', 'S1.6', 'S1.7', 'S1.8', 'S1.9'] },
    's2-luohe-vital.yaml': { all: 7, expressed: ['S2.1', 'S2.2', 'S2.3', 'S2.4', 'S2.5'] },
    's3-guangdong-stationing.yaml': { all: 9, expressed: ['S3.1', 'S3.2', 'S3.3', 'S3.4', 'S3.5', 'S3.6'] },
    's4-quanzhou-big-committee.yaml': { all: 9, expressed: ['S4.1', 'S4.3', 'S4.6'] },
  };

  it.each(Object.entries(seeds))('%s claims every requirement of its seed and expresses the required ones as data', (file, { all, expressed }) => {
    const template = loadBuiltin(file);
    const seed = file.slice(0, 2).toUpperCase();
    // Cross-cutting requirements (X.4 assessment) may be claimed beside the seed's own.
    expect(template.refs.filter((r) => !r.startsWith('X.'))).toEqual(Array.from({ length: all }, (_, i) => `${seed}.${i + 1}`));
    const uses = requirementUses(template);
    for (const ref of expressed) expect((uses.get(ref) ?? []).some((p) => !p.startsWith('notExpressed')), ref).toBe(true);
  });
});

describe('errors point at their line', () => {
  const s0 = readBuiltin('s0-meizhou-pairing.yaml');

  it('a typo in an obligation’s period reports that line and the obligation’s path', () => {
    // The period line of the fifth obligation (s0.8-work-meeting-demo).
    const idLine = lineOf(s0, /id: s0\.8-work-meeting-demo$/);
    const periodLine = idLine + lineOf(s0.split('\n').slice(idLine).join('\n'), /^\s+period: month$/);
    const broken = replaceLine(s0, periodLine, (l) => l.replace('month', 'monthly'));
    const errors = errorsOf(broken);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'obligations[4].period', line: periodLine });
    expect(errors[0]?.message).toContain('month');
  });

  it('a mistyped key is reported at the key’s own line', () => {
    const line = lineOf(s0, /^\s+holder: org$/, 1);
    const errors = errorsOf(replaceLine(s0, line, (l) => l.replace('holder', 'holdr')));
    const unknown = errors.find((e) => e.path === 'roles[1].holdr');
    expect(unknown).toMatchObject({ line });
    // The missing `holder` itself is reported in Chinese at the role.
    const missing = errors.find((e) => e.path === 'roles[1].holder');
    expect(missing?.message).toBe('缺少必填项 holder（可选：org、person、department）');
    expect(missing?.line).toBe(lineOf(s0, /- id: demo_village$/));
  });

  it('a key with no value points at the key', () => {
    const line = lineOf(s0, /^\s+min: 2$/);
    const errors = errorsOf(replaceLine(s0, line, (l) => l.replace(' 2', '')));
    expect(errors[0]).toMatchObject({ path: 'obligations[4].min', line });
  });

  it('messages are Chinese without any global zod locale', () => {
    const errors = errorsOf('id: Bad_Id\n');
    expect(errors.find((e) => e.path === 'id')).toMatchObject({ line: 1, message: expect.stringContaining('模板标识') });
    expect(errors.find((e) => e.path === 'version')?.message).toMatch(/^缺少必填项 version/);
  });

  it('YAML syntax errors carry their line', () => {
    const errors = errorsOf('id: x\nversion: 1\nroles: [a, b\nname: y\n');
    expect(errors[0]?.message).toMatch(/^YAML 语法错误/);
    expect(errors[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('a duplicated key is a YAML error on the second occurrence', () => {
    const errors = errorsOf('id: a\nversion: 1\nid: b\n');
    expect(errors).toEqual([expect.objectContaining({ path: '', line: 3 })]);
  });

  it('an empty file is one error for the whole document', () => {
    const errors = errorsOf('');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('');
  });

  it('a cross-reference error points at the line of the dangling name', () => {
    const line = lineOf(s0, /what: \{ recordKinds: \[site_supervision\] \}/);
    const errors = errorsOf(replaceLine(s0, line, (l) => l.replace('site_supervision', 'site_supervisoin')));
    expect(errors).toEqual([
      { path: 'obligations[2].what.recordKinds[0]', line, message: '工作要求 s0.7-county-supervision 引用了不存在的记录类型 site_supervisoin' },
    ]);
  });
});
