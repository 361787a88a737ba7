import { Breadcrumb, Button, Card, Col, Empty, Image, List, Row, Spin, Statistic, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useDashboard, type DashboardView } from '../../api/dashboard';
import { apiUrl } from '../../api/client';
import type { Program } from '../../api/programs';
import { EChart } from '../targets/EChart';
import { MissedDrawer, type MissedQuery } from './MissedDrawer';

type HeatRow = DashboardView['heatmap'][number];
type HeatCell = HeatRow['cells'][number];

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

/** Red when a period was missed, amber when only partly met, green when all met, grey when nothing was due. */
function cellColor(c: Pick<HeatCell, 'met' | 'partly' | 'missed'>): string {
  if (c.missed > 0) return '#ff7875';
  if (c.partly > 0) return '#ffd666';
  if (c.met > 0) return '#95de64';
  return '#f5f5f5';
}

/** 看板: what a committee sees of its scope — figures, the heatmap of the orgs below, trend, lagging orgs and recent photos. */
export default function DashboardTab({ program }: { program: Program }) {
  const [path, setPath] = useState<Array<{ id: number; name: string }>>([]);
  const under = path.at(-1)?.id;
  const dash = useDashboard(program.id, under);
  const [missed, setMissed] = useState<MissedQuery | null>(null);
  const d = dash.data;
  const trend = useMemo(() => (d ? {
    tooltip: { trigger: 'axis' }, legend: { top: 0, data: ['工作记录', '已核实'] }, grid: { left: 40, right: 16, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: d.trend.map((t) => t.month) }, yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: '工作记录', type: 'line', data: d.trend.map((t) => t.records) }, { name: '已核实', type: 'line', data: d.trend.map((t) => t.verified) }],
  } : {}), [d]);
  if (!d) return dash.isError ? <Empty description="看板加载失败，请刷新重试" /> : <Spin />;

  const open = (q: Omit<MissedQuery, 'under'>) => setMissed({ ...q, under: d.under.id });
  const columns = [
    {
      title: '组织', key: 'name', fixed: 'left' as const, width: 160,
      render: (_: unknown, r: HeatRow) => (r.orgId === d.under.id ? r.name : (
        <Button type="link" size="small" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setPath([...path, { id: r.orgId, name: r.name }])}>{r.name}</Button>
      )),
    },
    { title: '达标率', key: 'share', width: 70, render: (_: unknown, r: HeatRow) => pct(r.share) },
    ...d.months.map((month, i) => ({
      title: month.slice(5) + '月', key: month, width: 56,
      render: (_: unknown, r: HeatRow) => {
        const c = r.cells[i]!;
        const label = `${r.name} ${month}：达标 ${c.met}，部分达标 ${c.partly}，未达标 ${c.missed}`;
        const empty = c.met + c.partly + c.missed === 0;
        return (
          <Tooltip title={empty ? '本月无到期要求' : label}>
            <Button
              size="small"
              aria-label={label}
              disabled={empty || c.missed + c.partly === 0}
              onClick={() => open({ group: r.orgId, month, title: `${r.name} · ${month} 未达标的工作` })}
              style={{ background: cellColor(c), borderColor: 'transparent', color: '#000', width: 44 }}
            >
              {empty ? '—' : c.missed || c.partly || '✓'}
            </Button>
          </Tooltip>
        );
      },
    })),
  ];

  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <a onClick={() => setPath([])}>{path.length ? '本级' : d.under.name}</a> }, ...path.map((p, i) => ({ title: i === path.length - 1 ? p.name : <a onClick={() => setPath(path.slice(0, i + 1))}>{p.name}</a> }))]}
      />
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}><Card size="small"><Statistic title="工作记录" value={d.figures.records} suffix={<Typography.Text type="secondary" style={{ fontSize: 13 }}>已核实 {d.figures.verifiedRecords}</Typography.Text>} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title="达标率" value={pct(d.figures.metShare)} /></Card></Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="未达标周期" value={d.figures.missed} styles={{ content: { color: d.figures.missed ? '#cf1322' : undefined } }} />
            <Button size="small" type="link" style={{ padding: 0 }} disabled={!d.figures.missed && !d.figures.partly} onClick={() => open({ title: `${d.under.name} 未达标的工作` })} aria-label={`查看未达标 ${d.figures.missed} 个周期`}>查看缺少的记录</Button>
          </Card>
        </Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title="逾期任务成果" value={d.figures.overdueDeliverables} styles={{ content: { color: d.figures.overdueDeliverables ? '#cf1322' : undefined } }} /></Card></Col>
      </Row>
      <Card size="small" title="各单位每月达标情况" style={{ marginTop: 12 }}>
        {d.heatmap.length ? (
          <Table<HeatRow> size="small" rowKey="orgId" dataSource={d.heatmap} columns={columns} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 240 + d.months.length * 56 }} aria-label="达标热力图" />
        ) : <Empty description="本范围内没有需要考核的对象" />}
      </Card>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} md={14}><Card size="small" title="工作记录趋势"><EChart option={trend} height={240} label="每月工作记录和已核实记录的趋势" /></Card></Col>
        <Col xs={24} md={10}>
          <Card size="small" title="落后单位">
            <List size="small" dataSource={d.lagging} locale={{ emptyText: '没有达标率低于 80% 的单位' }}
              renderItem={(l) => <List.Item>{l.name}<Typography.Text type="danger">{pct(l.share)}，未达标 {l.missed} 个周期</Typography.Text></List.Item>} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="最近核实的工作" style={{ marginTop: 12 }}>
        <List grid={{ gutter: 12, xs: 2, md: 6 }} dataSource={d.recent} locale={{ emptyText: '暂无已核实的记录' }}
          renderItem={(r) => (
            <List.Item>
              {r.photoId ? <Image src={apiUrl(`/evidence/${r.photoId}/thumbnail`)} alt={r.title} height={90} style={{ objectFit: 'cover' }} /> : <div style={{ height: 90, background: '#fafafa' }} />}
              <Typography.Text style={{ display: 'block', fontSize: 12 }} ellipsis>{r.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.orgName} · {r.occurredOn}</Typography.Text>
            </List.Item>
          )} />
      </Card>
      <MissedDrawer programId={program.id} query={missed} onClose={() => setMissed(null)} />
    </div>
  );
}
