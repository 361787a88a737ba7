import { Button, Empty, Rate, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useRatingBoard, type RatingRow } from '../../api/ratings';
import type { Program, TemplateDefinition } from '../../api/programs';
import { ScoreModal, type ScoreTarget } from './ScoreModal';

const STATUS: Record<RatingRow['status'], { label: string; color: string }> = {
  none: { label: '未自评', color: 'default' }, self_scored: { label: '待审核', color: 'processing' }, reviewed: { label: '已审核', color: 'success' }, returned: { label: '已退回', color: 'error' },
};

function Board({ program, standardId }: { program: Program; standardId: string }) {
  const board = useRatingBoard(program.id, standardId);
  const [target, setTarget] = useState<ScoreTarget | null>(null);
  const b = board.data;
  if (!b) return board.isError ? <Empty description={board.error.message} /> : <Spin />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        {b.quotas.map((q) => <Tag key={q.stars}>{q.stars} 星（≥{q.minScore} 分）{q.used}{q.max === null ? '' : ` / 限 ${q.max}`}</Tag>)}
        <Typography.Text type={b.standard.locked ? 'danger' : 'secondary'}>{b.standard.lockOn ? `${b.standard.lockOn} ${b.standard.locked ? '已锁定' : '锁定'}` : ''}</Typography.Text>
        {!b.standard.locked && <Button type="primary" onClick={() => setTarget({ mode: 'self', row: null })}>为团支部自评</Button>}
      </Space>
      <Table<RatingRow>
        size="small" rowKey="orgId" dataSource={b.rows} pagination={{ pageSize: 30, hideOnSinglePage: true }} scroll={{ x: 760 }} aria-label="定级名单"
        columns={[
          { title: '团支部', dataIndex: 'orgName', width: 200 },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: RatingRow['status'], r) => <Tooltip title={r.returnReason}><Tag color={STATUS[s].color}>{STATUS[s].label}</Tag></Tooltip> },
          { title: '自评分', dataIndex: 'selfTotal', width: 80 },
          { title: '审核分', dataIndex: 'reviewedTotal', width: 80, render: (v: number | null) => v ?? '—' },
          {
            title: '星级', key: 'stars', width: 180,
            render: (_, r) => (r.stars === null ? '—' : (
              <Tooltip title={r.starsReason ? `分数可评 ${r.earned} 星；${r.starsReason}` : undefined}>
                <span aria-label={`${r.orgName} ${r.stars} 星${r.starsReason ? `（${r.starsReason}）` : ''}`}><Rate disabled value={r.stars} count={5} style={{ fontSize: 14 }} />{r.starsReason && <Typography.Text type="warning"> ！</Typography.Text>}</span>
              </Tooltip>
            )),
          },
          {
            title: '操作', key: 'actions', width: 160,
            render: (_, r) => (
              <Space>
                {r.canSelfScore && r.status !== 'reviewed' && <Button size="small" onClick={() => setTarget({ mode: 'self', row: r })}>自评</Button>}
                {r.canReview && r.status === 'self_scored' && <Button size="small" type="primary" onClick={() => setTarget({ mode: 'review', row: r })}>审核</Button>}
              </Space>
            ),
          },
        ]}
      />
      <ScoreModal programId={program.id} board={b} target={target} onClose={() => setTarget(null)} />
    </Space>
  );
}

/** 对标定级: every scored standard of the program, with its quotas and the branches' self-scores and reviews. */
export default function RatingsTab({ program, definition }: { program: Program; definition: TemplateDefinition }) {
  const rated = (definition.standards ?? []).filter((s) => (s as { rating?: unknown }).rating);
  if (!rated.length) return <Empty description="本专项工作没有定级标准" />;
  return (
    <Space orientation="vertical" size={24} style={{ width: '100%' }}>
      {rated.map((s) => (
        <div key={s.id}>
          <Typography.Title level={5}>{s.name}</Typography.Title>
          <Board program={program} standardId={s.id} />
        </div>
      ))}
    </Space>
  );
}
