import { COMPLIANCE_STATES } from '@tuanjian/contracts';
import { Alert, Drawer, Empty, Grid, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useCompliance, useRecordsByIds, type ComplianceMatrix, type Program, type TemplateDefinition } from '../../api/programs';
import { COMPLIANCE_STATE_LABELS, COMPLIANCE_STATE_STYLES, HOLDER_TYPE_LABELS, MEASURE_LABELS, PERIOD_LABELS } from '../../labels';
import { RecordsTable } from './RecordsTab';

type Row = ComplianceMatrix['rows'][number];
type Cell = Row['cells'][number];

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** 合规矩阵: each subject of an obligation against each period, colored by whether it met the minimum. */
export function ComplianceTab({ program, definition, loadingTemplate }: { program: Program; definition: TemplateDefinition; loadingTemplate: boolean }) {
  const screens = Grid.useBreakpoint();
  const firstRoleObligation = definition.obligations.find((o) => o.who.kind === 'role')?.id ?? definition.obligations[0]?.id;
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const obligation = chosen ?? firstRoleObligation;
  const matrix = useCompliance(program.id, obligation);
  const [open, setOpen] = useState<{ row: Row; cell: Cell } | null>(null);
  const records = useRecordsByIds(program.id, open?.cell.recordIds ?? []);

  if (loadingTemplate) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  if (definition.obligations.length === 0) return <Empty description="本专项工作的模板没有定期工作要求" />;

  const m = matrix.data;
  // Obligations not held by a role (e.g. a department's) have no matrix here; the server says why.
  const notApplicable = matrix.error instanceof ApiError && matrix.error.status === 400;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Select
        aria-label="工作要求"
        value={obligation}
        onChange={setChosen}
        style={{ width: '100%', maxWidth: 560 }}
        options={definition.obligations.map((o) => ({ value: o.id, label: `${o.ref} ${o.name}` }))}
      />
      {notApplicable && <Alert type="info" showIcon title={matrix.error?.message} />}
      {matrix.isError && !notApplicable && <Alert type="error" showIcon title={matrix.error.message} />}
      {matrix.isLoading && <Spin style={{ display: 'block', margin: '24px auto' }} />}
      {m && !matrix.isError && (
        <>
          <Typography.Text type="secondary">
            {m.obligation.ref} {m.obligation.name}：{PERIOD_LABELS[m.obligation.period] ?? m.obligation.period}
            {MEASURE_LABELS[m.obligation.measure] ?? m.obligation.measure}不少于 {fmt(m.obligation.min)}
          </Typography.Text>
          <Space size={4} wrap aria-label="图例">
            {COMPLIANCE_STATES.map((s) => (
              <Tag key={s} style={{ ...COMPLIANCE_STATE_STYLES[s], borderColor: 'transparent' }}>{COMPLIANCE_STATE_LABELS[s]}</Tag>
            ))}
          </Space>
          <Table<Row>
            aria-label="合规矩阵"
            rowKey="subjectKey"
            size="small"
            bordered
            loading={matrix.isFetching}
            dataSource={m.rows}
            pagination={m.rows.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '还没有承担这项要求的对象（名单确定后出现）' }}
            columns={[
              {
                title: '承担者',
                dataIndex: 'subjectName',
                fixed: 'left',
                width: screens.md ? 200 : 120,
                // Departments and cadres read as 'committee·name'; the tag says which of the two it is.
                render: (name: string, row: Row) => (
                  <Space size={4} wrap>
                    <span>{name}</span>
                    {row.subject.type !== 'org' && <Tag style={{ marginInlineEnd: 0 }}>{HOLDER_TYPE_LABELS[row.subject.type]}</Tag>}
                  </Space>
                ),
              },
              ...m.periods.map((p) => ({
                title: <span title={`${p.start} 至 ${p.end}`}>{p.key}</span>,
                key: p.key,
                align: 'center' as const,
                onCell: () => ({ style: { padding: 0 } }),
                render: (_: unknown, row: Row) => {
                  const cell = row.cells.find((c) => c.periodKey === p.key);
                  if (!cell) return null;
                  const label = COMPLIANCE_STATE_LABELS[cell.state];
                  return (
                    <button
                      type="button"
                      title={`${cell.periodKey}：${label} ${fmt(cell.done)}/${fmt(cell.required)}`}
                      aria-label={`${row.subjectName} ${cell.periodKey}：${label} ${fmt(cell.done)}/${fmt(cell.required)}`}
                      onClick={() => setOpen({ row, cell })}
                      style={{
                        ...COMPLIANCE_STATE_STYLES[cell.state],
                        border: 0, width: '100%', minWidth: 64, padding: '6px 4px', cursor: 'pointer', font: 'inherit',
                      }}
                    >
                      {fmt(cell.done)}/{fmt(cell.required)}
                    </button>
                  );
                },
              })),
            ]}
          />
        </>
      )}
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        title={open ? `${open.row.subjectName} · ${open.cell.periodKey}（${COMPLIANCE_STATE_LABELS[open.cell.state]} ${fmt(open.cell.done)}/${fmt(open.cell.required)}）` : ''}
        size={screens.md ? 720 : '100%'}
        destroyOnHidden
      >
        {open && open.cell.recordIds.length === 0 ? (
          <Empty description="该期间没有计入的工作记录" />
        ) : (
          <RecordsTable records={records.data ?? []} loading={records.isFetching} />
        )}
      </Drawer>
    </Space>
  );
}
