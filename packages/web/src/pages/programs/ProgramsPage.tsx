import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useCan } from '../../api/auth';
import { usePrograms, useTemplates, type Program } from '../../api/programs';
import { ProgramCreateModal } from './ProgramCreateModal';

export const period = (p: Pick<Program, 'startsOn' | 'endsOn'>) => `${p.startsOn} 至 ${p.endsOn}`;

/** 专项工作: the programs the user's scope takes part in, and (for issuers) starting a new one from a template. */
export default function ProgramsPage() {
  const can = useCan();
  const programs = usePrograms();
  const templates = useTemplates();
  const [creating, setCreating] = useState(0); // 0 closed; each opening mounts the modal afresh
  const templateNames = useMemo(
    () => new Map((templates.data?.items ?? []).map((t) => [t.id, t.name])),
    [templates.data],
  );

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>专项工作</Typography.Title>}
      extra={can('program.create') && (
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating((n) => n + 1)}>新建专项工作</Button>
      )}
    >
      {programs.isError && <Typography.Paragraph type="danger">{programs.error.message}</Typography.Paragraph>}
      <Table<Program>
        rowKey="id"
        size="middle"
        loading={programs.isFetching}
        dataSource={programs.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ hideOnSinglePage: true, pageSize: 20, showTotal: (n) => `共 ${n} 项` }}
        columns={[
          { title: '名称', dataIndex: 'name', fixed: 'left', render: (name: string, p) => <Link to={`/programs/${p.id}`}>{name}</Link> },
          { title: '方案模板', dataIndex: 'templateId', render: (id: number, p) => templateNames.get(id) ?? p.templateKey },
          { title: '发文单位', dataIndex: 'issuerOrgName' },
          { title: '实施范围', dataIndex: 'scopeOrgName' },
          { title: '周期', key: 'period', render: (_, p) => period(p) },
          { title: '文号', dataIndex: 'docNumber', render: (d: string | null) => d ?? '—' },
        ]}
      />
      {creating > 0 && <ProgramCreateModal key={creating} onClose={() => setCreating(0)} />}
    </Card>
  );
}
