/**
 * Test support: reads the built-in templates from /templates. Only tests import this file — the
 * domain code itself does no I/O; the server reads the files and hands the text to parseTemplate.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTemplate, type TemplateError } from './parse';
import type { ProgramTemplate } from './schema';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../../../templates/', import.meta.url));

export const BUILTIN_TEMPLATE_FILES = [
  's0-meizhou-pairing.yaml',
  's1-huaihua-assistance.yaml',
  's2-luohe-vital.yaml',
  's3-guangdong-stationing.yaml',
  's4-quanzhou-big-committee.yaml',
  'x-branch-star-rating.yaml',
] as const;

export function readBuiltin(file: string): string {
  return readFileSync(`${TEMPLATES_DIR}${file}`, 'utf8');
}

export function describeErrors(errors: readonly TemplateError[]): string {
  return errors.map((e) => `line ${e.line ?? '?'} ${e.path}: ${e.message}`).join('\n');
}

/** Parses a built-in template and fails loudly, with every error and its line, if it does not validate. */
export function loadBuiltin(file: string): ProgramTemplate {
  const result = parseTemplate(readBuiltin(file));
  if (!result.ok) throw new Error(`${file} is invalid:\n${describeErrors(result.errors)}`);
  return result.template;
}

/** Looks up one element by id and fails the test with a clear message if the template lacks it. */
export function byId<T extends { id: string }>(items: readonly T[] | undefined, id: string): T {
  const found = items?.find((x) => x.id === id);
  if (!found) throw new Error(`no element with id ${id}`);
  return found;
}
