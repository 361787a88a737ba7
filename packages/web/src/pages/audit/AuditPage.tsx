import { Card, Result, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuditLog } from '../../api/audit';
import { useCan } from '../../api/auth';
import type { AuditEntry } from '../../api/types';
import { AUDIT_ACTION_LABELS, OBJECT_TYPE_LABELS } from '../../labels';
import { AuditDiff } from './AuditDiff';
import { AuditFilters, type AuditFilter } from './AuditFilters';
import { VerifyChainButton } from './VerifyChainButton';

function objectCell(e: AuditEntry, mayOpenOrg: boolean) {
  const type = OBJECT_TYPE_LABELS[e.objectType] ?? e.objectType;
  if (!e.objectId) return type;
  // the audit administrator reads no org pages (三权分立): the id alone names the object
  if (e.objectType === 'org' && mayOpenOrg) return <span>{type} <Link to={`/orgs/${e.objectId}`}>#{e.objectId}</Link></span>;
  return `${type} #${e.objectId}`;
}

/** 审计日志: every write and sign-in, filterable, with the object before and after, and a check of the hash chain. */
export default function AuditPage() {
  const can = useCan();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const log = useAuditLog({ ...filter, page, pageSize }, can('audit.read'));

  if (!can('audit.read')) return <Result status="403" title="无权查看审计日志" />;

  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>审计日志</Typography.Title>} extra={<VerifyChainButton />}>
      <AuditFilters
        onChange={(f) => {
          setFilter(f);
          setPage(1);
        }}
      />
      {log.isError && <Typography.Paragraph type="danger">{log.error.message}</Typography.Paragraph>}
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={log.isFetching}
        dataSource={log.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (e) => <AuditDiff before={e.before} after={e.after} />,
          rowExpandable: (e) => e.before != null || e.after != null,
        }}
        pagination={{
          current: page,
          pageSize,
          total: log.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 条`,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: '时间', dataIndex: 'at', render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm:ss') },
          { title: '操作人', key: 'actor', render: (_, e) => (e.actorName ? `${e.actorName}${e.actorId ? `（#${e.actorId}）` : ''}` : '系统') },
          { title: '操作', dataIndex: 'action', render: (a: string) => AUDIT_ACTION_LABELS[a] ?? a },
          { title: '对象', key: 'object', render: (_, e) => objectCell(e, can('org.read')) },
          {
            title: '请求编号',
            dataIndex: 'requestId',
            render: (id: string | null) =>
              id ? <Typography.Text code copyable={{ text: id }} style={{ fontSize: 12 }}>{id.slice(0, 8)}</Typography.Text> : '—',
          },
        ]}
      />
    </Card>
  );
}
