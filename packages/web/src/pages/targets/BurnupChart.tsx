import { Empty, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { Burnup } from '../../api/targets';
import { EChart } from './EChart';
import { PROJECTION_COLORS, PROJECTION_LABELS, projectionText } from './targetLabels';

/** 燃尽（累计）图: the counted orgs per snapshot day against the even-pace target line, to the deadline. */
export function BurnupChart({ data, unit }: { data: Burnup; unit: string }) {
  // Show the stretch that matters: from a week before the first snapshot (or the start) to the deadline.
  const rows = useMemo(() => {
    const first = data.rows.findIndex((r) => r.actual !== null);
    return first < 0 ? data.rows : data.rows.slice(Math.max(0, first - 7));
  }, [data.rows]);
  const hasActual = rows.some((r) => r.actual !== null);
  const option = useMemo(() => ({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: ['累计完成', '时序目标线'], top: 0 },
    grid: { left: 48, right: 64, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: rows.map((r) => r.date.slice(5)), boundaryGap: false },
    yAxis: { type: 'value', name: unit, minInterval: 1 },
    series: [
      { name: '累计完成', type: 'line', data: rows.map((r) => r.actual), connectNulls: true, symbolSize: 5, lineStyle: { width: 2 } },
      {
        name: '时序目标线', type: 'line', data: rows.map((r) => r.expected), symbol: 'none', lineStyle: { type: 'dashed', width: 1 },
        markLine: data.total === null ? undefined : { symbol: 'none', label: { formatter: `目标 ${data.total}` }, data: [{ yAxis: data.total }] },
      },
    ],
  }), [rows, unit, data.total]);

  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap size={8}>
        <Typography.Text strong>{data.orgName}</Typography.Text>
        <Typography.Text type="secondary">目标 {data.total ?? '—'}{unit}，截止 {data.deadline}</Typography.Text>
        {data.projection && <Tag color={PROJECTION_COLORS[data.projection.status]}>{PROJECTION_LABELS[data.projection.status]}</Tag>}
        {data.projection && <Typography.Text>{projectionText(data.projection)}（近7天每天 {data.projection.ratePerDay.toFixed(1)}{unit}）</Typography.Text>}
      </Space>
      {hasActual
        ? <EChart option={option} height={280} label={`${data.orgName}累计完成与目标线`} />
        : <Empty description="还没有进度快照：生成快照后显示累计完成曲线" />}
    </Space>
  );
}
