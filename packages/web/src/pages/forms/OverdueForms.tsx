import { Card, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { reportPagePath, useOverdueForms, type FormOverdueList } from '../../api/forms';
import { FORM_STATUS_LABELS } from '../../labels';
import { periodName } from './formText';

type Item = FormOverdueList['items'][number];

/** Every form past its due date and not handed in, in the reader's scope, the longest overdue first. */
export function OverdueForms({ programId }: { programId: number }) {
  const overdue = useOverdueForms(programId);
  const items = overdue.data?.items ?? [];
  if (overdue.isError) return <Typography.Paragraph type="danger">{overdue.error.message}</Typography.Paragraph>;
  if (!overdue.data || items.length === 0) return null;
  return (
    <Card size="small" title={<>逾期未报 <Tag color="error">{items.length}</Tag></>} extra={<Typography.Text type="secondary">统计日期 {overdue.data.today}</Typography.Text>}>
      <Table<Item>
        aria-label="逾期未报的报表"
        size="small"
        rowKey={(r) => `${r.formId}|${r.periodKey}|${r.reporter.key}`}
        dataSource={items}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 份` }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: '填报单位', key: 'reporter', fixed: 'left',
            render: (_, r) => <Link to={reportPagePath({ programId, formKey: r.formId, period: r.periodKey, reporter: r.reporter.param })}>{r.reporter.name}</Link>,
          },
          { title: '报表', key: 'form', render: (_, r) => `${r.ref} ${r.formName}` },
          { title: '期次', key: 'period', render: (_, r) => periodName(r.periodKey) },
          { title: '截止', dataIndex: 'due' },
          { title: '逾期', key: 'days', render: (_, r) => <Typography.Text type="danger">{r.daysOverdue} 天</Typography.Text> },
          { title: '状态', key: 'status', render: (_, r) => FORM_STATUS_LABELS[r.status] },
        ]}
      />
    </Card>
  );
}
