import { Button, Drawer, Grid, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMissed, type MissedItem } from '../../api/dashboard';
import { RecordsDrawer } from '../programs/RecordsDrawer';

export interface MissedQuery { under?: number; group?: number; month?: string; title: string }

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The obligation periods closed short of the minimum: who owed which records, how many, and what was done. */
export function MissedDrawer({ programId, query, onClose }: { programId: number; query: MissedQuery | null; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const { title, ...q } = query ?? { title: '' };
  const missed = useMissed(programId, query ? q : null);
  const [records, setRecords] = useState<{ title: string; ids: string[] } | null>(null);
  return (
    <Drawer open={query !== null} onClose={onClose} title={title} size={screens.md ? 820 : '100%'} destroyOnHidden>
      <Typography.Paragraph type="secondary">下列周期已结束而未达到要求：缺少的工作记录即“应有”与“已有”之差。</Typography.Paragraph>
      <Table<MissedItem>
        size="small"
        rowKey={(r) => `${r.obligationId}|${r.subjectKey}|${r.periodKey}`}
        loading={missed.isFetching}
        dataSource={missed.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
        aria-label="未达标的工作"
        columns={[
          { title: '对象', key: 'subject', render: (_, r) => <>{r.subjectName}<br /><Typography.Text type="secondary">{r.groupName}</Typography.Text></> },
          { title: '工作要求', key: 'obligation', render: (_, r) => `${r.ref} ${r.obligationName}` },
          { title: '周期', dataIndex: 'periodKey', width: 100 },
          {
            title: '应有 / 已有', key: 'counts', width: 120,
            render: (_, r) => <span aria-label={`应有 ${fmt(r.required)}，已有 ${fmt(r.done)}，缺 ${fmt(r.required - r.done)}`}>{fmt(r.required)} / {fmt(r.done)}（缺 {fmt(r.required - r.done)}）</span>,
          },
          { title: '状态', dataIndex: 'state', width: 90, render: (s: MissedItem['state']) => (s === 'missed' ? <Tag color="red">未达标</Tag> : <Tag color="gold">部分达标</Tag>) },
          {
            title: '记录', key: 'records', width: 100,
            render: (_, r) => (r.recordIds.length
              ? <Button size="small" onClick={() => setRecords({ title: `${r.subjectName} · ${r.obligationName} · ${r.periodKey}`, ids: r.recordIds.map(String) })}>{r.recordIds.length} 条</Button>
              : <Typography.Text type="secondary">无</Typography.Text>),
          },
        ]}
      />
      <RecordsDrawer programId={programId} title={records?.title ?? ''} recordIds={records?.ids ?? null} onClose={() => setRecords(null)} />
    </Drawer>
  );
}
