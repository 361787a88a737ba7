import { PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../api/auth';
import { useRecords, type Program, type ProgramRecord, type TemplateDefinition } from '../../api/programs';
import { RECORD_STATUS_LABELS } from '../../labels';
import { EvidenceDrawer } from './EvidenceDrawer';
import { RecordFormDrawer } from './RecordFormDrawer';

const num = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN'));

export function RecordsTable({ records, loading }: { records: ProgramRecord[]; loading?: boolean }) {
  const [evidenceOf, setEvidenceOf] = useState<ProgramRecord | null>(null);
  return (
    <>
      <Table<ProgramRecord>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={records}
        scroll={{ x: 'max-content' }}
        pagination={{ hideOnSinglePage: true, pageSize: 20, showTotal: (n) => `共 ${n} 条` }}
        columns={[
          { title: '日期', dataIndex: 'occurredOn', fixed: 'left' },
          { title: '类型', dataIndex: 'kindName' },
          { title: '组织', dataIndex: 'orgName' },
          { title: '天数', dataIndex: 'days', render: num },
          { title: '覆盖人数', dataIndex: 'peopleReached', render: num },
          { title: '金额（元）', dataIndex: 'amount', render: num },
          { title: '状态', dataIndex: 'status', render: (s: string) => <Tag>{RECORD_STATUS_LABELS[s] ?? s}</Tag> },
          {
            title: '佐证材料', key: 'evidence',
            render: (_: unknown, r: ProgramRecord) => (
              <Button size="small" icon={<PaperClipOutlined aria-hidden />} onClick={() => setEvidenceOf(r)} aria-label={`佐证材料 ${r.occurredOn} ${r.orgName}`}>查看</Button>
            ),
          },
        ]}
      />
      {evidenceOf && <EvidenceDrawer record={evidenceOf} onClose={() => setEvidenceOf(null)} />}
    </>
  );
}

/** 工作记录: what the orgs did, each record of a kind the template defines. */
export function RecordsTab({ program, definition }: { program: Program; definition: TemplateDefinition }) {
  const can = useCan();
  const records = useRecords(program.id);
  const [adding, setAdding] = useState(0);

  return (
    <>
      {can('record.create') && definition.recordKinds.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding((n) => n + 1)}>新增记录</Button>
        </div>
      )}
      {records.isError && <Typography.Paragraph type="danger">{records.error.message}</Typography.Paragraph>}
      <RecordsTable records={records.data?.items ?? []} loading={records.isFetching} />
      {adding > 0 && <RecordFormDrawer key={adding} program={program} definition={definition} onClose={() => setAdding(0)} />}
    </>
  );
}
