import { RISKS } from '@tuanjian/contracts';
import { Button, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useRisks, type Program, type RiskItem } from '../../api/programs';
import { HOLDER_TYPE_LABELS, RISK_COLORS, RISK_LABELS } from '../../labels';
import { periodName } from './DeliverablesTab';
import { RecordsDrawer } from './RecordsDrawer';

const SOURCE_LABELS: Record<RiskItem['source'], string> = { obligation: '工作要求', deliverable: '任务成果' };
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
type RiskFilter = 'all' | RiskItem['risk'];

/** 逾期与风险: periods closed short of the minimum, deliverables not handed in, and what closes soon unmet. */
export function RisksTab({ program }: { program: Program }) {
  const [soonDays, setSoonDays] = useState(7);
  const [risk, setRisk] = useState<RiskFilter>('all');
  const [source, setSource] = useState<RiskItem['source'] | 'all'>('all');
  const [item, setItem] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState<RiskItem | null>(null);
  const risks = useRisks(program.id, soonDays);
  const all = risks.data?.items ?? [];
  const shown = useMemo(
    () => all.filter((r) => (risk === 'all' || r.risk === risk) && (source === 'all' || r.source === source) && (!item || `${r.source}.${r.itemId}` === item)),
    [all, risk, source, item],
  );
  const itemOptions = useMemo(
    () => [...new Map(all.map((r) => [`${r.source}.${r.itemId}`, { value: `${r.source}.${r.itemId}`, label: `${r.ref} ${r.itemName}` }])).values()],
    [all],
  );
  const count = (r: RiskItem['risk']) => all.filter((x) => x.risk === r).length;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap size={[12, 8]}>
        <Segmented<RiskFilter>
          aria-label="风险"
          value={risk}
          onChange={setRisk}
          options={[{ value: 'all', label: `全部 ${all.length}` }, ...RISKS.map((r) => ({ value: r, label: `${RISK_LABELS[r]} ${count(r)}` }))]}
        />
        <Select
          aria-label="来源"
          value={source}
          onChange={setSource}
          style={{ width: 128 }}
          options={[{ value: 'all', label: '全部来源' }, { value: 'obligation', label: '工作要求' }, { value: 'deliverable', label: '任务成果' }]}
        />
        <Select
          aria-label="事项"
          allowClear
          placeholder="全部事项"
          value={item}
          onChange={setItem}
          style={{ width: 240, maxWidth: '100%' }}
          popupMatchSelectWidth={false}
          options={itemOptions}
        />
        <Select
          aria-label="提前提醒"
          value={soonDays}
          onChange={setSoonDays}
          style={{ width: 150 }}
          options={[3, 7, 14, 30].map((d) => ({ value: d, label: `${d} 天内到期提醒` }))}
        />
      </Space>
      <Typography.Text type="secondary">
        {risks.data ? `统计日期 ${risks.data.today}。` : ''}已逾期：期间已结束仍未达到要求或任务未交；有风险：{soonDays} 天内截止但尚未完成。
      </Typography.Text>
      {risks.isError && <Typography.Paragraph type="danger">{risks.error.message}</Typography.Paragraph>}
      <Table<RiskItem>
        aria-label="逾期与风险"
        rowKey={(r) => `${r.source}.${r.itemId}.${r.subjectKey}.${r.periodKey}`}
        size="small"
        loading={risks.isFetching}
        dataSource={shown}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 项` }}
        locale={{ emptyText: all.length ? '没有符合筛选条件的事项' : '没有逾期或有风险的事项' }}
        columns={[
          { title: '风险', dataIndex: 'risk', fixed: 'left', render: (r: RiskItem['risk']) => <Tag color={RISK_COLORS[r]}>{RISK_LABELS[r]}</Tag> },
          { title: '来源', dataIndex: 'source', render: (s: RiskItem['source']) => SOURCE_LABELS[s] },
          {
            title: '事项',
            key: 'item',
            render: (_, r) => (
              <Space size={4}>
                <Tag style={{ marginInlineEnd: 0 }}>{r.ref}</Tag>
                <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 240 }}>{r.itemName}</span>
              </Space>
            ),
          },
          {
            title: '承担者',
            key: 'subject',
            render: (_, r) => (
              <Space size={4} wrap>
                <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 220 }}>{r.subjectName}</span>
                {r.subject.type !== 'org' && <Tag style={{ marginInlineEnd: 0 }}>{HOLDER_TYPE_LABELS[r.subject.type]}</Tag>}
              </Space>
            ),
          },
          { title: '期间', dataIndex: 'periodKey', render: periodName },
          { title: '截止', dataIndex: 'closes', render: (v: string | null) => v ?? '—' },
          {
            title: '完成/要求',
            key: 'done',
            render: (_, r) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                aria-label={`${r.subjectName} ${r.itemName} ${periodName(r.periodKey)} 的记录`}
                onClick={() => setOpen(r)}
              >
                {fmt(r.done)}/{fmt(r.required)}
              </Button>
            ),
          },
        ]}
      />
      <RecordsDrawer
        programId={program.id}
        recordIds={open ? open.recordIds : null}
        title={open ? `${open.subjectName} · ${open.itemName} · ${periodName(open.periodKey)}` : ''}
        onClose={() => setOpen(null)}
      />
    </Space>
  );
}
