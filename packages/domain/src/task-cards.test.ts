import { describe, expect, it } from 'vitest';
import { countCards, taskCard } from './task-cards';

describe('S2.1 yellow and red cards on tasks', () => {
  const due = '2020-11-30';

  it('S2.1 red card once the deadline has passed, escalated to the responsible leader', () => {
    expect(taskCard({ dueOn: due, status: 'in_progress', progress: 90, today: '2020-12-01' })).toEqual({
      card: 'red', daysLeft: -1, overdue: true, dueSoon: false, escalateTo: 'responsible_leader', reason: '已逾期 1 天，进度 90%',
    });
    expect(taskCard({ dueOn: due, status: 'not_started', progress: 0, today: '2021-01-30' }).reason).toBe('已逾期 61 天，进度 0%');
  });

  it('S2.1 yellow card when the deadline is near and progress low, to the responsible person', () => {
    expect(taskCard({ dueOn: due, status: 'in_progress', progress: 30, today: '2020-11-25' })).toEqual({
      card: 'yellow', daysLeft: 5, overdue: false, dueSoon: true, escalateTo: 'responsible_person', reason: '距截止还有 5 天，进度 30%',
    });
    expect(taskCard({ dueOn: due, status: 'in_progress', progress: 30, today: due }).reason).toBe('今天截止，进度 30%');
  });

  it('no card: far from the deadline, or near it with the work nearly done, or done', () => {
    expect(taskCard({ dueOn: due, status: 'not_started', progress: 0, today: '2020-11-22' })).toMatchObject({ card: null, daysLeft: 8, dueSoon: false });
    expect(taskCard({ dueOn: due, status: 'in_progress', progress: 80, today: '2020-11-29' })).toMatchObject({ card: null, dueSoon: true });
    expect(taskCard({ dueOn: due, status: 'done', progress: 100, today: '2021-03-01' })).toMatchObject({ card: null, overdue: false });
    // done late is still done: the card is for work that is still open
    expect(taskCard({ dueOn: due, status: 'done', progress: 60, today: '2020-12-20' }).card).toBeNull();
  });

  it('the rule is adjustable: N days and the progress threshold', () => {
    const input = { dueOn: due, status: 'in_progress' as const, progress: 55, today: '2020-11-16' };
    expect(taskCard(input).card).toBeNull();
    expect(taskCard(input, { soonDays: 14 }).card).toBe('yellow');
    expect(taskCard(input, { soonDays: 14, lowProgress: 50 }).card).toBeNull();
  });

  it('a blocked task near its deadline gets a yellow card whatever its percentage', () => {
    expect(taskCard({ dueOn: due, status: 'blocked', progress: 95, today: '2020-11-28' })).toMatchObject({ card: 'yellow', reason: '距截止还有 2 天，进度 95%，工作受阻' });
  });

  it('counts cards per department, red first', () => {
    const tasks = [
      { dept: '组织部', card: 'red' as const, done: false },
      { dept: '组织部', card: null, done: true },
      { dept: '学校部', card: 'yellow' as const, done: false },
      { dept: '青发部', card: 'red' as const, done: false },
      { dept: '青发部', card: 'red' as const, done: false },
    ];
    expect(countCards(tasks, (t) => t.dept, (t) => t)).toEqual([
      { key: '青发部', total: 2, red: 2, yellow: 0, done: 0 },
      { key: '组织部', total: 2, red: 1, yellow: 0, done: 1 },
      { key: '学校部', total: 1, red: 0, yellow: 1, done: 0 },
    ]);
  });
});
