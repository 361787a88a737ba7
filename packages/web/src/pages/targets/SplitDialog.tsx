import { Alert, App, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSplitTarget, useSubordinates, type Subordinate, type TargetSplitCreate, type TargetSplitView, type TargetSummary } from '../../api/targets';
import { useReportError } from '../../components/useReportError';
import { SPLIT_BASIS_LABELS, SPLIT_METHOD_LABELS } from './targetLabels';

type Method = TargetSplitCreate['method'];
type Values = { method: Method; among: 'subjects' | 'children'; basis: 'equal' | 'villages' | 'imported'; keyMultiplier: number; keyOrgIds: number[]; weightsText: string };
type Props = { programId: number; target: TargetSummary; current: TargetSplitView; onClose: () => void };

/** "编码,权重" per line (pasted from a spreadsheet): weights by org code, e.g. youth population per township. */
function parseWeights(text: string, subs: Subordinate[]): { weights: { orgId: number; weight: number }[]; errors: string[] } {
  const byCode = new Map(subs.map((s) => [s.orgCode, s.orgId]));
  const weights: { orgId: number; weight: number }[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).forEach((line, i) => {
    const [code, value] = line.split(/[,，\t ]+/);
    const orgId = byCode.get(code ?? '');
    const weight = Number(value);
    if (orgId === undefined) errors.push(`第 ${i + 1} 行：编码 ${code} 不在分解对象中`);
    else if (!Number.isFinite(weight) || weight < 0) errors.push(`第 ${i + 1} 行：权重应为非负数`);
    else weights.push({ orgId, weight });
  });
  return { weights, errors };
}

