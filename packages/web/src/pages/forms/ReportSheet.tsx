import { DatePicker, Descriptions, Input, InputNumber, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import type { FormCell, FormColumn, FormReport, FormRow } from '../../api/forms';
import { cellText, periodName, when } from './formText';

export type TypedValue = number | string | null;

/** The cell's key → what the reporter typed and has not saved yet. */
export type Edits = Record<string, TypedValue>;

const LINK_CELL = {
  background: 'none', border: 0, padding: '2px 4px', margin: '-2px -4px', cursor: 'pointer', font: 'inherit', color: '#0958d9',
  textDecoration: 'underline dotted', textUnderlineOffset: 3, textAlign: 'inherit', whiteSpace: 'pre-wrap', minWidth: 24,
} as const;

function figuresText(cell: FormCell): string {
  const f = cell.figures;
  const basis = cell.counts === 'verified' ? '（表中计已核实数）' : cell.counts === 'reported' ? '（表中计上报数）' : '';
  if (!f) return cell.source === 'attribute' ? '来自组织信息，点击查看' : '点击查看计入的记录';
  const n = (x: number | null) => (x === null ? '—' : cellText(x));
  return `上报 ${n(f.reported)} · 核实 ${n(f.verified)} · 抽查 ${n(f.spotChecked)}${basis}`;
}

interface CellProps {
  row: { key: string; label: string };
  column: FormColumn;
  cell: FormCell | undefined;
  edits: Edits;
  errors: Record<string, string>;
  onEdit: (key: string, value: TypedValue) => void;
  onOpen: (row: string, column: string) => void;
}

/** A typed cell the reporter may fill: a number, a date or text, by its column's type. */
function TypedInput({ cell, column, label, value, error, onEdit }: {
  cell: FormCell; column: FormColumn; label: string; value: TypedValue; error: string | undefined; onEdit: (key: string, value: TypedValue) => void;
}) {
  const status = error ? 'error' as const : undefined;
  const input = column.typedType === 'number'
    ? <InputNumber aria-label={label} status={status} min={0} value={typeof value === 'number' ? value : null} onChange={(v) => onEdit(cell.key, v ?? null)} style={{ width: 110 }} />
    : column.typedType === 'date'
      ? <DatePicker aria-label={label} status={status} inputReadOnly value={typeof value === 'string' && value ? dayjs(value) : null} onChange={(d) => onEdit(cell.key, d ? d.format('YYYY-MM-DD') : null)} style={{ width: 140 }} />
      : <Input.TextArea aria-label={label} status={status} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} value={typeof value === 'string' ? value : ''} onChange={(e) => onEdit(cell.key, e.target.value)} style={{ minWidth: 140 }} />;
  return (
    <div>
      {input}
      {error && <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>{error}</Typography.Text>}
    </div>
  );
}

function typedNote(cell: FormCell): string | null {
  return cell.typedBy ? `${cell.typedBy} 于 ${when(cell.typedAt)} 填写` : null;
}

function Cell({ row, column, cell, edits, errors, onEdit, onOpen }: CellProps): ReactNode {
  if (!cell) return null;
  const label = `${row.label} ${column.label}`;
  if (cell.source === 'typed') {
    const note = typedNote(cell);
    const by = note && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{note}</Typography.Text>;
    if (cell.editable) {
      const value = cell.key in edits ? edits[cell.key]! : cell.value;
      return (
        <Tooltip title={column.typedReason ? `需填写：${column.typedReason}` : undefined}>
          <div><TypedInput cell={cell} column={column} label={label} value={value} error={errors[cell.key]} onEdit={onEdit} />{by}</div>
        </Tooltip>
      );
    }
    return <div style={{ whiteSpace: 'pre-wrap' }}>{cellText(cell.value)}{by}</div>;
  }
  const text = cellText(cell.value);
  const hint = figuresText(cell);
  return (
    <Tooltip title={hint}>
      <button type="button" style={LINK_CELL} aria-label={`${label}：${text || '空'}，${hint}`} onClick={() => onOpen(row.key, column.id)}>
        {text || '—'}
      </button>
    </Tooltip>
  );
}

/** Columns of the attachment: neighbours that share a group sit under one grouped header. */
function grouped(columns: FormColumn[], leaf: (c: FormColumn) => ColumnsType<FormRow>[number]): ColumnsType<FormRow> {
  const out: ColumnsType<FormRow> = [];
  for (let i = 0; i < columns.length;) {
    const group = columns[i]!.group;
    let j = i + 1;
    while (group && j < columns.length && columns[j]!.group === group) j++;
    out.push(group ? { title: group, key: `group-${i}`, align: 'center', children: columns.slice(i, j).map(leaf) } : leaf(columns[i]!));
    i = j;
  }
  return out;
}

/** One reporter's form laid out as the official attachment: title, stamp and date lines, the table, footer and notes. */
export function ReportSheet({ report, edits, errors, onEdit, onOpen }: {
  report: FormReport; edits: Edits; errors: Record<string, string>; onEdit: (key: string, value: TypedValue) => void; onOpen: (row: string, column: string) => void;
}) {
  const { form } = report;
  const cellProps = { edits, errors, onEdit, onOpen };
  const columns: ColumnsType<FormRow> = [
    {
      title: form.rowHeader ?? '', key: 'row', fixed: 'left', width: 140,
      render: (_, r) => <span style={{ fontWeight: r.kind === 'total' ? 600 : undefined, whiteSpace: 'pre-wrap' }}>{r.label}</span>,
    },
    ...grouped(form.columns, (c) => ({
      title: c.label, key: c.id, align: 'center', width: c.width ? Math.min(c.width * 10, 320) : undefined,
      render: (_: unknown, r: FormRow) => <Cell row={r} column={c} cell={r.cells.find((x) => x.column === c.id)} {...cellProps} />,
    })),
  ];
  const submittedOn = report.firstSubmittedAt ? when(report.firstSubmittedAt).slice(0, 10) : '';

  return (
    <section aria-label={form.title}>
      {form.attachment && <Typography.Text strong>{form.attachment}</Typography.Text>}
      <Typography.Title level={5} style={{ textAlign: 'center', margin: '4px 0 8px', whiteSpace: 'normal' }}>{form.title}</Typography.Title>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: '4px 16px', marginBottom: 8 }}>
        <span>{form.stampLabel}：{report.reporter.name}</span>
        <span>期次：{periodName(report.period.key)}（{report.period.start} 至 {report.period.end}）</span>
        <span>{form.dateLabel}：{submittedOn}</span>
      </div>
      <Table<FormRow>
        aria-label={`${form.name} 表格`}
        rowKey="key"
        size="small"
        bordered
        dataSource={report.rows}
        columns={columns}
        pagination={report.rows.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '本期没有要填报的行' }}
      />
      {form.footer.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={1}
          style={{ marginTop: 12 }}
          items={form.footer.map((c) => ({
            key: c.id,
            label: c.label,
            children: <Cell row={{ key: 'footer', label: '表尾' }} column={c} cell={report.footer.find((x) => x.column === c.id)} {...cellProps} />,
          }))}
        />
      )}
      {form.notes.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">注：</Typography.Text>
          {form.notes.map((n) => <Typography.Paragraph key={n} type="secondary" style={{ margin: 0, fontSize: 13 }}>{n}</Typography.Paragraph>)}
        </div>
      )}
    </section>
  );
}
