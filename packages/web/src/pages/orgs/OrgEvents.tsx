import { Empty, Spin, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useOrgEvents } from '../../api/orgs';
import type { OrgEvent } from '../../api/types';
import { EVENT_LABELS } from '../../labels';

const EVENT_COLORS: Record<OrgEvent['kind'], string> = {
  created: 'gray', founded: 'green', moved: 'blue', merged: 'blue', split: 'blue', dissolved: 'red',
};

// Keys the server writes into an event's details; ids link to the org they name.
const DETAIL_LABELS: Record<string, string> = {
  parentId: '上级组织', fromParentId: '原上级组织', toParentId: '新上级组织', intoId: '并入组织', splitFrom: '拆分自',
  splitInto: '拆分为', reason: '原因', movedChildren: '转入的下级组织数',
};
const ORG_ID_KEYS = new Set(['parentId', 'fromParentId', 'toParentId', 'intoId', 'splitFrom', 'splitInto']);

function orgLink(id: unknown): ReactNode {
  return typeof id === 'number' ? <Link key={id} to={`/orgs/${id}`}>组织 #{id}</Link> : String(id);
}

function describe(details: Record<string, unknown>): ReactNode[] {
  return Object.entries(details).map(([key, value]) => {
    const shown = ORG_ID_KEYS.has(key)
      ? Array.isArray(value) ? value.map((v, i) => <span key={i}>{i > 0 && '、'}{orgLink(v)}</span>) : orgLink(value)
      : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return (
      <div key={key}>
        <Typography.Text type="secondary">{DETAIL_LABELS[key] ?? key}：</Typography.Text>{shown}
      </div>
    );
  });
}

/** The org's dated history: founding, moves, merges, dissolution (GET /api/orgs/:id/events). */
export function OrgEvents({ orgId }: { orgId: number }) {
  const events = useOrgEvents(orgId);
  if (events.isPending) return <Spin size="small" />;
  if (events.isError) return <Typography.Text type="danger">{events.error.message}</Typography.Text>;
  if (events.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无变更记录" />;
  return (
    <Timeline
      items={events.data.items.map((e) => ({
        key: e.id,
        color: EVENT_COLORS[e.kind],
        title: e.effectiveOn,
        content: (
          <div>
            <Typography.Text strong>{EVENT_LABELS[e.kind]}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              记录于 {dayjs(e.createdAt).format('YYYY-MM-DD HH:mm')}
            </Typography.Text>
            {describe(e.details)}
          </div>
        ),
      }))}
    />
  );
}
