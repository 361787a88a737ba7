/**
 * Checks that need the whole template: every name an element uses must be declared, and every
 * seed requirement the header claims must be implemented by something (or listed as not
 * expressed), so a requirement cannot silently fall out of a program.
 */
import { validateObligation } from '../obligations';
import { assessmentIssues, assessmentUses } from './assessment-refs';
import { formIssues, formUses } from './form-refs';
import type { ProgramTemplate, TemplateSubject } from './schema';
import { TEMPLATE_ORG_KINDS } from './vocabulary';

export type IssuePath = Array<string | number>;
export interface TemplateIssue {
  path: IssuePath;
  message: string;
}

const HOLDER_NAMES = { org: '团组织', person: '个人', department: '部室' } as const;
const KIND_FOR_HOLDER = { org: 'role', person: 'cadre', department: 'department' } as const;

/** 'obligations[3].who.ref': how people read a place in the template. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : `${out ? '.' : ''}${String(seg)}`;
  return out;
}

function collectUses(t: ProgramTemplate): Array<{ ref: string; path: IssuePath }> {
  const uses: Array<{ ref: string; path: IssuePath }> = [];
  const add = (ref: string | undefined, path: IssuePath) => {
    if (ref) uses.push({ ref, path });
  };
  const addAll = (refs: string[] | undefined, path: IssuePath) => refs?.forEach((r, i) => add(r, [...path, 'refs', i]));
  t.roles.forEach((r, i) => addAll(r.refs, ['roles', i]));
  t.standards?.forEach((s, i) => {
    addAll(s.refs, ['standards', i]);
    s.items.forEach((item, j) => add(item.ref, ['standards', i, 'items', j, 'ref']));
  });
  t.pairingModes?.forEach((m, i) => addAll(m.refs, ['pairingModes', i]));
  t.recordKinds.forEach((k, i) => addAll(k.refs, ['recordKinds', i]));
  const single = ['obligations', 'deliverables', 'targets', 'tasks', 'assignments', 'notExpressed'] as const;
  for (const list of single) t[list]?.forEach((x, i) => add(x.ref, [list, i, 'ref']));
  addAll(t.founding?.refs, ['founding']);
  uses.push(...formUses(t), ...assessmentUses(t));
  return uses;
}

/** Where each requirement id is used, as readable paths: the server shows "S0.8 → obligations[3]". */
export function requirementUses(t: ProgramTemplate): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  for (const { ref, path } of collectUses(t)) {
    const at = formatPath(path.at(-2) === 'refs' ? path.slice(0, -2) : path.at(-1) === 'ref' ? path.slice(0, -1) : path);
    uses.set(ref, [...(uses.get(ref) ?? []), at]);
  }
  return uses;
}

function duplicates<T>(items: readonly T[] | undefined, key: (item: T) => string | number, path: IssuePath, what: string): TemplateIssue[] {
  const seen = new Set<string | number>();
  const out: TemplateIssue[] = [];
  items?.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) out.push({ path: [...path, i], message: `${what} ${k} 重复` });
    seen.add(k);
  });
  return out;
}

