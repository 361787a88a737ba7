import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readBuiltin } from './builtin.testing';
import { parseTemplate } from './parse';

/** The S3 template with its assessments edited, as the people who write templates would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form YAML edited in place
function errorsAfter(mutate: (assessments: any[]) => void) {
  const doc = parse(readBuiltin('s3-guangdong-stationing.yaml'));
  mutate(doc.assessments);
  const result = parseTemplate(stringify(doc));
  return result.ok ? [] : result.errors.map((e) => ({ path: e.path, message: e.message }));
}

describe('assessments in the template language (X.4)', () => {
  it('the built-in schemes parse', () => {
    expect(errorsAfter(() => {})).toEqual([]);
  });

  it('a component pointing at nothing is an error at its path, in Chinese', () => {
    const errors = errorsAfter((a) => {
      a[0].components[0].measure.obligations = ['no-such-obligation'];
      a[0].components[3].measure.field = 'no_field';
    });
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ message: expect.stringContaining('引用了不存在的工作要求 no-such-obligation') }),
      expect.objectContaining({ message: expect.stringContaining('记录类型 spot_check 没有字段 no_field') }),
    ]));
  });

  it('a subject of the wrong kind and an unknown measure are refused', () => {
    expect(errorsAfter((a) => { a[1].who = { kind: 'department', ref: 'stationing_cadre' }; }).map((e) => e.message).join('\n')).toContain('who.kind 应为 cadre');
    expect(errorsAfter((a) => { a[0].components[0].measure = { kind: 'vibes' }; }).map((e) => e.message).join('\n')).toContain('考核项的 kind 应为');
  });
});
