import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Form, Grid, Input, InputNumber, Select, Space, Switch, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { EVIDENCE_ACCEPT, uploadEvidence } from '../../api/evidence';
import { programKeys, useCreateRecord, type Program, type ProgramRecord, type RecordCreate, type TemplateDefinition, type TemplateField } from '../../api/programs';
import { OrgSelect } from '../../components/OrgSelect';
import { useReportError } from '../../components/useReportError';
import { QUANTITY_LABELS } from '../../labels';
import { RecordPeopleFields } from './RecordPeopleFields';

type FieldValue = string | number | boolean | string[] | Dayjs | null | undefined;
type Values = {
  kind: string;
  orgId: number;
  occurredOn: Dayjs;
  days?: number;
  peopleReached?: number;
  amount?: number;
  partnerOrgId?: number;
  departmentId?: number;
  cadreIds?: number[];
  deliverableKey?: string;
  fields?: Record<string, FieldValue>;
};

/** One input per template field type; 'org' and 'person' are typed as names. */
function fieldInput(f: TemplateField) {
  switch (f.type) {
    case 'textarea':
      return <Input.TextArea rows={3} maxLength={5000} />;
    case 'number':
      return <InputNumber min={f.min} max={f.max} style={{ width: '100%' }} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} inputReadOnly />;
    case 'select':
      return <Select allowClear mode={f.multiple ? 'multiple' : undefined} options={(f.options ?? []).map((o) => ({ value: o, label: o }))} />;
    case 'boolean':
      return <Switch checkedChildren="是" unCheckedChildren="否" />;
    case 'org':
      return <Input placeholder="填写组织名称" maxLength={5000} />;
    case 'person':
      return <Input placeholder="填写姓名" maxLength={5000} />;
    default:
      return <Input maxLength={5000} />;
  }
}

function fieldValue(f: TemplateField, v: FieldValue): string | number | boolean | null {
  if (v === undefined || v === null || v === '') return f.type === 'boolean' ? false : null;
  if (dayjs.isDayjs(v)) return v.format('YYYY-MM-DD');
  if (Array.isArray(v)) return v.length ? v.join('、') : null;
  if (typeof v === 'string') return v.trim() || null;
  return v;
}

/** 新增记录: the form is built from the chosen record kind's fields and quantities in the template. */
export function RecordFormDrawer({ program, definition, onClose }: { program: Program; definition: TemplateDefinition; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const screens = Grid.useBreakpoint();
  const create = useCreateRecord(program.id);
  const report = useReportError();
  const { message } = App.useApp();
  const kindId = Form.useWatch('kind', form) ?? definition.recordKinds[0]?.id;
  const kind = definition.recordKinds.find((k) => k.id === kindId);
  const qc = useQueryClient();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [attaching, setAttaching] = useState(false);

  /** Photos picked with the record go up once it exists; refusals (type, size, count) are shown per file. */
  const attach = async (recordId: number) => {
    setAttaching(true);
    let failed = 0;
    for (const p of photos) {
      try {
        await uploadEvidence(recordId, p.originFileObj as File, p.name);
      } catch (e) {
        failed++;
        message.error(`${p.name}：${e instanceof Error ? e.message : '上传失败'}`);
      }
    }
    setAttaching(false);
    return failed;
  };

  const submit = async () => {
    const v = await form.validateFields();
    if (!kind) return;
    const fields: Record<string, string | number | boolean | null> = {};
    for (const f of kind.fields) fields[f.id] = fieldValue(f, v.fields?.[f.id]);
    const quantities = new Set(kind.quantities ?? []);
    const body: RecordCreate = {
      kind: kind.id,
      orgId: v.orgId,
      occurredOn: v.occurredOn.format('YYYY-MM-DD'),
      fields,
      ...(quantities.has('days') && v.days != null ? { days: v.days } : {}),
      ...(quantities.has('peopleReached') && v.peopleReached != null ? { peopleReached: v.peopleReached } : {}),
      ...(quantities.has('amount') && v.amount != null ? { amount: v.amount } : {}),
      ...(kind.withPartner && v.partnerOrgId ? { partnerOrgIds: [v.partnerOrgId] } : {}),
      ...(kind.byDepartment && v.departmentId ? { departmentId: v.departmentId } : {}),
      ...(kind.byCadres && v.cadreIds?.length ? { cadreIds: v.cadreIds } : {}),
      ...(v.deliverableKey ? { deliverableKey: v.deliverableKey } : {}),
    };
    const known = new Set((qc.getQueryData<{ items: ProgramRecord[] }>(programKeys.records(program.id))?.items ?? []).map((r) => r.id));
    create.mutate(body, {
      onSuccess: async (list) => {
        // The answer is the program's list; the new record is the one of this kind, org and date not there before.
        const created = list.items.filter((r) => !known.has(r.id) && r.kind === body.kind && r.orgId === body.orgId && r.occurredOn === body.occurredOn)
          .sort((a, b) => b.id - a.id)[0];
        const failed = created && photos.length ? await attach(created.id) : 0;
        if (failed) message.warning(`记录已保存，${failed} 个文件未能上传，可在“佐证材料”中补传`);
        else message.success(photos.length ? `已新增记录并上传 ${photos.length} 个佐证材料` : '已新增记录');
        onClose();
      },
      onError: (e) => report(e, { form }),
    });
  };

  return (
    <Drawer
      open
      onClose={onClose}
      title="新增记录"
      size={screens.md ? 560 : '100%'}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={create.isPending || attaching} onClick={() => void submit().catch(() => undefined)}>保存</Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: definition.recordKinds[0]?.id, occurredOn: dayjs() }}
      >
        <Form.Item label="记录类型" name="kind" rules={[{ required: true, message: '请选择记录类型' }]}>
          <Select options={definition.recordKinds.map((k) => ({ value: k.id, label: k.name }))} />
        </Form.Item>
        <Form.Item label="组织" name="orgId" rules={[{ required: true, message: '请选择开展工作的组织' }]}>
          <OrgSelect aria-label="组织" activeOnly />
        </Form.Item>
        <Form.Item label="日期" name="occurredOn" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        {(kind?.quantities ?? []).map((q) => (
          <Form.Item key={q} label={QUANTITY_LABELS[q] ?? q} name={q}>
            <InputNumber min={0} precision={q === 'peopleReached' ? 0 : undefined} style={{ width: '100%' }} />
          </Form.Item>
        ))}
        {kind?.withPartner && (
          <Form.Item label="结对单位" name="partnerOrgId">
            <OrgSelect aria-label="结对单位" activeOnly />
          </Form.Item>
        )}
        <RecordPeopleFields kind={kind} definition={definition} />
        {(kind?.fields ?? []).map((f) => (
          <Form.Item
            key={`${kind?.id}.${f.id}`}
            label={f.label}
            name={['fields', f.id]}
            extra={f.help}
            valuePropName={f.type === 'boolean' ? 'checked' : 'value'}
            rules={f.required && f.type !== 'boolean' ? [{ required: true, message: `请填写${f.label}` }] : []}
          >
            {fieldInput(f)}
          </Form.Item>
        ))}
        <Form.Item label="佐证材料" extra="照片、PDF、Word、Excel，每个不超过 10 MB；保存记录后上传">
          <Upload
            accept={EVIDENCE_ACCEPT}
            multiple
            listType="picture"
            fileList={photos}
            beforeUpload={() => false}
            onChange={({ fileList }) => setPhotos(fileList)}
          >
            <Button icon={<UploadOutlined aria-hidden />}>拍照或选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