export function crossReferenceIssues(t: ProgramTemplate): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const roles = new Map(t.roles.map((r) => [r.id, r]));
  const standards = new Set(t.standards?.map((s) => s.id));
  const recordKinds = new Map(t.recordKinds.map((k) => [k.id, k]));
  const sides = new Map<string, { modeId: string; roles: string[] }>();
  const sideList = (t.pairingModes ?? []).flatMap((m, i) => m.sides.map((s, j) => ({ mode: m, side: s, path: ['pairingModes', i, 'sides', j] })));
  for (const { mode, side } of sideList) if (!sides.has(side.id)) sides.set(side.id, { modeId: mode.id, roles: side.who.roles ?? [] });
  const rolesInPairings = new Set([...sides.values()].flatMap((s) => s.roles));

  issues.push(
    ...duplicates(t.roles, (r) => r.id, ['roles'], '角色'),
    ...duplicates(t.standards, (s) => s.id, ['standards'], '标准'),
    ...duplicates(t.pairingModes, (m) => m.id, ['pairingModes'], '结对方式'),
    ...duplicates(t.recordKinds, (k) => k.id, ['recordKinds'], '记录类型'),
    ...duplicates(t.obligations, (o) => o.id, ['obligations'], '工作要求'),
    ...duplicates(t.deliverables, (d) => d.id, ['deliverables'], '任务成果'),
    ...duplicates(t.targets, (x) => x.id, ['targets'], '目标'),
    ...duplicates(t.tasks, (x) => x.number, ['tasks'], '任务序号'),
  );
  t.standards?.forEach((s, i) => issues.push(...duplicates(s.items, (x) => x.id, ['standards', i, 'items'], `标准 ${s.id} 的条目`)));
  t.standards?.forEach((s, i) => {
    if (!s.rating) return;
    // A rated standard is scored item by item: every item needs its points.
    s.items.forEach((item, j) => {
      if (item.points === undefined) issues.push({ path: ['standards', i, 'items', j, 'points'], message: `标准 ${s.id} 用于定级，条目 ${item.id} 须写分值 points` });
    });
    issues.push(...duplicates(s.rating.bands, (b) => b.stars, ['standards', i, 'rating', 'bands'], '星级'));
  });
  t.recordKinds.forEach((k, i) => issues.push(...duplicates(k.fields, (f) => f.id, ['recordKinds', i, 'fields'], `记录类型 ${k.id} 的字段`)));
  const seenSides = new Set<string>();
  for (const { side, path } of sideList) {
    // Obligations name a side by its bare id, so side ids must be unique across all modes.
    if (seenSides.has(side.id)) issues.push({ path, message: `结对方的标识 ${side.id} 在整个模板中应唯一` });
    seenSides.add(side.id);
    side.who.roles?.forEach((r, k) => {
      if (!roles.has(r)) issues.push({ path: [...path, 'who', 'roles', k], message: `结对方 ${side.id} 引用了不存在的角色 ${r}` });
    });
  }

  t.roles.forEach((r, i) => {
    if (r.standard && !standards.has(r.standard)) issues.push({ path: ['roles', i, 'standard'], message: `角色 ${r.id} 引用了不存在的标准 ${r.standard}` });
  });

  /** Which holders a subject stands for, so the record kinds it counts can be checked to name them. */
  const holdersOf = (who: TemplateSubject): Set<string> => {
    if (who.kind === 'department') return new Set(['department']);
    if (who.kind === 'cadre') return new Set(['person']);
    if (who.kind === 'pairing_side') {
      const side = sideList.find((x) => x.side.id === who.ref)?.side;
      return new Set([...(side?.who.roles ?? []).map((r) => roles.get(r)?.holder ?? 'org'), ...(side?.who.holder ? [side.who.holder] : [])]);
    }
    return new Set(['org']);
  };
  const checkKindNamesSubject = (who: TemplateSubject, kindId: string, at: IssuePath, owner: string) => {
    const kind = recordKinds.get(kindId);
    if (!kind) return;
    const holders = holdersOf(who);
    if (holders.has('department') && !kind.byDepartment) issues.push({ path: at, message: `${owner} 的承担者是部室，记录类型 ${kindId} 需写 byDepartment: true` });
    if (holders.has('person') && !kind.byCadres) issues.push({ path: at, message: `${owner} 的承担者是个人，记录类型 ${kindId} 需写 byCadres: true` });
  };

  const checkSubject = (who: TemplateSubject, path: IssuePath, owner: string) => {
    const at = [...path, 'ref'];
    if (who.kind === 'pairing_side') {
      if (!sides.has(who.ref)) issues.push({ path: at, message: `${owner} 引用了不存在的结对方 ${who.ref}` });
      return;
    }
    if (who.kind === 'org_kind') {
      if (!(TEMPLATE_ORG_KINDS as readonly string[]).includes(who.ref)) issues.push({ path: at, message: `${owner} 的组织类型 ${who.ref} 无效` });
      return;
    }
    const role = roles.get(who.ref);
    if (!role) {
      issues.push({ path: at, message: `${owner} 引用了不存在的角色 ${who.ref}` });
      return;
    }
    // The subject kind tells the engine which table the subjects live in, so it must match the holder.
    const expected = KIND_FOR_HOLDER[role.holder];
    if (who.kind !== expected) {
      issues.push({ path: [...path, 'kind'], message: `${owner}：角色 ${role.id} 的承担者是${HOLDER_NAMES[role.holder]}，who.kind 应为 ${expected}` });
    }
  };

  t.obligations.forEach((o, i) => {
    const path: IssuePath = ['obligations', i];
    const owner = `工作要求 ${o.id}`;
    checkSubject(o.who, [...path, 'who'], owner);
    o.what.recordKinds.forEach((k, j) => {
      const kind = recordKinds.get(k);
      const at = [...path, 'what', 'recordKinds', j];
      if (!kind) return issues.push({ path: at, message: `${owner} 引用了不存在的记录类型 ${k}` });
      checkKindNamesSubject(o.who, k, at, owner);
      if (o.what.jointWithPartner && !kind.withPartner) issues.push({ path: at, message: `${owner} 要求与结对方联合开展，记录类型 ${k} 需写 withPartner: true` });
      if (o.measure === 'amount' && !kind.quantities?.includes('amount')) issues.push({ path: at, message: `${owner} 按金额计，记录类型 ${k} 的 quantities 需含 amount` });
      if (o.measure === 'people_reached' && !kind.quantities?.includes('peopleReached')) {
        issues.push({ path: at, message: `${owner} 按人数计，记录类型 ${k} 的 quantities 需含 peopleReached` });
      }
    });
    if (o.what.jointWithPartner) {
      const paired = o.who.kind === 'pairing_side' || rolesInPairings.has(o.who.ref);
      if (!paired) issues.push({ path: [...path, 'what', 'jointWithPartner'], message: `${owner} 要求与结对方联合开展，但 ${o.who.ref} 不在任何结对方式中` });
    }
    for (const problem of validateObligation(o)) issues.push({ path, message: `${owner} 定义无效：${problem}` });
  });

  t.deliverables?.forEach((d, i) => {
    checkSubject(d.who, ['deliverables', i, 'who'], `任务成果 ${d.id}`);
    if (d.recordKind && !recordKinds.has(d.recordKind)) {
      issues.push({ path: ['deliverables', i, 'recordKind'], message: `任务成果 ${d.id} 引用了不存在的记录类型 ${d.recordKind}` });
    }
    if (d.recordKind) checkKindNamesSubject(d.who, d.recordKind, ['deliverables', i, 'recordKind'], `任务成果 ${d.id}`);
  });

  t.targets?.forEach((x, i) => {
    if (x.who) checkSubject(x.who, ['targets', i, 'who'], `目标 ${x.id}`);
    if (x.split) checkSubject(x.split.over, ['targets', i, 'split', 'over'], `目标 ${x.id} 的分解对象`);
    if (x.split?.keyRole && !roles.has(x.split.keyRole)) {
      issues.push({ path: ['targets', i, 'split', 'keyRole'], message: `目标 ${x.id} 引用了不存在的重点角色 ${x.split.keyRole}` });
    }
  });

  t.assignments?.forEach((a, i) => {
    const mode = t.pairingModes?.find((m) => m.id === a.pairingMode);
    if (!mode) return issues.push({ path: ['assignments', i, 'pairingMode'], message: `分配表引用了不存在的结对方式 ${a.pairingMode}` });
    a.rows.forEach((row, j) => {
      for (const key of Object.keys(row)) {
        if (!mode.sides.some((s) => s.id === key)) issues.push({ path: ['assignments', i, 'rows', j, key], message: `结对方式 ${mode.id} 没有结对方 ${key}` });
      }
      for (const side of mode.sides) {
        const names = row[side.id];
        if (!names) {
          issues.push({ path: ['assignments', i, 'rows', j], message: `第 ${j + 1} 行缺少结对方 ${side.id}` });
          continue;
        }
        const { min, max } = typeof side.count === 'number' ? { min: side.count, max: side.count } : side.count;
        if (names.length < min || (max !== undefined && names.length > max)) {
          issues.push({ path: ['assignments', i, 'rows', j, side.id], message: `结对方 ${side.id} 的数量 ${names.length} 不符合要求` });
        }
      }
    });
  });

  issues.push(...formIssues(t), ...assessmentIssues(t));
  t.assessments?.forEach((a, i) => checkSubject(a.who, ['assessments', i, 'who'], `考核 ${a.id}`));

  const declared = new Set(t.refs);
  const uses = collectUses(t);
  for (const { ref, path } of uses) {
    if (!declared.has(ref)) issues.push({ path, message: `需求 ${ref} 未列在模板开头的 refs 中` });
  }
  const used = new Set(uses.map((u) => u.ref));
  t.refs.forEach((ref, i) => {
    if (!used.has(ref)) issues.push({ path: ['refs', i], message: `需求 ${ref} 没有任何内容实现，也未列入 notExpressed` });
  });
  issues.push(...duplicates(t.refs, (r) => r, ['refs'], '需求编号'));
  return issues;
}
