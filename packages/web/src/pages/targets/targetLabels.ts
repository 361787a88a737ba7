import type { Projection, TaskView } from '../../api/targets';

export const PROJECTION_LABELS: Record<Projection['status'], string> = {
  met: '已完成', on_track: '可按期完成', behind: '预计逾期', overdue: '已过期限', no_progress: '近期无进展',
};
export const PROJECTION_COLORS: Record<Projection['status'], string> = {
  met: 'green', on_track: 'blue', behind: 'orange', overdue: 'red', no_progress: 'default',
};
export const SPLIT_METHOD_LABELS: Record<string, string> = { equal: '平均分解', weight: '按权重', key_area: '重点区域加权', hand: '手工分解' };
export const SPLIT_BASIS_LABELS: Record<string, string> = { equal: '各单位相同', villages: '按村（社区）数', imported: '导入的权重' };
export const TASK_STATUS_LABELS: Record<TaskView['status'], string> = { not_started: '未开始', in_progress: '进行中', done: '已完成', blocked: '受阻' };
export const TASK_STATUS_COLORS: Record<TaskView['status'], string> = { not_started: 'default', in_progress: 'processing', done: 'success', blocked: 'warning' };
export const BULLETIN_KIND_LABELS: Record<string, string> = { daily: '日通报', weekly: '周通报', half_monthly: '半月通报', quarterly: '季度通报' };

export const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);

/** One line on a projection: "预计 2012-12-11 完成", or why there is no date. */
export function projectionText(p: Projection | null | undefined): string {
  if (!p) return '—';
  if (p.status === 'met') return p.date ? `${p.date} 已完成` : '已完成';
  if (!p.date) return PROJECTION_LABELS[p.status];
  return `预计 ${p.date} 完成`;
}
