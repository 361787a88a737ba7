import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEMPLATES_DIR } from './builtin.testing';
import { templateJsonSchema } from './parse';

const FILE = `${TEMPLATES_DIR}program-template.schema.json`;
const REGENERATE = 'UPDATE_TEMPLATE_SCHEMA=1 npx vitest run packages/domain/src/templates/json-schema.test.ts';

describe('templates/program-template.schema.json', () => {
  it('is the current JSON schema of the template language (editors autocomplete from it)', () => {
    const current = `${JSON.stringify(templateJsonSchema(), null, 2)}\n`;
    // The committed file is generated, never edited by hand; this test is its generator.
    if (process.env.UPDATE_TEMPLATE_SCHEMA === '1') writeFileSync(FILE, current);
    let committed = '';
    try {
      committed = readFileSync(FILE, 'utf8');
    } catch {
      // missing file: reported by the assertion below
    }
    expect(committed === current, `the template schema changed; regenerate it with:\n  cd /work/main && ${REGENERATE}`).toBe(true);
  });

  it('describes the top-level keys and forbids unknown ones', () => {
    const schema = templateJsonSchema() as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['id', 'roles', 'obligations', 'deliverables', 'targets', 'notExpressed']));
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'version', 'name', 'roles', 'recordKinds', 'obligations']));
    expect(schema.additionalProperties).toBe(false);
  });
});
