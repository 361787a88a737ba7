import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Empty, Grid, List, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useFormCell, type FormCellDetail, type FormChange, type ReportAddress } from '../../api/forms';
import { RECORD_STATUS_COLORS, RECORD_STATUS_LABELS } from '../../labels';
import { EvidencePanel } from '../programs/EvidencePanel';
import { cellText, when } from './formText';

type CellRecord = FormCellDetail['records'][number];

/** The first thing typed into a record (its title or topic), to tell records of one day apart. */
function summaryOf(r: CellRecord): string | null {
  const text = Object.values(r.fields).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return text ? (text.length > 40 ? `${text.slice(0, 40)}…` : text) : null;
}

function quantities(r: CellRecord): string | null {
  const parts = [
    r.days !== null ? `${cellText(r.days)} 天` : null,
    r.peopleReached !== null ? `${cellText(r.peopleReached)} 人` : null,
    r.amount !== null ? `${cellText(r.amount)} 元` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

function Figures({ d }: { d: FormCellDetail }) {
  const n = (x: number | null) => (x === null ? '—' : cellText(x));
  return (
    <Descriptions size="small" bordered column={1} items={[
      { key: 'value', label: '表中数值', children: cellText(d.value) || '—' },
      ...(d.figures ? [
        { key: 'reported', label: '上报数', children: n(d.figures.reported) },
        { key: 'verified', label: '核实数', children: n(d.figures.verified) },
        { key: 'spot', label: '抽查数', children: n(d.figures.spotChecked) },
      ] : []),
      ...(d.counts ? [{ key: 'counts', label: '计数口径', children: d.counts === 'verified' ? '只计已核实的记录' : '计入已上报（含已核实）的记录' }] : []),
      ...(d.typedBy ? [{ key: 'typed', label: '填写', children: `${d.typedBy} 于 ${when(d.typedAt)}` }] : []),
    ]} />
  );
}

/** Each record counted in the cell, with its status and the evidence attached to it. */
function CellRecords({ records, added, onEvidence }: { records: CellRecord[]; added: ReadonlySet<number>; onEvidence: (r: CellRecord) => void }) {
  return (
    <section aria-label="计入的工作记录">
      <List<CellRecord>
        rowKey="id"
        size="small"
        bordered
        dataSource={records}
        pagination={records.length > 20 ? { pageSize: 20, size: 'small' } : false}
        renderItem={(r) => (
          <List.Item
            actions={[
              <Button key="evidence" size="small" icon={<PaperClipOutlined aria-hidden />} onClick={() => onEvidence(r)} aria-label={`佐证材料 ${r.occurredOn} ${r.orgName}（${r.evidenceIds.length} 个）`}>
                佐证 {r.evidenceIds.length}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  <span>{r.occurredOn}</span>
                  <span>{r.kindName}</span>
                  <Tag color={RECORD_STATUS_COLORS[r.status]} style={{ marginInlineEnd: 0 }}>{RECORD_STATUS_LABELS[r.status] ?? r.status}</Tag>
                  {added.has(r.id) && <Tag color="warning" style={{ marginInlineEnd: 0 }}>审核后新增</Tag>}
                </Space>
              }
              description={[r.orgName, summaryOf(r), quantities(r)].filter(Boolean).join(' · ')}
            />
          </List.Item>
        )}
      />
    </section>
  );
}

/** What stands behind one cell (X.2): the records it counts with their evidence, the registry entries, or who typed it. */
export function CellDrawer({ address, cell, change, onClose }: {
  address: ReportAddress; cell: { row: string; column: string } | null; change: FormChange | undefined; onClose: () => void;
}) {
  const screens = Grid.useBreakpoint();
  const detail = useFormCell(address, cell);
  const d = detail.data;
  const [evidenceOf, setEvidenceOf] = useState<CellRecord | null>(null);
  const title = d ? `${d.rowLabel} · ${d.columnLabel}` : '单元格';

  return (
    <Drawer open={cell !== null} onClose={onClose} title={title} size={screens.md ? 720 : '100%'} destroyOnHidden>
      {detail.isError && <Alert type="error" showIcon title={detail.error.message} />}
      {detail.isLoading && <Spin style={{ display: 'block', margin: '24px auto' }} />}
      {d && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Figures d={d} />
          {change && (
            <Alert
              type="warning"
              showIcon
              title={`审核通过时为 ${cellText(change.before) || '空'}，现为 ${cellText(change.after) || '空'}`}
              description={change.removedRecordIds.length ? `审核后不再计入的记录：${change.removedRecordIds.map((id) => `#${id}`).join('、')}` : undefined}
            />
          )}
          {d.holders.length > 0 && (
            <div>
              <Typography.Title level={5}>来自组织信息</Typography.Title>
              <Space wrap size={[4, 4]}>{d.holders.map((h) => <Tag key={h.key}>{h.name}</Tag>)}</Space>
            </div>
          )}
          {d.source !== 'typed' && (
            <div>
              <Typography.Title level={5}>计入的工作记录（{d.records.length}）</Typography.Title>
              {d.records.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d.source === 'attribute' ? '此格来自组织信息，不计工作记录' : '本期没有计入的工作记录'} />
              ) : (
                <CellRecords records={d.records} added={new Set(change?.addedRecordIds ?? [])} onEvidence={setEvidenceOf} />
              )}
            </div>
          )}
        </Space>
      )}
      <Drawer
        open={evidenceOf !== null}
        onClose={() => setEvidenceOf(null)}
        title={evidenceOf ? `佐证材料 · ${evidenceOf.kindName} · ${evidenceOf.orgName}` : ''}
        size={screens.md ? 560 : '100%'}
        destroyOnHidden
      >
        {evidenceOf && <EvidencePanel recordId={evidenceOf.id} />}
      </Drawer>
    </Drawer>
  );
}
