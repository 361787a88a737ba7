/**
 * Scores of an annual assessment (X.4): each component turns the subject's own data into a ratio
 * between 0 and 1 with the numbers and records behind it, the ratio times the weight gives points,
 * and the issuing committee's adjustments (each with a reason) come on top. A component with nothing
 * to judge yet (no closed period, no due form) is not applicable: the other components are scaled up
 * to the full mark, so a subject is not punished for what could not be asked of it.
 */
import type { ComplianceState } from '../compliance';
import type { DeliverableState } from '../deliverables';
import type { ReportTimeliness } from '../forms/reporting';
import type { AssessmentComponent, AssessmentMeasure, TemplateAssessment } from '../templates/assessment-schema';

export interface ScoredRecord { id: string; fields: Readonly<Record<string, unknown>> }

/** What the program knows about one subject for one component. */
export type ComponentFacts =
  | { kind: 'compliance'; cells: ReadonlyArray<{ state: ComplianceState; recordIds: readonly string[] }> }
  | { kind: 'deliverables'; cells: ReadonlyArray<{ state: DeliverableState; recordIds: readonly string[] }> }
  | { kind: 'form_timeliness'; reports: ReadonlyArray<{ timeliness: ReportTimeliness }> }
  | { kind: 'target'; actual: number; target: number | null }
  | { kind: 'records'; records: readonly ScoredRecord[] };

export interface ComponentScore {
  id: string;
  label: string;
  weight: number;
  /** 0–1; null when nothing could be judged yet. */
  ratio: number | null;
  points: number | null;
  achieved: number;
  possible: number;
  recordIds: string[];
  /** The sum in words, e.g. “达标 9 个、部分达标 2 个（按 0.5 计），共 12 个周期：10/12”. */
  explanation: string;
}

export interface Adjustment { points: number; reason: string }

export interface SubjectScore {
  subjectKey: string;
  name: string;
  components: ComponentScore[];
  /** Σ points scaled up over the applicable weights; null when no component applies. */
  base: number | null;
  adjustment: number;
  total: number | null;
  rank: number | null;
}

export const round2 = (n: number) => Math.round((n + Number.EPSILON * Math.sign(n)) * 100) / 100;
const fmt = (n: number) => String(round2(n));

function tally<S extends string>(states: readonly S[], full: readonly S[], part: readonly S[], open: readonly S[], credit: number) {
  const judged = states.filter((s) => !open.includes(s));
  const closed = (s: S) => !open.includes(s);
  const fullCount = judged.filter((s) => full.includes(s)).length;
  const partCount = judged.filter((s) => part.includes(s)).length;
  return { achieved: fullCount + partCount * credit, possible: judged.length, fullCount, partCount, closed };
}

const numberOf = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

interface Measured { achieved: number; possible: number; ratio: number | null; recordIds: string[]; explanation: string }