/** 分解目标: equal, by villages or imported weights, with key areas weighted up, or by hand; previewed before saving. */
export function SplitDialog({ programId, target, current, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const report = useReportError();
  const split = useSplitTarget(programId);
  const [preview, setPreview] = useState<TargetSplitView | null>(null);
  const [hand, setHand] = useState<Record<number, number>>(() => Object.fromEntries(current.parts.map((p) => [p.orgId, p.amount])));
  const method = Form.useWatch('method', form) ?? 'equal';
  const among = Form.useWatch('among', form) ?? 'subjects';
  const basis = Form.useWatch('basis', form) ?? 'villages';
  const orgId = current.parentOrgId;
  const subs = useSubordinates(programId, target.key, orgId, among, true);
  const items = useMemo(() => subs.data?.items ?? [], [subs.data]);
  const whole = current.whole ?? 0;
  const handSum = items.reduce((s, x) => s + (hand[x.orgId] ?? 0), 0);

  const body = (v: Values, dryRun: boolean): TargetSplitCreate | null => {
    const common = { target: target.key, orgId, among: v.among, version: current.split?.saved ? current.split.version : undefined, dryRun };
    const imported = () => {
      const r = parseWeights(v.weightsText ?? '', items);
      if (r.errors.length) {
        form.setFields([{ name: 'weightsText', errors: r.errors.slice(0, 3) }]);
        return null;
      }
      return r.weights;
    };
    switch (v.method) {
      case 'equal':
        return { ...common, method: 'equal' };
      case 'weight': {
        const weights = v.basis === 'imported' ? imported() : undefined;
        if (weights === null) return null;
        return { ...common, method: 'weight', basis: v.basis === 'imported' ? 'imported' : 'villages', weights };
      }
      case 'key_area': {
        const weights = v.basis === 'imported' ? imported() : undefined;
        if (weights === null) return null;
        return { ...common, method: 'key_area', basis: v.basis, weights, keyMultiplier: v.keyMultiplier, keyOrgIds: v.keyOrgIds };
      }
      case 'hand':
        return { ...common, method: 'hand', parts: items.map((x) => ({ orgId: x.orgId, amount: hand[x.orgId] ?? 0 })) };
    }
  };

  const send = async (dryRun: boolean) => {
    const v = await form.validateFields();
    const b = body(v, dryRun);
    if (!b) return;
    split.mutate(b, {
      onSuccess: (view) => {
        if (dryRun) setPreview(view);
        else {
          message.success(`已将 ${view.whole} ${target.unit}分解到 ${view.parts.length} 个单位`);
          onClose();
        }
      },
      onError: (e) => report(e, { form }),
    });
  };

  const defaultKeys = items.filter((x) => x.keyArea).map((x) => x.orgId);
  return (
    <Modal
      title={`分解目标：${target.name}`}
      open
      width={760}
      onCancel={onClose}
      okText="保存分解"
      cancelText="取消"
      onOk={() => void send(false).catch(() => undefined)}
      confirmLoading={split.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {current.parentOrgName}的目标任务 <Typography.Text strong>{current.whole ?? '—'}</Typography.Text> {target.unit}，分解给 {items.length} 个下级单位；各部分之和必须等于总数。
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ method: 'equal', among: 'subjects', basis: 'villages', keyMultiplier: 1.5, keyOrgIds: undefined, weightsText: '' }}
        onValuesChange={() => setPreview(null)}
      >
        <Form.Item label="分解方式" name="method">
          <Radio.Group optionType="button" options={(['equal', 'weight', 'key_area', 'hand'] as const).map((m) => ({ value: m, label: SPLIT_METHOD_LABELS[m] }))} />
        </Form.Item>
        {target.subjectName && (
          <Form.Item label="分解对象" name="among">
            <Radio.Group options={[{ value: 'subjects', label: `${target.subjectName}` }, { value: 'children', label: '直属下级团委' }]} />
          </Form.Item>
        )}
        {(method === 'weight' || method === 'key_area') && (
          <Form.Item label="权重依据" name="basis">
            <Select aria-label="权重依据" options={(method === 'weight' ? ['villages', 'imported'] : ['equal', 'villages', 'imported']).map((b) => ({ value: b, label: SPLIT_BASIS_LABELS[b] }))} />
          </Form.Item>
        )}
        {(method === 'weight' || method === 'key_area') && basis === 'imported' && (
          <Form.Item label="导入权重" name="weightsText" extra="每行一个单位：组织编码,权重（如青年人口数），可从表格直接粘贴" rules={[{ required: true, message: '请粘贴各单位的权重' }]}>
            <Input.TextArea aria-label="导入权重" rows={4} placeholder={items.slice(0, 2).map((x) => `${x.orgCode},1200`).join('\n')} />
          </Form.Item>
        )}
        {method === 'key_area' && (
          <Space wrap size={12} style={{ width: '100%' }}>
            <Form.Item label="重点区域系数" name="keyMultiplier" rules={[{ required: true }]}>
              <InputNumber aria-label="重点区域系数" min={1} max={10} step={0.1} />
            </Form.Item>
            <Form.Item label="重点区域" name="keyOrgIds" extra={defaultKeys.length ? `默认为已确定的 ${defaultKeys.length} 个重点乡镇` : '尚未确定重点乡镇，请选择'} style={{ minWidth: 320, flex: 1 }}>
              <Select aria-label="重点区域" mode="multiple" allowClear placeholder="默认：已确定的重点乡镇" showSearch={{ optionFilterProp: 'label' }} options={items.map((x) => ({ value: x.orgId, label: x.orgName }))} />
            </Form.Item>
          </Space>
        )}
      </Form>
      {method === 'hand' && (
        <Alert
          type={handSum === whole ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 8 }}
          title={`合计 ${handSum}，${handSum === whole ? '与总数相符' : handSum < whole ? `还差 ${whole - handSum}` : `多出 ${handSum - whole}`}`}
        />
      )}
      <Table<Subordinate>
        aria-label="分解对象"
        size="small"
        rowKey="orgId"
        loading={subs.isFetching}
        dataSource={items}
        pagination={{ pageSize: 8, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '单位', dataIndex: 'orgName', render: (n: string, x) => <Space size={4}>{n}{x.keyArea && <Tag color="gold">重点</Tag>}</Space> },
          { title: '村（社区）数', dataIndex: 'villages' },
          method === 'hand'
            ? { title: `目标（${target.unit}）`, key: 'amount', render: (_, x) => <InputNumber aria-label={`${x.orgName}目标`} min={0} precision={0} value={hand[x.orgId] ?? 0} onChange={(n) => setHand((h) => ({ ...h, [x.orgId]: n ?? 0 }))} /> }
            : { title: '预览', key: 'preview', render: (_, x) => preview?.parts.find((p) => p.orgId === x.orgId)?.amount ?? '—' },
        ]}
      />
      {method !== 'hand' && (
        <Typography.Link onClick={() => void send(true).catch(() => undefined)} aria-label="预览分解结果">
          {split.isPending ? '计算中…' : preview ? `已预览：合计 ${preview.sum}` : '预览分解结果'}
        </Typography.Link>
      )}
    </Modal>
  );
}
