/**
 * Reading a template from YAML text. The document is kept with its source ranges so that every
 * problem — a YAML syntax error, a wrong value, a dangling reference — points at its line in the
 * file: the people who write templates edit YAML, not JSON paths.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { formatPath } from './cross-refs';
import { ProgramTemplate } from './schema';

export interface TemplateError {
  /** 'obligations[3].period'; '' for the document as a whole. */
  path: string;
  /** 1-based line in the YAML text; null when nothing in the file corresponds. */
  line: number | null;
  message: string;
}

export type ParseTemplateResult = { ok: true; template: ProgramTemplate } | { ok: false; errors: TemplateError[] };

// Per-parse Chinese messages, so they do not depend on who configured zod globally.
const zhCN = z.locales.zhCN();

interface Located {
  /** The deepest node on the path that exists in the file. */
  node: Node | null;
  /** The key the path needed but the file lacks, if the walk stopped at a map without it. */
  missingKey: string | null;
}

function nodeAt(doc: Document, path: readonly PropertyKey[]): Located {
  let node: unknown = doc.contents;
  let found: Node | null = isNode(node) ? node : null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return { node: found, missingKey: String(seg) };
      node = pair.value;
      // `period:` with nothing after it has no value node; its key still marks the line.
      found = isNode(pair.value) ? pair.value : isNode(pair.key) ? pair.key : found;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if (!isNode(node)) break;
      found = node;
    } else break;
  }
  return { node: found, missingKey: null };
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

function keyNode(map: Node | null, key: string): Node | null {
  if (!isMap(map)) return null;
  const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return pair && isNode(pair.key) ? pair.key : null;
}

function lineOf(node: Node | null, lines: LineCounter): number | null {
  const offset = node?.range?.[0];
  return offset === undefined ? null : lines.linePos(offset).line;
}

function locate(doc: Document, lines: LineCounter, issue: z.core.$ZodIssue): TemplateError {
  const { node, missingKey } = nodeAt(doc, issue.path);
  if (issue.code === 'unrecognized_keys') {
    // Point at the mistyped key itself rather than at the object that holds it.
    const key = issue.keys[0] ?? '';
    const at = keyNode(node, key);
    return { path: formatPath([...issue.path, key]), line: lineOf(at ?? node, lines), message: issue.message };
  }
  const path = formatPath(issue.path);
  if (issue.code !== 'custom' && missingKey !== null && missingKey === String(issue.path.at(-1))) {
    // zod words a missing key as "expected X, received undefined"; people need to hear it is missing.
    const options = issue.code === 'invalid_value' ? `（可选：${issue.values.map(String).join('、')}）` : '';
    return { path, line: lineOf(node, lines), message: `缺少必填项 ${missingKey}${options}` };
  }
  return { path, line: lineOf(node, lines), message: issue.message };
}

export function parseTemplate(yamlText: string): ParseTemplateResult {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => ({
        path: '',
        line: e.linePos?.[0].line ?? null,
        // prettyErrors appends a code frame after the first line; the line number already locates it.
        message: `YAML 语法错误：${e.message.split('\n')[0]}`,
      })),
    };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  const result = ProgramTemplate.safeParse(data, { error: zhCN.localeError });
  if (result.success) return { ok: true, template: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => locate(doc, lines, issue)) };
}

/** JSON Schema of the template language, for editor autocompletion (templates/program-template.schema.json). */
export function templateJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ProgramTemplate),
    title: '团建方案模板 (program template)',
  };
}
