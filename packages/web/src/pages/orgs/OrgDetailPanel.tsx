import type { OrgDetail } from '@tuanjian/contracts';
import { Breadcrumb, Button, Card, Descriptions, Result, Skeleton, Table, Tag, Typography, type DescriptionsProps } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useOrg } from '../../api/orgs';
import { HONOR_LABELS, KIND_LABELS, LEVEL_LABELS, POSITION_LABELS, SECTOR_LABELS, STATUS_COLORS, STATUS_LABELS, label } from '../../labels';
import { OrgActions } from './OrgActions';
import { OrgEvents } from './OrgEvents';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

function fields(org: OrgDetail): DescriptionsProps['items'] {
  return [
    { key: 'name', label: '名称', children: org.name },
    { key: 'code', label: '编码', children: org.code },
    { key: 'kind', label: '类型', children: KIND_LABELS[org.kind] },
    { key: 'sector', label: '领域', children: label(SECTOR_LABELS, org.sector) },
    { key: 'level', label: '层级', children: LEVEL_LABELS[org.level] },
    { key: 'status', label: '状态', children: <Tag color={STATUS_COLORS[org.status]}>{STATUS_LABELS[org.status]}</Tag> },
    { key: 'divisionCode', label: '行政区划代码', children: dash(org.divisionCode) },
    { key: 'foundedOn', label: '成立日期', children: dash(org.foundedOn) },
    { key: 'dissolvedOn', label: '撤销日期', children: dash(org.dissolvedOn) },
    {
      key: 'honors', label: '荣誉',
      children: org.honors.length ? org.honors.map((h) => <Tag key={h} color="gold">{HONOR_LABELS[h]}</Tag>) : '—',
    },
    { key: 'memberCount', label: '团员数', children: dash(org.memberCount) },
    { key: 'childCount', label: '下级组织数', children: org.childCount },
    { key: 'termElectedOn', label: '上次换届日期', children: dash(org.termElectedOn) },
    { key: 'termDueOn', label: '换届到期日期', children: dash(org.termDueOn) },
  ];
}

/** Everything about one org: where it sits, its data, its leaders, its history, and what the user may do with it. */
export function OrgDetailPanel({ orgId }: { orgId: number }) {
  const { data: org, isPending, isError, error, refetch } = useOrg(orgId);

  if (isPending) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (isError) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <Card>
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? '组织不存在或不在您的管理范围内' : '加载失败'}
          subTitle={notFound ? undefined : error.message}
          extra={!notFound && <Button onClick={() => void refetch()}>重试</Button>}
        />
      </Card>
    );
  }

  return (
    <Card>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          ...org.ancestors.map((a) => ({ key: a.id, title: <Link to={`/orgs/${a.id}`}>{a.name}</Link> })),
          { key: org.id, title: org.name },
        ]}
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{org.name}</Typography.Title>
        <Tag color={STATUS_COLORS[org.status]}>{STATUS_LABELS[org.status]}</Tag>
        <div style={{ flex: 1 }} />
        <OrgActions org={org} />
      </div>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 3 }} items={fields(org)} />

      <Typography.Title level={5} style={{ marginTop: 24 }}>团干部（{org.leaders.length}）</Typography.Title>
      <Table
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={org.leaders.map((l, i) => ({ ...l, key: i }))}
        locale={{ emptyText: '暂无团干部信息' }}
        columns={[
          { title: '职务', dataIndex: 'position', render: (p: keyof typeof POSITION_LABELS) => POSITION_LABELS[p] },
          { title: '姓名', dataIndex: 'name' },
          { title: '手机', dataIndex: 'mobile', render: (m: string | null) => dash(m) },
        ]}
      />

      <Typography.Title level={5} style={{ marginTop: 24 }}>变更记录</Typography.Title>
      <OrgEvents orgId={org.id} />
    </Card>
  );
}