function measure(m: AssessmentMeasure, facts: ComponentFacts | undefined): Measured {
  const none = (why: string): Measured => ({ achieved: 0, possible: 0, ratio: null, recordIds: [], explanation: why });
  const ratioOf = (a: number, p: number) => (p > 0 ? Math.min(1, a / p) : null);
  switch (m.kind) {
    case 'compliance': {
      const cells = facts?.kind === 'compliance' ? facts.cells : [];
      const credit = m.partlyCredit ?? 0.5;
      const t = tally(cells.map((c) => c.state), ['met'], ['partly'], ['upcoming', 'not_applicable'], credit);
      if (!t.possible) return none('尚无已结束的考核周期');
      return { achieved: t.achieved, possible: t.possible, ratio: ratioOf(t.achieved, t.possible), recordIds: [...new Set(cells.filter((c) => t.closed(c.state)).flatMap((c) => c.recordIds))],
        explanation: `达标 ${t.fullCount} 个、部分达标 ${t.partCount} 个（按 ${credit} 计），共 ${t.possible} 个周期：${fmt(t.achieved)}/${t.possible}` };
    }
    case 'deliverables': {
      const cells = facts?.kind === 'deliverables' ? facts.cells : [];
      const credit = m.lateCredit ?? 0.5;
      const t = tally(cells.map((c) => c.state), ['met'], ['late'], ['upcoming', 'due_soon'], credit);
      if (!t.possible) return none('尚无到期的任务成果');
      return { achieved: t.achieved, possible: t.possible, ratio: ratioOf(t.achieved, t.possible), recordIds: [...new Set(cells.filter((c) => t.closed(c.state)).flatMap((c) => c.recordIds))],
        explanation: `按时 ${t.fullCount} 项、逾期报送 ${t.partCount} 项（按 ${credit} 计），共 ${t.possible} 项到期：${fmt(t.achieved)}/${t.possible}` };
    }
    case 'form_timeliness': {
      const reports = facts?.kind === 'form_timeliness' ? facts.reports : [];
      const credit = m.lateCredit ?? 0.5;
      const t = tally(reports.map((r) => r.timeliness), ['on_time'], ['late'], ['pending'], credit);
      if (!t.possible) return none('尚无到期的报表');
      return { achieved: t.achieved, possible: t.possible, ratio: ratioOf(t.achieved, t.possible), recordIds: [],
        explanation: `按时报送 ${t.fullCount} 份、逾期报送 ${t.partCount} 份（按 ${credit} 计），共 ${t.possible} 份到期：${fmt(t.achieved)}/${t.possible}` };
    }
    case 'target': {
      if (facts?.kind !== 'target' || facts.target === null || facts.target <= 0) return none('未分解到该单位的目标');
      return { achieved: facts.actual, possible: facts.target, ratio: ratioOf(facts.actual, facts.target), recordIds: [],
        explanation: `完成 ${fmt(facts.actual)}，目标 ${fmt(facts.target)}${facts.actual > facts.target ? '（超出部分不加分）' : ''}` };
    }
    case 'findings': {
      const records = facts?.kind === 'records' ? facts.records : [];
      if (!records.length) return none('未被抽查');
      const passed = records.filter((r) => m.pass.every((c) => r.fields[c.field] === c.equals));
      return { achieved: passed.length, possible: records.length, ratio: ratioOf(passed.length, records.length), recordIds: records.map((r) => r.id),
        explanation: `抽查 ${records.length} 次，合格 ${passed.length} 次` };
    }
    case 'average': {
      const records = facts?.kind === 'records' ? facts.records : [];
      const rated = records.map((r) => ({ id: r.id, v: numberOf(r.fields[m.field]) })).filter((x): x is { id: string; v: number } => x.v !== null);
      if (!rated.length) return none('尚无评价');
      const mean = rated.reduce((s, x) => s + Math.max(0, Math.min(m.scaleMax, x.v)), 0) / rated.length;
      return { achieved: mean, possible: m.scaleMax, ratio: ratioOf(mean, m.scaleMax), recordIds: rated.map((x) => x.id),
        explanation: `${rated.length} 条评价，平均 ${fmt(mean)} 分（满分 ${m.scaleMax}）` };
    }
    case 'count': {
      const records = facts?.kind === 'records' ? facts.records : [];
      return { achieved: records.length, possible: m.full, ratio: ratioOf(records.length, m.full), recordIds: records.map((r) => r.id),
        explanation: `${records.length} 条，满 ${m.full} 条得满分` };
    }
  }
}

export function scoreComponent(c: AssessmentComponent, facts: ComponentFacts | undefined): ComponentScore {
  const m = measure(c.measure, facts);
  return { id: c.id, label: c.label, weight: c.weight, ...m, ratio: m.ratio === null ? null : m.ratio, points: m.ratio === null ? null : round2(m.ratio * c.weight) };
}

export interface SubjectFacts {
  subjectKey: string;
  name: string;
  /** component id → facts */
  facts: Readonly<Record<string, ComponentFacts>>;
  adjustments?: readonly Adjustment[];
}

/** Ranks by total (highest first), ties share a rank (1, 2, 2, 4); subjects without a total come last, unranked. */
export function rankScores<T extends { total: number | null; name: string; subjectKey: string }>(rows: readonly T[]): Array<T & { rank: number | null }> {
  const sorted = [...rows].sort((a, b) => {
    if (a.total === null || b.total === null) return a.total === b.total ? a.subjectKey.localeCompare(b.subjectKey) : a.total === null ? 1 : -1;
    return b.total - a.total || a.subjectKey.localeCompare(b.subjectKey);
  });
  let rank = 0;
  return sorted.map((row, i) => {
    if (row.total === null) return { ...row, rank: null };
    if (i === 0 || sorted[i - 1]!.total !== row.total) rank = i + 1;
    return { ...row, rank };
  });
}

export function scoreAssessment(scheme: TemplateAssessment, subjects: readonly SubjectFacts[]): SubjectScore[] {
  const fullMark = scheme.components.reduce((s, c) => s + c.weight, 0);
  const rows = subjects.map((s) => {
    const components = scheme.components.map((c) => scoreComponent(c, s.facts[c.id]));
    const applicable = components.filter((c) => c.points !== null);
    const applicableWeight = applicable.reduce((sum, c) => sum + c.weight, 0);
    const base = applicableWeight > 0 ? round2((applicable.reduce((sum, c) => sum + c.points!, 0) * fullMark) / applicableWeight) : null;
    const adjustment = round2((s.adjustments ?? []).reduce((sum, a) => sum + a.points, 0));
    return { subjectKey: s.subjectKey, name: s.name, components, base, adjustment, total: base === null ? null : round2(base + adjustment) };
  });
  return rankScores(rows);
}
