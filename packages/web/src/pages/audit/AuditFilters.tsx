import { Button, Collapse, DatePicker, Form, Grid, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import type { AuditQuery } from '../../api/types';
import { AUDIT_ACTION_LABELS, OBJECT_TYPE_LABELS } from '../../labels';

type Values = {
  action?: string;
  objectType?: string;
  objectId?: string;
  actorId?: number | null;
  range?: [Dayjs | null, Dayjs | null] | null;
};

export type AuditFilter = Omit<AuditQuery, 'page' | 'pageSize'>;

const toFilter = (v: Values): AuditFilter => ({
  action: v.action || undefined,
  objectType: v.objectType || undefined,
  objectId: v.objectId?.trim() || undefined,
  actorId: v.actorId ?? undefined,
  from: v.range?.[0]?.toISOString(),
  to: v.range?.[1]?.toISOString(),
});

/** The audit log's filters; applied on 查询, cleared on 重置. */
export function AuditFilters({ onChange }: { onChange: (f: AuditFilter) => void }) {
  const [form] = Form.useForm<Values>();
  // phones: the filters stack and fold away, so the log itself stays in view
  const narrow = Grid.useBreakpoint().md === false;
  const w = (px: number) => (narrow ? '100%' : px);
  const filters = (
    <Form<Values>
      form={form}
      layout={narrow ? 'vertical' : 'inline'}
      onFinish={(v) => onChange(toFilter(v))}
      style={{ rowGap: 8, marginBottom: narrow ? 0 : 16 }}
    >
      <Form.Item name="action" label="操作">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部"
          style={{ width: w(180) }}
          options={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      <Form.Item name="objectType" label="对象类型">
        <Select allowClear placeholder="全部" style={{ width: w(130) }} options={Object.entries(OBJECT_TYPE_LABELS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="objectId" label="对象编号">
        <Input allowClear style={{ width: w(120) }} maxLength={64} />
      </Form.Item>
      <Form.Item name="actorId" label="操作人编号">
        <InputNumber min={1} precision={0} style={{ width: w(110) }} />
      </Form.Item>
      <Form.Item name="range" label="时间">
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} style={{ width: narrow ? '100%' : undefined }} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">查询</Button>
          <Button
            onClick={() => {
              form.resetFields();
              onChange({});
            }}
          >
            重置
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
  if (!narrow) return filters;
  return <Collapse size="small" style={{ marginBottom: 12 }} items={[{ key: 'filters', label: '筛选条件', children: filters }]} />;
}
