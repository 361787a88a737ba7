import { DELIVERABLE_STATES } from '@tuanjian/contracts';
import { Empty, Grid, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useDeliverables, type DeliverableStatus, type Program, type TemplateDefinition } from '../../api/programs';
import { DELIVERABLE_STATE_COLORS, DELIVERABLE_STATE_LABELS, HOLDER_TYPE_LABELS, PERIOD_LABELS } from '../../labels';
import { RecordsDrawer } from './RecordsDrawer';

type Row = DeliverableStatus['rows'][number];
type Cell = Row['cells'][number];

/** Period keys as people read them; the whole-program period has no calendar name. */
export const periodName = (key: string) => (key === 'program' ? '整个周期' : key);

function cellText(row: Row, cell: Cell) {
  const late = cell.state === 'late' && cell.daysLate > 0 ? `，晚 ${cell.daysLate} 天` : '';
  return `${row.subjectName} ${periodName(cell.periodKey)}：${DELIVERABLE_STATE_LABELS[cell.state]}${late}，已交 ${cell.done}/${cell.required}${cell.due ? `，截止 ${cell.due}` : ''}`;
}

/** One deliverable: its subjects against its periods, each cell a state that opens the records handed in. */
function DeliverableTable({ item, onOpen }: { item: DeliverableStatus; onOpen: (row: Row, cell: Cell) => void }) {
  const screens = Grid.useBreakpoint();
  const periods = item.rows[0]?.cells.map((c) => c.periodKey) ?? [];
  return (
    <Table<Row>
      aria-label={`任务成果 ${item.deliverable.name}`}
      rowKey="subjectKey"
      size="small"
      bordered
      dataSource={item.rows}
      scroll={{ x: 'max-content' }}
      pagination={item.rows.length > 30 ? { pageSize: 30 } : false}
      locale={{ emptyText: '还没有承担这项任务的对象（名单确定后出现）' }}
      columns={[
        {
          title: '承担者',
          key: 'subject',
          fixed: 'left',
          width: screens.md ? 220 : 120,
          render: (_, r) => (
            <Space size={4} wrap>
              <span>{r.subjectName}</span>
              {r.subject.type !== 'org' && <Tag style={{ marginInlineEnd: 0 }}>{HOLDER_TYPE_LABELS[r.subject.type]}</Tag>}
            </Space>
          ),
        },
        ...periods.map((key) => ({
          title: periodName(key),
          key,
          align: 'center' as const,
          render: (_: unknown, row: Row) => {
            const cell = row.cells.find((c) => c.periodKey === key);
            if (!cell) return null;
            return (
              <button
                type="button"
                aria-label={cellText(row, cell)}
                title={cellText(row, cell)}
                onClick={() => onOpen(row, cell)}
                style={{ background: 'none', border: 0, padding: 2, cursor: 'pointer', font: 'inherit', minWidth: 72 }}
              >
                <Tag color={DELIVERABLE_STATE_COLORS[cell.state]} style={{ marginInlineEnd: 0 }}>{DELIVERABLE_STATE_LABELS[cell.state]}</Tag>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', marginTop: 2 }}>
                  {cell.done}/{cell.required}{cell.due ? ` · ${cell.due.slice(5)}` : ''}
                </div>
              </button>
            );
          },
        })),
      ]}
    />
  );
}

/** 任务成果: reports and materials each holder owes, per period — on time, late, missing, due soon or still to come. */
export function DeliverablesTab({ program, definition }: { program: Program; definition: TemplateDefinition }) {
  const status = useDeliverables(program.id);
  const [open, setOpen] = useState<{ row: Row; cell: Cell } | null>(null);
  const kindName = (id: string | null) => (id ? definition.recordKinds.find((k) => k.id === id)?.name ?? id : null);

  if (status.isLoading) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  if (status.isError) return <Typography.Paragraph type="danger">{status.error.message}</Typography.Paragraph>;
  const items = status.data?.items ?? [];
  if (items.length === 0) return <Empty description="本专项工作的模板没有任务成果" />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space size={4} wrap aria-label="图例">
        {DELIVERABLE_STATES.map((s) => <Tag key={s} color={DELIVERABLE_STATE_COLORS[s]}>{DELIVERABLE_STATE_LABELS[s]}</Tag>)}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>格内为 已交/应交 · 截止日期；点击查看报送的记录</Typography.Text>
      </Space>
      {items.map((item) => {
        const d = definition.deliverables.find((x) => x.id === item.deliverable.id);
        return (
          <section key={item.deliverable.id} aria-label={item.deliverable.name}>
            <Space wrap size={8} style={{ marginBottom: 8 }}>
              <Tag>{item.deliverable.ref}</Tag>
              <Typography.Text strong>{item.deliverable.name}</Typography.Text>
              <Typography.Text type="secondary">
                {d?.period ? PERIOD_LABELS[d.period] ?? d.period : '整个周期'}交 {item.deliverable.count} 份
                {kindName(item.deliverable.recordKind) ? `，以“${kindName(item.deliverable.recordKind)}”记录报送` : ''}
              </Typography.Text>
            </Space>
            <DeliverableTable item={item} onOpen={(row, cell) => setOpen({ row, cell })} />
          </section>
        );
      })}
      <RecordsDrawer
        programId={program.id}
        recordIds={open ? open.cell.recordIds : null}
        title={open ? `${open.row.subjectName} · ${periodName(open.cell.periodKey)}（${DELIVERABLE_STATE_LABELS[open.cell.state]} ${open.cell.done}/${open.cell.required}）` : ''}
        onClose={() => setOpen(null)}
      />
    </Space>
  );
}
