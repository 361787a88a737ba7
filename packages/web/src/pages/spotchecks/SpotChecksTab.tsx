import { Button, Card, DatePicker, Drawer, Form, Grid, Input, InputNumber, Radio, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCan, useSession } from '../../api/auth';
import type { Program, TemplateDefinition } from '../../api/programs';
import { useDrawSpotCheck, useSpotChecks, type SpotCheckSummary } from '../../api/spotchecks';
import { OrgSelect } from '../../components/OrgSelect';
import { useReportError } from '../../components/useReportError';
import { SpotCheckSampleView } from './SpotCheckSampleView';

type DrawValues = { scopeOrgId: number; month: Dayjs; target: 'branch' | 'record'; perStratum: number; recordKind: string; seed?: string };
const TARGET_LABELS = { branch: '团支部', record: '工作记录' } as const;
const lastKindKey = (programId: number) => `tj.spotcheck.${programId}.kind`;

/**
 * 抽查 (S3.7, S3.8, S4.8): the level above draws N branches or records per county for a month with
 * a seeded random sample anyone can draw again, visits them and records what it found.
 */
export function SpotChecksTab({ program, definition }: { program: Program; definition: TemplateDefinition }) {
  const can = useCan();
  const session = useSession().data;
  const screens = Grid.useBreakpoint();
  const list = useSpotChecks(program.id);
  const draw = useDrawSpotCheck(program.id);
  const report = useReportError();
  const [form] = Form.useForm<DrawValues>();
  const [open, setOpen] = useState<SpotCheckSummary | { id: number; month: string; scopeOrgName: string } | null>(null);
  const own = session ? { id: session.user.orgId, name: session.user.orgName } : undefined;
  const lastKind = localStorage.getItem(lastKindKey(program.id));
  const kindName = (id: string) => definition.recordKinds.find((k) => k.id === id)?.name ?? id;

  const submit = async () => {
    const v = await form.validateFields();
    localStorage.setItem(lastKindKey(program.id), v.recordKind);
    draw.mutate({ ...v, month: v.month.format('YYYY-MM'), seed: v.seed?.trim() || undefined }, {
      onSuccess: (s) => setOpen({ id: s.id, month: s.month, scopeOrgName: s.scopeOrgName }),
      onError: (e) => report(e, { form }),
    });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {can('record.verify') && (
        <Card size="small" title="抽取样本">
          <Form<DrawValues>
            form={form}
            layout={screens.md ? 'inline' : 'vertical'}
            initialValues={{
              scopeOrgId: own?.id, month: dayjs(), target: 'branch', perStratum: 2,
              recordKind: definition.recordKinds.some((k) => k.id === lastKind) ? lastKind : undefined,
            }}
            style={{ rowGap: 12 }}
          >
            <Form.Item label="范围" name="scopeOrgId" rules={[{ required: true, message: '请选择抽查范围' }]} style={{ minWidth: 260 }}>
              <OrgSelect aria-label="抽查范围" activeOnly initial={own} />
            </Form.Item>
            <Form.Item label="月份" name="month" rules={[{ required: true, message: '请选择月份' }]}>
              <DatePicker aria-label="月份" picker="month" inputReadOnly style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label="对象" name="target">
              <Radio.Group optionType="button" options={[{ value: 'branch', label: '团支部' }, { value: 'record', label: '工作记录' }]} />
            </Form.Item>
            <Form.Item label="每县抽取" name="perStratum" rules={[{ required: true, message: '请填写每县抽取数' }]}>
              <InputNumber aria-label="每县抽取" min={1} max={100} suffix="个" style={{ width: 120 }} />
            </Form.Item>
            <Form.Item label="结果记录为" name="recordKind" rules={[{ required: true, message: '请选择结果的记录类型' }]} style={{ minWidth: 220 }}>
              <Select aria-label="结果记录为" options={definition.recordKinds.map((k) => ({ value: k.id, label: k.name }))} />
            </Form.Item>
            <Form.Item label="随机种子" name="seed" extra="可不填：按专项、范围、月份生成">
              <Input aria-label="随机种子" maxLength={100} allowClear />
            </Form.Item>
            <Form.Item>
              <Button type="primary" loading={draw.isPending} onClick={() => void submit().catch(() => undefined)}>抽取</Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      {list.isError && <Typography.Paragraph type="danger">{list.error.message}</Typography.Paragraph>}
      <Table<SpotCheckSummary>
        aria-label="抽查样本"
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ hideOnSinglePage: true, pageSize: 20 }}
        locale={{ emptyText: '还没有抽查样本' }}
        columns={[
          { title: '月份', dataIndex: 'month', fixed: 'left' },
          { title: '范围', dataIndex: 'scopeOrgName' },
          { title: '对象', key: 'target', render: (_: unknown, s: SpotCheckSummary) => `${TARGET_LABELS[s.target]}，每县 ${s.perStratum} 个` },
          { title: '结果记录为', dataIndex: 'recordKind', render: kindName },
          { title: '已录入 / 抽中', key: 'progress', render: (_: unknown, s: SpotCheckSummary) => `${s.checked} / ${s.drawn}` },
          { title: '抽样时间', dataIndex: 'drawnAt', render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
          {
            title: '操作', key: 'open',
            render: (_: unknown, s: SpotCheckSummary) => <Button size="small" onClick={() => setOpen(s)} aria-label={`查看样本 ${s.month} ${s.scopeOrgName}`}>查看</Button>,
          },
        ]}
      />
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        title={open ? `抽查样本 · ${open.month} · ${open.scopeOrgName}` : ''}
        size={screens.md ? 720 : '100%'}
        destroyOnHidden
      >
        {open && <SpotCheckSampleView programId={program.id} sampleId={open.id} definition={definition} />}
      </Drawer>
    </Space>
  );
}
