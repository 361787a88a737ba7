import { CloudSyncOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useCan } from '../../api/auth';
import { useRecords, type Program, type RecordFilter, type ProgramRecord, type TemplateDefinition } from '../../api/programs';
import { RECORD_STATUS_COLORS, RECORD_STATUS_LABELS } from '../../labels';
import { CheckinModal } from './CheckinModal';
import { EvidenceDrawer } from './EvidenceDrawer';
import { RecordActions } from './RecordActions';
import { RecordFormDrawer } from './RecordFormDrawer';
import { RecordReviewModal } from './RecordReviewModal';
import { useOutboxResume } from './useOutboxResume';
import { useSending } from './recordOutbox';

const num = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN'));

/** The first thing typed into a record (its title or topic), to tell records of one day apart. */
function summaryOf(r: ProgramRecord): string {
  const text = Object.values(r.fields ?? {}).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return text ? (text.length > 24 ? `${text.slice(0, 24)}…` : text) : '—';
}

export function RecordStatusTag({ record }: { record: ProgramRecord }) {
  return (
    <Tag color={RECORD_STATUS_COLORS[record.status]} title={record.reviewReason ?? undefined} style={{ marginInlineEnd: 0 }}>
      {RECORD_STATUS_LABELS[record.status] ?? record.status}
    </Tag>
  );
}

/** Pages of the server's list when `paging` is given; otherwise the table pages what it was handed. */
export function RecordsTable({ records, loading, actions, paging }: {
  records: ProgramRecord[]; loading?: boolean; actions?: (r: ProgramRecord) => ReactNode;
  paging?: { current: number; pageSize: number; total: number; onChange: (page: number, pageSize: number) => void };
}) {
  const [evidenceOf, setEvidenceOf] = useState<ProgramRecord | null>(null);
  return (
    <>
      <Table<ProgramRecord>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={records}
        scroll={{ x: 'max-content' }}
        pagination={paging
          ? { ...paging, hideOnSinglePage: true, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (n) => `共 ${n} 条` }
          : { hideOnSinglePage: true, pageSize: 20, showTotal: (n) => `共 ${n} 条` }}
        columns={[
          { title: '日期', dataIndex: 'occurredOn', fixed: 'left' },
          { title: '类型', dataIndex: 'kindName' },
          { title: '内容', key: 'summary', render: (_: unknown, r: ProgramRecord) => summaryOf(r) },
          { title: '组织', dataIndex: 'orgName' },
          { title: '天数', dataIndex: 'days', render: num },
          { title: '覆盖人数', dataIndex: 'peopleReached', render: num },
          { title: '金额（元）', dataIndex: 'amount', render: num },
          {
            title: '状态', dataIndex: 'status',
            render: (_: string, r: ProgramRecord) => (
              <>
                <RecordStatusTag record={r} />
                {r.status === 'returned' && r.reviewReason && <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>理由：{r.reviewReason}</Typography.Text>}
              </>
            ),
          },
          {
            title: '佐证材料', key: 'evidence',
            render: (_: unknown, r: ProgramRecord) => (
              <Button size="small" icon={<PaperClipOutlined aria-hidden />} onClick={() => setEvidenceOf(r)} aria-label={`佐证材料 ${r.occurredOn} ${r.orgName}`}>查看</Button>
            ),
          },
          ...(actions ? [{ title: '操作', key: 'actions', render: (_: unknown, r: ProgramRecord) => actions(r) }] : []),
        ]}
      />
      {evidenceOf && <EvidenceDrawer record={evidenceOf} onClose={() => setEvidenceOf(null)} />}
    </>
  );
}

type Dialog =
  | { type: 'new'; n: number }
  | { type: 'edit'; record: ProgramRecord }
  | { type: 'review'; record: ProgramRecord; decision: 'verify' | 'return' }
  | { type: 'checkin'; record: ProgramRecord };

/** 工作记录: what the orgs did, each record of a kind the template defines; submitted, verified or returned here. */
export function RecordsTab({ program, definition }: { program: Program; definition: TemplateDefinition }) {
  const can = useCan();
  const [filter, setFilter] = useState<RecordFilter>({ page: 1, pageSize: 20 });
  const records = useRecords(program.id, filter);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const waiting = useSending(program.id).filter((s) => s.waiting);
  useOutboxResume(program.id, dialog?.type !== 'new');
  const close = () => setDialog(null);
  // A new filter starts again at the first page.
  const narrow = (change: Partial<RecordFilter>) => setFilter((f) => ({ ...f, ...change, page: 1 }));

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {can('record.create') && definition.recordKinds.length > 0 && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ type: 'new', n: Date.now() })}>新增记录</Button>
        )}
        <Select aria-label="按记录类型筛选" allowClear placeholder="全部类型" style={{ minWidth: 160 }} value={filter.kind}
          options={definition.recordKinds.map((k) => ({ value: k.id, label: k.name }))} onChange={(kind?: string) => narrow({ kind })} />
        <Select aria-label="按状态筛选" allowClear placeholder="全部状态" style={{ minWidth: 120 }} value={filter.status}
          options={Object.entries(RECORD_STATUS_LABELS).map(([value, label]) => ({ value, label }))} onChange={(status?: string) => narrow({ status })} />
      </Space>
      {waiting.length > 0 && dialog?.type !== 'new' && (
        <Alert type="warning" showIcon icon={<CloudSyncOutlined aria-hidden />} style={{ marginBottom: 12 }}
          title={`${waiting.length} 条记录等待网络恢复后自动提交（已保存在本机，不会重复）`} />
      )}
      {records.isError && <Typography.Paragraph type="danger">{records.error.message}</Typography.Paragraph>}
      <RecordsTable
        records={records.data?.items ?? []}
        loading={records.isFetching}
        paging={{ current: filter.page, pageSize: filter.pageSize, total: records.data?.total ?? 0, onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })) }}
        actions={(r) => (
          <RecordActions
            programId={program.id}
            record={r}
            definition={definition}
            onEdit={() => setDialog({ type: 'edit', record: r })}
            onReview={(decision) => setDialog({ type: 'review', record: r, decision })}
            onCheckin={() => setDialog({ type: 'checkin', record: r })}
            onReload={() => void records.refetch()}
          />
        )}
      />
      {dialog?.type === 'new' && <RecordFormDrawer key={dialog.n} program={program} definition={definition} onClose={close} />}
      {dialog?.type === 'edit' && <RecordFormDrawer key={`edit-${dialog.record.id}`} program={program} definition={definition} record={dialog.record} onClose={close} />}
      {dialog?.type === 'review' && (
        <RecordReviewModal programId={program.id} record={dialog.record} decision={dialog.decision} onClose={close} onReload={() => void records.refetch()} />
      )}
      {dialog?.type === 'checkin' && <CheckinModal programId={program.id} record={dialog.record} onClose={close} />}
    </>
  );
}
