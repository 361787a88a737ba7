/**
 * Cross-reference checks of the forms: every role, side, record kind and field a form names must
 * exist and fit what the form does with it, so a form cannot silently compute nothing.
 */
import type { TemplateIssue, IssuePath } from './cross-refs';
import type { FormColumnDef } from './form-schema';
import type { ProgramTemplate } from './schema';

type Form = NonNullable<ProgramTemplate['forms']>[number];

/** Columns whose cells are numbers, so a ratio may divide them. */
function isNumeric(c: FormColumnDef): boolean {
  if (c.typed) return c.typed.type === 'number';
  if (c.compute) return c.compute.op !== 'list' && c.compute.op !== 'field';
  return false;
}

export function formIssues(t: ProgramTemplate): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const roles = new Map(t.roles.map((r) => [r.id, r]));
  const kinds = new Map(t.recordKinds.map((k) => [k.id, k]));
  const sides = new Set((t.pairingModes ?? []).flatMap((m) => m.sides.map((s) => s.id)));
  const seen = new Set<string>();

  const checkRole = (id: string, at: IssuePath, owner: string) => {
    if (!roles.has(id)) issues.push({ path: at, message: `${owner} 引用了不存在的角色 ${id}` });
  };

  const checkColumn = (form: Form, c: FormColumnDef, at: IssuePath, columns: readonly FormColumnDef[]) => {
    const owner = `报表 ${form.id} 的列 ${c.id}`;
    c.attribute?.roles?.forEach((r, i) => checkRole(r, [...at, 'attribute', 'roles', i], owner));
    if (c.attribute?.partnersOn && !sides.has(c.attribute.partnersOn)) issues.push({ path: [...at, 'attribute', 'partnersOn'], message: `${owner} 引用了不存在的结对方 ${c.attribute.partnersOn}` });
    const op = c.compute;
    if (!op) return;
    if (op.op === 'field') {
      const rowKinds = form.rows.flatMap((r) => (r.kind === 'records' ? r.recordKinds : []));
      if (!rowKinds.length) issues.push({ path: [...at, 'compute', 'op'], message: `${owner}：field 只能用于逐条记录的行（rows 的 kind 为 records）` });
      else if (!rowKinds.some((k) => kinds.get(k)?.fields.some((f) => f.id === op.field))) issues.push({ path: [...at, 'compute', 'field'], message: `${owner}：逐条记录的行没有字段 ${op.field}` });
      return;
    }
    if (op.op === 'orgs') return;
    if (op.op === 'target') {
      if (!t.targets?.some((x) => x.id === op.target)) issues.push({ path: [...at, 'compute', 'target'], message: `${owner} 引用了不存在的目标 ${op.target}` });
      return;
    }
    if (op.op === 'ratio') {
      for (const side of ['numerator', 'denominator'] as const) {
        const other = columns.find((x) => x.id === op[side]);
        if (!other || other.id === c.id) issues.push({ path: [...at, 'compute', side], message: `${owner} 引用了不存在的列 ${op[side]}` });
        else if (!isNumeric(other)) issues.push({ path: [...at, 'compute', side], message: `${owner}：列 ${other.id} 不是数字，不能相除` });
      }
      return;
    }
    op.partnerRoles?.forEach((r, i) => checkRole(r, [...at, 'compute', 'partnerRoles', i], owner));
    op.recordKinds.forEach((k, i) => {
      const kind = kinds.get(k);
      const kAt = [...at, 'compute', 'recordKinds', i];
      if (!kind) return issues.push({ path: kAt, message: `${owner} 引用了不存在的记录类型 ${k}` });
      const needsPartner = op.partnerRoles !== undefined || op.asPartner || (op.op === 'distinct' && op.by === 'partner');
      if (needsPartner && !kind.withPartner) issues.push({ path: kAt, message: `${owner} 按结对方统计，记录类型 ${k} 需写 withPartner: true` });
      if (op.op === 'distinct' && op.by === 'cadre' && !kind.byCadres) issues.push({ path: kAt, message: `${owner} 按干部去重，记录类型 ${k} 需写 byCadres: true` });
      const field = (id: string) => kind.fields.find((f) => f.id === id);
      if (op.where && !field(op.where.field)) issues.push({ path: [...at, 'compute', 'where', 'field'], message: `${owner}：记录类型 ${k} 没有字段 ${op.where.field}` });
      op.whereAny?.forEach((w, j) => {
        if (!field(w.field)) issues.push({ path: [...at, 'compute', 'whereAny', j, 'field'], message: `${owner}：记录类型 ${k} 没有字段 ${w.field}` });
      });
      if (op.op === 'sum') {
        if (op.quantity && !kind.quantities?.includes(op.quantity)) issues.push({ path: kAt, message: `${owner} 合计 ${op.quantity}，记录类型 ${k} 的 quantities 需含 ${op.quantity}` });
        if (op.field && field(op.field)?.type !== 'number') issues.push({ path: [...at, 'compute', 'field'], message: `${owner}：记录类型 ${k} 没有数字字段 ${op.field}` });
      }
      if (op.op === 'list' && !field(op.field)) issues.push({ path: [...at, 'compute', 'field'], message: `${owner}：记录类型 ${k} 没有字段 ${op.field}` });
      if (op.op === 'list' && op.detail && !field(op.detail)) issues.push({ path: [...at, 'compute', 'detail'], message: `${owner}：记录类型 ${k} 没有字段 ${op.detail}` });
      if (op.op === 'distinct' && typeof op.by === 'object' && !field(op.by.field)) issues.push({ path: [...at, 'compute', 'by', 'field'], message: `${owner}：记录类型 ${k} 没有字段 ${op.by.field}` });
    });
    if (op.op === 'sum' && (op.quantity === undefined) === (op.field === undefined)) {
      issues.push({ path: [...at, 'compute'], message: `${owner}：合计须写 quantity（记录数量）或 field（数字字段）二者之一` });
    }
  };

  t.forms?.forEach((form, i) => {
    const path: IssuePath = ['forms', i];
    if (seen.has(form.id)) issues.push({ path, message: `报表 ${form.id} 重复` });
    seen.add(form.id);
    if (form.reporter.role) {
      const role = roles.get(form.reporter.role);
      if (!role) issues.push({ path: [...path, 'reporter', 'role'], message: `报表 ${form.id} 引用了不存在的角色 ${form.reporter.role}` });
      else if (role.holder === 'person') issues.push({ path: [...path, 'reporter', 'role'], message: `报表 ${form.id} 由组织或部室填报，角色 ${role.id} 的承担者不能是个人` });
    }
    form.rows.forEach((row, j) => {
      const at: IssuePath = [...path, 'rows', j];
      if (row.kind === 'role') checkRole(row.role, [...at, 'role'], `报表 ${form.id}`);
      if (row.kind === 'records') row.recordKinds.forEach((k, n) => {
        if (!kinds.has(k)) issues.push({ path: [...at, 'recordKinds', n], message: `报表 ${form.id} 引用了不存在的记录类型 ${k}` });
      });
      if (row.kind === 'side' && !sides.has(row.side)) issues.push({ path: [...at, 'side'], message: `报表 ${form.id} 引用了不存在的结对方 ${row.side}` });
      if (row.kind === 'level' && row.underPartnersOn && !sides.has(row.underPartnersOn)) {
        issues.push({ path: [...at, 'underPartnersOn'], message: `报表 ${form.id} 引用了不存在的结对方 ${row.underPartnersOn}` });
      }
    });
    if (form.rows.filter((r) => r.kind === 'total').length > 1) issues.push({ path: [...path, 'rows'], message: `报表 ${form.id} 只能有一个合计行` });
    const ids = new Set<string>();
    form.columns.forEach((c, j) => {
      if (ids.has(c.id)) issues.push({ path: [...path, 'columns', j], message: `报表 ${form.id} 的列 ${c.id} 重复` });
      ids.add(c.id);
      checkColumn(form, c, [...path, 'columns', j], form.columns);
    });
    const footerIds = new Set<string>();
    form.footer?.forEach((c, j) => {
      if (footerIds.has(c.id)) issues.push({ path: [...path, 'footer', j], message: `报表 ${form.id} 的表尾项 ${c.id} 重复` });
      footerIds.add(c.id);
      checkColumn(form, c, [...path, 'footer', j], form.footer ?? []);
    });
  });
  return issues;
}

/** Requirement ids the forms implement, with where: for the "every ref is used" check. */
export function formUses(t: ProgramTemplate): Array<{ ref: string; path: IssuePath }> {
  return (t.forms ?? []).flatMap((f, i) => [
    { ref: f.ref, path: ['forms', i, 'ref'] },
    ...(f.refs ?? []).map((ref, j) => ({ ref, path: ['forms', i, 'refs', j] })),
  ]);
}
