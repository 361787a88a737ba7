import { Alert, Breadcrumb, Button, Card, Progress, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { reportPagePath, usePeriodStatus, type FormPeriod, type FormSummary, type PeriodReporter, type ReportingRate } from '../../api/forms';
import { FORM_STATUS_COLORS, FORM_STATUS_LABELS, FORM_TIMELINESS_COLORS, FORM_TIMELINESS_LABELS } from '../../labels';
import { pct, periodName, when } from './formText';

type Group = { orgId: number; orgName: string; rate: ReportingRate };

/** Reported (blue) with its on-time part (green) in one bar; the words say the same for screen readers. */
export function RateBar({ rate, label }: { rate: ReportingRate; label: string }) {
  const words = `${label}：应报 ${rate.expected}，已报 ${rate.actual}，按时 ${rate.onTime}，逾期未报 ${rate.overdue}`;
  return (
    <div role="group" aria-label={words}>
      <Progress
        percent={Math.round((rate.completeness ?? 0) * 100)}
        success={{ percent: Math.round((rate.onTimeRate ?? 0) * 100) }}
        format={() => pct(rate.completeness)}
        aria-hidden
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        应报 {rate.expected} · 已报 {rate.actual} · 按时 {rate.onTime}（{pct(rate.onTimeRate)}）{rate.overdue ? ` · 逾期未报 ${rate.overdue}` : ''}
      </Typography.Text>
    </div>
  );
}

/** One period of one form: the reporting rate under an org, per org just below it, and every reporter's form. */
export function PeriodStatusPanel({ programId, form, period, under, onUnder }: {
  programId: number; form: FormSummary; period: FormPeriod; under: number | undefined; onUnder: (id: number | undefined) => void;
}) {
  const status = usePeriodStatus(programId, form.id, period.key, under);
  const s = status.data;
  if (status.isError) return <Alert type="error" showIcon title={status.error.message} />;
  if (!s) return <Card loading size="small" />;
  const open = (r: PeriodReporter) => reportPagePath({ programId, formKey: form.id, period: period.key, reporter: r.param });

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        styles={{ title: { whiteSpace: 'normal' } }}
        title={
          <Breadcrumb items={[
            ...(under !== undefined ? [{ title: <a onClick={() => onUnder(undefined)}>本级</a> }] : []),
            { title: `${s.under.name} · ${periodName(period.key)}` },
          ]} />
        }
      >
        <RateBar rate={s.rate} label={`${s.under.name}报送率`} />
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {period.start} 至 {period.end}，{period.due} 截止报送{period.locksAfter ? `，${period.locksAfter} 后锁定填报` : ''}
        </Typography.Text>
      </Card>
      {s.groups.length > 1 && (
        <Card size="small" title="各单位报送情况">
          <Table<Group>
            aria-label="各单位报送情况"
            size="small"
            rowKey="orgId"
            dataSource={s.groups}
            pagination={s.groups.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: '单位', key: 'org', width: 160,
                render: (_, g) => (g.orgId === s.under.id ? g.orgName : (
                  <Button type="link" size="small" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }} onClick={() => onUnder(g.orgId)}>{g.orgName}</Button>
                )),
              },
              { title: '报送率', key: 'rate', render: (_, g) => <div style={{ minWidth: 200 }}><RateBar rate={g.rate} label={g.orgName} /></div> },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={`填报单位（${s.reporters.length}）`}>
        <Table<PeriodReporter>
          aria-label="填报单位"
          size="small"
          rowKey="key"
          dataSource={s.reporters}
          loading={status.isFetching}
          pagination={s.reporters.length > 30 ? { pageSize: 30 } : false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '本期没有需要填报的单位' }}
          columns={[
            {
              title: '填报单位', key: 'name', fixed: 'left',
              render: (_, r) => <Link to={open(r)} aria-label={`打开 ${r.name} 的报表`}>{r.name}</Link>,
            },
            {
              title: '状态', key: 'status',
              render: (_, r) => (
                <Space size={4} wrap>
                  <Tag color={FORM_STATUS_COLORS[r.status]} style={{ marginInlineEnd: 0 }}>{FORM_STATUS_LABELS[r.status]}</Tag>
                  <Tag color={FORM_TIMELINESS_COLORS[r.timeliness]} style={{ marginInlineEnd: 0 }}>{FORM_TIMELINESS_LABELS[r.timeliness]}</Tag>
                </Space>
              ),
            },
            { title: '首次上报', key: 'first', render: (_, r) => when(r.firstSubmittedAt) },
          ]}
        />
      </Card>
    </Space>
  );
}
