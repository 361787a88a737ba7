/**
 * Cross-references of assessment schemes: every component must point at something the template
 * defines (an obligation, a deliverable, a form, a target, record kinds and their fields), or the
 * score would silently count nothing.
 */
import type { IssuePath, TemplateIssue } from './cross-refs';
import type { ProgramTemplate } from './schema';

export function assessmentIssues(t: ProgramTemplate): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const kinds = new Map(t.recordKinds.map((k) => [k.id, k]));
  const known = {
    obligations: new Set(t.obligations.map((o) => o.id)),
    deliverables: new Set((t.deliverables ?? []).map((d) => d.id)),
    forms: new Set((t.forms ?? []).map((f) => f.id)),
    targets: new Set((t.targets ?? []).map((x) => x.id)),
  };
  const names = { obligations: '工作要求', deliverables: '任务成果', forms: '报表', targets: '目标' } as const;
  t.assessments?.forEach((a, i) => {
    const seen = new Set<string>();
    a.components.forEach((c, j) => {
      const at: IssuePath = ['assessments', i, 'components', j];
      const owner = `考核 ${a.id} 的考核项 ${c.id}`;
      if (seen.has(c.id)) issues.push({ path: [...at, 'id'], message: `${owner} 的标识重复` });
      seen.add(c.id);
      const m = c.measure;
      const refList = (list: keyof typeof known, ids: readonly string[], key: string) => ids.forEach((id, k) => {
        if (!known[list].has(id)) issues.push({ path: [...at, 'measure', key, k], message: `${owner} 引用了不存在的${names[list]} ${id}` });
      });
      if (m.kind === 'compliance') refList('obligations', m.obligations, 'obligations');
      if (m.kind === 'deliverables') refList('deliverables', m.deliverables, 'deliverables');
      if (m.kind === 'form_timeliness') refList('forms', m.forms, 'forms');
      if (m.kind === 'target' && !known.targets.has(m.target)) issues.push({ path: [...at, 'measure', 'target'], message: `${owner} 引用了不存在的目标 ${m.target}` });
      if (m.kind === 'findings' || m.kind === 'average' || m.kind === 'count') {
        m.recordKinds.forEach((k, n) => {
          const kind = kinds.get(k);
          if (!kind) return issues.push({ path: [...at, 'measure', 'recordKinds', n], message: `${owner} 引用了不存在的记录类型 ${k}` });
          const fields = m.kind === 'findings' ? m.pass.map((p) => p.field) : m.kind === 'average' ? [m.field] : [];
          for (const f of fields) if (!kind.fields.some((x) => x.id === f)) issues.push({ path: [...at, 'measure'], message: `${owner}：记录类型 ${k} 没有字段 ${f}` });
        });
      }
    });
  });
  return issues;
}

export function assessmentUses(t: ProgramTemplate): Array<{ ref: string; path: IssuePath }> {
  return (t.assessments ?? []).flatMap((a, i) => a.refs.map((ref, j) => ({ ref, path: ['assessments', i, 'refs', j] })));
}
