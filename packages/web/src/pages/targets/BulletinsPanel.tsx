import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Drawer, Form, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Program } from '../../api/programs';
import { bulletinDocxUrl, useBulletin, useBulletins, useGenerateBulletin, useTargets, type Bulletin, type BulletinSummary } from '../../api/targets';
import { useReportError } from '../../components/useReportError';
import { BULLETIN_KIND_LABELS, percent, projectionText } from './targetLabels';

type Values = { target: string; kind: Bulletin['kind']; date: Dayjs };

/** 通报: generate a daily to quarterly bulletin from the snapshots, read it here, download it as an official docx. */
export function BulletinsPanel({ program }: { program: Program }) {
  const targets = useTargets(program.id);
  const bulletins = useBulletins(program.id);
  const generate = useGenerateBulletin(program.id);
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState<number | undefined>(undefined);
  const report = useReportError();
  const { message } = App.useApp();
  const countable = (targets.data?.items ?? []).filter((t) => t.splittable && t.countsKind);
  const today = targets.data?.today;

  const submit = async () => {
    const v = await form.validateFields();
    generate.mutate({ target: v.target, kind: v.kind, date: v.date.format('YYYY-MM-DD') }, {
      onSuccess: (b) => { message.success(`已生成${b.content.kindName}第${b.number}期`); setOpen(b.id); },
      onError: (e) => report(e, { form }),
    });
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {targets.data?.abilities.manage && countable.length > 0 && (
        <Form<Values> form={form} layout="inline" initialValues={{ target: countable[0]!.key, kind: 'daily', date: today ? dayjs(today) : dayjs() }}>
          <Form.Item name="target" label="目标" rules={[{ required: true }]}>
            <Select aria-label="通报目标" style={{ width: 220 }} options={countable.map((t) => ({ value: t.key, label: t.name }))} />
          </Form.Item>
          <Form.Item name="kind" label="类型">
            <Select aria-label="通报类型" style={{ width: 120 }} options={Object.entries(BULLETIN_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker aria-label="通报日期" inputReadOnly allowClear={false} />
          </Form.Item>
          <Button type="primary" loading={generate.isPending} onClick={() => void submit().catch(() => undefined)}>生成通报</Button>
        </Form>
      )}
      {bulletins.isError && <Typography.Paragraph type="danger">{bulletins.error.message}</Typography.Paragraph>}
      <Table<BulletinSummary>
        aria-label="通报"
        size="small"
        rowKey="id"
        loading={bulletins.isFetching}
        dataSource={bulletins.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有通报' }}
        columns={[
          { title: '期号', key: 'number', render: (_, b) => <Space size={4}><Tag>{BULLETIN_KIND_LABELS[b.kind]}</Tag>第{b.number}期</Space> },
          { title: '标题', dataIndex: 'title', render: (t: string) => <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 380 }}>{t}</span> },
          { title: '完成率', dataIndex: 'rate', render: percent },
          { title: '日期', dataIndex: 'issuedOn' },
          {
            title: '操作', key: 'actions', render: (_, b) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setOpen(b.id)} aria-label={`查看${BULLETIN_KIND_LABELS[b.kind]}第${b.number}期`}>查看</Button>
                <Button type="link" size="small" icon={<DownloadOutlined aria-hidden />} href={bulletinDocxUrl(b.id)} download aria-label={`下载${BULLETIN_KIND_LABELS[b.kind]}第${b.number}期 Word 文档`}>Word</Button>
              </Space>
            ),
          },
        ]}
      />
      <BulletinDrawer id={open} onClose={() => setOpen(undefined)} />
    </Space>
  );
}

function BulletinDrawer({ id, onClose }: { id: number | undefined; onClose: () => void }) {
  const bulletin = useBulletin(id);
  const b = bulletin.data;
  const c = b?.content;
  return (
    <Drawer open={id !== undefined} onClose={onClose} size={720} title={c ? `${c.masthead} 第${b.number}期` : '通报'}
      extra={b && <Button icon={<DownloadOutlined aria-hidden />} href={bulletinDocxUrl(b.id)} download>下载 Word</Button>}>
      {bulletin.isError && <Typography.Text type="danger">{bulletin.error.message}</Typography.Text>}
      {b && c && (
        <article aria-label={c.title}>
          <Typography.Paragraph type="secondary">{b.issuerName}　{b.issuedOn}</Typography.Paragraph>
          <Typography.Title level={4} style={{ textAlign: 'center' }}>{c.title}</Typography.Title>
          {c.paragraphs.map((p) => <Typography.Paragraph key={p} style={{ textIndent: '2em' }}>{p}</Typography.Paragraph>)}
          <Table
            aria-label="排名"
            size="small"
            rowKey="orgId"
            pagination={false}
            dataSource={c.ranking}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '排名', dataIndex: 'rank', render: (r: number | null) => r ?? '—' },
              { title: '单位', key: 'name', render: (_, r) => <Space size={4}>{r.name}{r.lagging && <Tag color="red">落后于时序进度</Tag>}</Space> },
              { title: '目标任务', dataIndex: 'target' },
              { title: '累计完成', dataIndex: 'actual' },
              { title: '本期新增', dataIndex: 'added' },
              { title: '完成率', dataIndex: 'rate', render: percent },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} />
                <Table.Summary.Cell index={1}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={2}>{c.totals.target}</Table.Summary.Cell>
                <Table.Summary.Cell index={3}>{c.totals.actual}</Table.Summary.Cell>
                <Table.Summary.Cell index={4}>{c.totals.added}</Table.Summary.Cell>
                <Table.Summary.Cell index={5}>{percent(c.totals.rate)}</Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          {c.projection && <Typography.Paragraph style={{ marginTop: 12 }}>完成预测：{projectionText(c.projection)}</Typography.Paragraph>}
          {c.highlights.length > 0 && (
            <>
              <Typography.Title level={5}>工作亮点</Typography.Title>
              {c.highlights.map((h) => <Typography.Paragraph key={h.recordId}>{h.orgName}（{h.date}，{h.kindName}）：{h.text}</Typography.Paragraph>)}
            </>
          )}
        </article>
      )}
    </Drawer>
  );
}
