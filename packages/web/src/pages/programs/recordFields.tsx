import { DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TemplateField, TemplateRecordKind } from '../../api/programs';

export type FieldValue = string | number | boolean | string[] | Dayjs | null | undefined;
type ApiValue = string | number | boolean | null;

/** One input per template field type; 'org' and 'person' are typed as names. */
export function fieldInput(f: TemplateField) {
  switch (f.type) {
    case 'textarea':
      return <Input.TextArea rows={3} maxLength={5000} />;
    case 'number':
      return <InputNumber min={f.min} max={f.max} style={{ width: '100%' }} inputMode="decimal" />;
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

/** The form items of a kind's own fields, under the form name ['fields', id]. */
export function KindFields({ kind }: { kind: TemplateRecordKind | undefined }) {
  return (
    <>
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
    </>
  );
}

/** What the API stores for one field: dates as 'YYYY-MM-DD', several choices joined with 、. */
export function toApiValue(f: TemplateField, v: FieldValue): ApiValue {
  if (v === undefined || v === null || v === '') return f.type === 'boolean' ? false : null;
  if (dayjs.isDayjs(v)) return v.format('YYYY-MM-DD');
  if (Array.isArray(v)) return v.length ? v.join('、') : null;
  if (typeof v === 'string') return v.trim() || null;
  return v;
}

/** The inverse, to open a stored or saved record in the form again. */
export function toFormValue(f: TemplateField, v: unknown): FieldValue {
  if (v === undefined || v === null) return undefined;
  if (f.type === 'date' && typeof v === 'string') return dayjs(v);
  if (f.type === 'select' && f.multiple && typeof v === 'string') return v.split('、').filter(Boolean);
  return v as FieldValue;
}

export function apiFields(kind: TemplateRecordKind, values: Record<string, FieldValue> | undefined): Record<string, ApiValue> {
  const out: Record<string, ApiValue> = {};
  for (const f of kind.fields) out[f.id] = toApiValue(f, values?.[f.id]);
  return out;
}

export function formFields(kind: TemplateRecordKind | undefined, stored: Record<string, unknown> | undefined): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of kind?.fields ?? []) out[f.id] = toFormValue(f, stored?.[f.id]);
  return out;
}

/** Form values → JSON for the browser's storage (dayjs objects become dates). */
export function storable(values: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(values, function (this: Record<string, unknown>, key, v: unknown) {
    const raw = this[key];
    return dayjs.isDayjs(raw) ? raw.format('YYYY-MM-DD') : v;
  })) as Record<string, unknown>;
}
