import { App, Button, Empty, Popconfirm, Select, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useAssessmentScores, useAssessments, useWithdrawAdjustment, type SubjectScore } from '../../api/assessment';
import { apiUrl } from '../../api/client';
import type { Program } from '../../api/programs';
import { useReportError } from '../../components/useReportError';
import { RecordsDrawer } from '../programs/RecordsDrawer';
import { AdjustModal } from './AdjustModal';

const fmt = (n: number | null) => (n === null ? '—' : String(n));

/** 年度考核: the ranking with every component's points, the sum in words, the records behind them and the adjustments. */
export default function AssessmentTab({ program }: { program: Program }) {
  const list = useAssessments(program.id);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const id = picked ?? list.data?.items[0]?.id;
  const scores = useAssessmentScores(program.id, id);
  const [adjusting, setAdjusting] = useState<SubjectScore | null>(null);
  const [records, setRecords] = useState<{ title: string; ids: string[] } | null>(null);
  const withdraw = useWithdrawAdjustment(program.id, id ?? '');
  const report = useReportError();
  const { message } = App.useApp();

  if (list.isLoading) return <Spin />;
  if (!list.data?.items.length) return <Empty description="本专项工作的模板没有年度考核" />;
  const data = scores.data;
  const scheme = list.data.items.find((a) => a.id === id)!;

  const componentColumns = scheme.components.map((c, i) => ({
    title: `${c.label}（${c.weight}）`, key: c.id, width: 120,
    render: (_: unknown, r: SubjectScore) => {
      const s = r.components[i]!;
      return (
        <Tooltip title={s.explanation}>
          {s.recordIds.length
            ? <Button type="link" size="small" style={{ padding: 0 }} aria-label={`${r.name} ${c.label} ${fmt(s.points)} 分，查看记录`} onClick={() => setRecords({ title: `${r.name} · ${c.label}：${s.explanation}`, ids: s.recordIds.map(String) })}>{fmt(s.points)}</Button>
            : <span aria-label={`${r.name} ${c.label} ${s.points === null ? '不适用' : `${s.points} 分`}`}>{s.points === null ? <Typography.Text type="secondary">不适用</Typography.Text> : s.points}</span>}
        </Tooltip>
      );
    },
  }));

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label="考核" value={id} onChange={setPicked} style={{ minWidth: 260 }} options={list.data.items.map((a) => ({ value: a.id, label: `${a.name}（满分 ${a.fullMark}）` }))} />
        {id && <Button href={apiUrl(`/programs/${program.id}/assessments/${encodeURIComponent(id)}/xlsx`)}>导出 Excel</Button>}
        {data && <Typography.Text type="secondary">截至 {data.asOf}，按记录实时计算；不适用的考核项按其余项折算满分</Typography.Text>}
      </Space>
      <Table<SubjectScore>
        size="small"
        rowKey="subjectKey"
        loading={scores.isFetching}
        dataSource={data?.rows ?? []}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        scroll={{ x: 480 + scheme.components.length * 120 }}
        aria-label="考核排名"
        columns={[
          { title: '排名', dataIndex: 'rank', width: 60, fixed: 'left', render: (r: number | null) => r ?? '—' },
          { title: '考核对象', dataIndex: 'name', width: 200, fixed: 'left' },
          ...componentColumns,
          { title: '基础分', dataIndex: 'base', width: 80, render: fmt },
          {
            title: '调整', key: 'adjustment', width: 180,
            render: (_: unknown, r: SubjectScore) => (
              <Space orientation="vertical" size={2}>
                {r.adjustments.map((a) => (
                  <Space key={a.id} size={4} wrap>
                    <Tag color={a.points < 0 ? 'red' : 'green'}>{a.points > 0 ? '+' : ''}{a.points}</Tag>
                    <Typography.Text style={{ fontSize: 12 }}>{a.reason}</Typography.Text>
                    {data?.canAdjust && (
                      <Popconfirm title="撤销这次调整？" okText="撤销" cancelText="取消"
                        onConfirm={() => withdraw.mutateAsync({ adjustmentId: a.id, reason: '发文单位撤销调整' }).then(() => message.success('已撤销')).catch((e) => report(e))}>
                        <Button size="small" type="link">撤销</Button>
                      </Popconfirm>
                    )}
                  </Space>
                ))}
                {data?.canAdjust && <Button size="small" onClick={() => setAdjusting(r)}>调整分值</Button>}
              </Space>
            ),
          },
          { title: '总分', dataIndex: 'total', width: 80, fixed: 'right', render: (v: number | null) => <Typography.Text strong>{fmt(v)}</Typography.Text> },
        ]}
      />
      {id && <AdjustModal programId={program.id} assessmentId={id} subject={adjusting} max={scheme.maxAdjustment} onClose={() => setAdjusting(null)} />}
      <RecordsDrawer programId={program.id} title={records?.title ?? ''} recordIds={records?.ids ?? null} onClose={() => setRecords(null)} />
    </Space>
  );
}
