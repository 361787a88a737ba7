import { App, Breadcrumb, Button, Card, Empty, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Program } from '../../api/programs';
import { useBurnup, useTakeSnapshot, useTargetParts, useTargets, type TargetPart, type TargetSummary } from '../../api/targets';
import { useReportError } from '../../components/useReportError';
import { BurnupChart } from './BurnupChart';
import { SplitDialog } from './SplitDialog';
import { percent, PROJECTION_COLORS, PROJECTION_LABELS, projectionText, SPLIT_METHOD_LABELS } from './targetLabels';

/** 目标分解与进度: a target's parts under an org, drilled down where a part was split further, with its burn-up. */
export function TargetsPanel({ program }: { program: Program }) {
  const targets = useTargets(program.id);
  const items = targets.data?.items ?? [];
  const [key, setKey] = useState<string | undefined>(undefined);
  const target = items.find((t) => t.key === key) ?? items.find((t) => t.splittable) ?? items[0];
  const [trail, setTrail] = useState<{ id: number; name: string }[]>([]);
  const parentId = trail.at(-1)?.id;
  const parts = useTargetParts(program.id, target?.splittable ? target.key : undefined, parentId);
  const [chartOrg, setChartOrg] = useState<number | undefined>(undefined);
  const burnup = useBurnup(program.id, target?.splittable && target.countsKind ? target.key : undefined, chartOrg ?? parentId);
  const [splitting, setSplitting] = useState(false);
  const snapshot = useTakeSnapshot(program.id);
  const { message } = App.useApp();
  const report = useReportError();

  if (targets.isError) return <Typography.Paragraph type="danger">{targets.error.message}</Typography.Paragraph>;
  if (!targets.isLoading && items.length === 0) return <Empty description="本专项工作的模板没有量化目标" />;
  const view = parts.data;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Table<TargetSummary>
        aria-label="量化目标"
        size="small"
        rowKey="key"
        loading={targets.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowSelection={{ type: 'radio', selectedRowKeys: target ? [target.key] : [], onChange: (keys) => { setKey(String(keys[0])); setTrail([]); setChartOrg(undefined); } }}
        columns={[
          { title: '目标', key: 'name', render: (_, t) => <Space size={4}><Tag>{t.ref}</Tag><span style={{ whiteSpace: 'normal' }}>{t.name}</span></Space> },
          { title: '目标值', key: 'target', render: (_, t) => (t.target === null ? '按单位核定' : `${t.op ?? ''} ${t.target} ${t.unit}${t.perSubject ? `（每个${t.subjectName ?? '单位'}）` : ''}`) },
          { title: '截止', dataIndex: 'deadline' },
          { title: '完成', key: 'actual', render: (_, t) => (t.actual === null ? <Typography.Text type="secondary">{t.countsKind ? '—' : '暂无数据来源'}</Typography.Text> : `${t.actual} ${t.unit}（${percent(t.rate)}）`) },
          { title: '预计', key: 'projection', render: (_, t) => (t.projection ? <Tag color={PROJECTION_COLORS[t.projection.status]}>{projectionText(t.projection)}</Tag> : '—') },
          { title: '分解', key: 'splits', render: (_, t) => (t.splits.length ? t.splits.map((s) => `${s.parentOrgName}：${SPLIT_METHOD_LABELS[s.method]} ${s.parts} 个单位`).join('；') : t.splittable ? '未分解' : '不需分解') },
        ]}
      />
      {target?.splittable && (
        <Card size="small" title={
          <Breadcrumb items={[{ title: <a onClick={() => { setTrail([]); setChartOrg(undefined); }}>{program.scopeOrgName}</a> }, ...trail.map((o, i) => ({ title: <a onClick={() => { setTrail(trail.slice(0, i + 1)); setChartOrg(undefined); }}>{o.name}</a> }))]} />
        } extra={
          <Space wrap>
            {targets.data?.abilities.manage && target.countsKind && (
              <Button size="small" loading={snapshot.isPending} onClick={() => snapshot.mutate(undefined, { onSuccess: (r) => message.success(`已生成 ${r.date} 的进度快照（${r.rows} 条）`), onError: (e) => report(e) })}>生成今日快照</Button>
            )}
            {view?.abilities.split && view.whole !== null && <Button size="small" type="primary" onClick={() => setSplitting(true)}>分解目标</Button>}
          </Space>
        }>
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {view ? `${view.parentOrgName}：目标任务 ${view.whole ?? '—'} ${target.unit}` : ''}
              {view?.split ? `，${SPLIT_METHOD_LABELS[view.split.method]}，分到 ${view.parts.length} 个单位，合计 ${view.sum}` : view ? '，尚未分解' : ''}
            </Typography.Text>
            {parts.isError && <Typography.Text type="danger">{parts.error.message}</Typography.Text>}
            <Table<TargetPart>
              aria-label="目标分解"
              size="small"
              rowKey="orgId"
              loading={parts.isFetching}
              dataSource={view?.parts ?? []}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 15, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个单位` }}
              locale={{ emptyText: '尚未分解目标' }}
              columns={[
                { title: '单位', key: 'org', fixed: 'left', render: (_, p) => <Space size={4}>{p.orgName}{p.keyArea && <Tag color="gold">重点</Tag>}</Space> },
                { title: '目标', dataIndex: 'amount', sorter: (a, b) => a.amount - b.amount },
                { title: '权重', dataIndex: 'weight', render: (w: number | null) => w ?? '—' },
                { title: '已完成', dataIndex: 'actual', render: (a: number | null) => a ?? '—', sorter: (a, b) => (a.actual ?? 0) - (b.actual ?? 0) },
                { title: '完成率', key: 'rate', sorter: (a, b) => (a.rate ?? 0) - (b.rate ?? 0), render: (_, p) => (p.rate === null ? '—' : <Progress percent={Math.round(p.rate * 1000) / 10} size="small" style={{ width: 120 }} aria-label={`${p.orgName}完成率`} />) },
                { title: '预计完成', key: 'projection', render: (_, p) => (p.projection ? <Tag color={PROJECTION_COLORS[p.projection.status]} title={PROJECTION_LABELS[p.projection.status]}>{projectionText(p.projection)}</Tag> : '—') },
                {
                  title: '操作', key: 'actions', render: (_, p) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setChartOrg(p.orgId)} aria-label={`${p.orgName}进度图`}>进度图</Button>
                      <Button type="link" size="small" onClick={() => { setTrail([...trail, { id: p.orgId, name: p.orgName }]); setChartOrg(undefined); }} aria-label={`${p.orgName}下级分解`}>
                        {p.splitFurther ? '下级分解' : '分解到下级'}
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
            {burnup.data && <BurnupChart data={burnup.data} unit={target.unit} />}
            {burnup.isError && <Typography.Text type="danger">{burnup.error.message}</Typography.Text>}
          </Space>
        </Card>
      )}
      {splitting && target && view && <SplitDialog programId={program.id} target={target} current={view} onClose={() => setSplitting(false)} />}
    </Space>
  );
}
