/**
 * Tasks of a plan (任务分工, S2.1) and the warning cards that chase them: a yellow card when the
 * deadline is near and the work is far from done (it goes to the responsible person), a red card
 * once the deadline has passed (it escalates to the responsible leader).
 */
import { daysBetween, type CivilDate } from './dates';

export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'blocked'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_CARDS = ['red', 'yellow'] as const;
export type TaskCard = (typeof TASK_CARDS)[number];
export type Escalation = 'responsible_person' | 'responsible_leader';

export interface TaskCardRule {
  /** A task is "due soon" this many days before its deadline. */
  soonDays: number;
  /** Below this progress (0–100) a task due soon earns a yellow card. */
  lowProgress: number;
}

export const DEFAULT_TASK_CARD_RULE: TaskCardRule = { soonDays: 7, lowProgress: 80 };

export interface TaskCardInput {
  dueOn: CivilDate;
  status: TaskStatus;
  progress: number;
  today: CivilDate;
}

export interface TaskCardResult {
  card: TaskCard | null;
  /** Days until the deadline (0 on the day itself, negative once passed). */
  daysLeft: number;
  overdue: boolean;
  dueSoon: boolean;
  escalateTo: Escalation | null;
  /** Why, in the words a notice would use. */
  reason: string | null;
}

export function taskCard(input: TaskCardInput, rule: Partial<TaskCardRule> = {}): TaskCardResult {
  const { soonDays, lowProgress } = { ...DEFAULT_TASK_CARD_RULE, ...rule };
  const daysLeft = daysBetween(input.today, input.dueOn);
  const none = { card: null, escalateTo: null, reason: null } as const;
  if (input.status === 'done') return { ...none, daysLeft, overdue: false, dueSoon: false };
  if (daysLeft < 0) {
    return { card: 'red', daysLeft, overdue: true, dueSoon: false, escalateTo: 'responsible_leader', reason: `已逾期 ${-daysLeft} 天，进度 ${input.progress}%` };
  }
  const dueSoon = daysLeft <= soonDays;
  // A blocked task near its deadline needs attention whatever its percentage says.
  if (dueSoon && (input.progress < lowProgress || input.status === 'blocked')) {
    const left = daysLeft === 0 ? '今天截止' : `距截止还有 ${daysLeft} 天`;
    return { card: 'yellow', daysLeft, overdue: false, dueSoon, escalateTo: 'responsible_person', reason: `${left}，进度 ${input.progress}%${input.status === 'blocked' ? '，工作受阻' : ''}` };
  }
  return { ...none, daysLeft, overdue: false, dueSoon };
}

export interface CardCount {
  key: string;
  total: number;
  red: number;
  yellow: number;
  done: number;
}

/** Tasks counted per owner (a department, or a person), owners with red cards first. */
export function countCards<T>(items: readonly T[], keyOf: (item: T) => string, resultOf: (item: T) => { card: TaskCard | null; done: boolean }): CardCount[] {
  const by = new Map<string, CardCount>();
  for (const item of items) {
    const key = keyOf(item);
    const c = by.get(key) ?? { key, total: 0, red: 0, yellow: 0, done: 0 };
    const r = resultOf(item);
    c.total++;
    if (r.card === 'red') c.red++;
    if (r.card === 'yellow') c.yellow++;
    if (r.done) c.done++;
    by.set(key, c);
  }
  return [...by.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
