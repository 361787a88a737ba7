/**
 * Judging a candidate against a standard (S0.3): automatic items from numbers the system computes,
 * review items from a reviewer's verdict on the evidence. A mandatory item (*) that failed OR has
 * not been judged yet blocks approval: approval needs positive proof, not an absence of objections.
 */
import type { TemplateStandard } from './schema';
import type { ComparisonOp } from './vocabulary';

export interface StandardReview {
  passed: boolean;
  reason?: string;
}

export interface StandardEvidence {
  /** Metric name → computed value; absent or null when the system cannot compute it. */
  autoValues: Readonly<Record<string, number | null | undefined>>;
  /** Item id → the reviewer's verdict; absent while nobody has judged it. */
  reviews: Readonly<Record<string, StandardReview | boolean | null | undefined>>;
}

export interface StandardItemResult {
  id: string;
  mandatory: boolean;
  /** null: not decidable yet (no data, no review). */
  passed: boolean | null;
  /** Chinese, for the reviewer's screen. */
  reason: string;
}

export interface StandardResult {
  items: StandardItemResult[];
  /** Mandatory items not shown to pass: failed, or not yet judged. */
  mandatoryFailed: string[];
  approvable: boolean;
}

export function compareMetric(op: ComparisonOp, actual: number, expected: number): boolean {
  switch (op) {
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '=':
      return actual === expected;
  }
}

function reviewOf(evidence: StandardEvidence, id: string): StandardReview | null {
  const r = evidence.reviews[id];
  if (r === undefined || r === null) return null;
  return typeof r === 'boolean' ? { passed: r } : r;
}

function reviewReason(review: StandardReview): string {
  return review.reason ?? (review.passed ? '审核通过' : '审核未通过');
}

function judgeItem(item: TemplateStandard['items'][number], evidence: StandardEvidence): { passed: boolean | null; reason: string } {
  const review = reviewOf(evidence, item.id);
  const check = item.check;
  if (check.kind === 'review') return review ? { passed: review.passed, reason: reviewReason(review) } : { passed: null, reason: '尚未审核' };

  const unit = check.unit ?? '';
  const value = evidence.autoValues[check.metric];
  if (value === undefined || value === null || !Number.isFinite(value)) return { passed: null, reason: `缺少系统数据 ${check.metric}` };
  const numbers = `${value}${unit}，要求 ${check.op} ${check.value}${unit}`;
  if (!compareMetric(check.op, value, check.value)) return { passed: false, reason: `未达到：${numbers}` };
  if (!check.alsoReview) return { passed: true, reason: `达到：${numbers}` };
  // Numbers met; the qualitative half of the item still needs a reviewer.
  if (!review) return { passed: null, reason: `达到：${numbers}；待审核：${check.alsoReview}` };
  return { passed: review.passed, reason: `达到：${numbers}；${reviewReason(review)}` };
}

export function evaluateStandard(standard: TemplateStandard, evidence: StandardEvidence): StandardResult {
  const items = standard.items.map((item): StandardItemResult => ({ id: item.id, mandatory: item.mandatory ?? false, ...judgeItem(item, evidence) }));
  const mandatoryFailed = items.filter((i) => i.mandatory && i.passed !== true).map((i) => i.id);
  return { items, mandatoryFailed, approvable: mandatoryFailed.length === 0 };
}
