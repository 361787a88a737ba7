import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  HONORS, LEADER_POSITIONS, ORG_KINDS, ORG_LEVELS, ORG_SECTORS, type OrgDetail,
} from '@tuanjian/contracts';
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  HONOR_LABELS, KIND_LABELS, LEVEL_LABELS, POSITION_LABELS, SECTOR_LABELS, STATUS_LABELS, optionsOf,
} from '../../labels';

type Leader = { position: (typeof LEADER_POSITIONS)[number]; name: string; mobile?: string | null };

/** What the org form holds: dates as dayjs for the pickers, everything else as the API names it. */
export type OrgFormValues = {
  name: string;
  code: string;
  kind: (typeof ORG_KINDS)[number];
  sector?: (typeof ORG_SECTORS)[number] | null;
  level?: (typeof ORG_LEVELS)[number] | null;
  status?: 'preparing' | 'founded';
  divisionCode?: string | null;
  foundedOn?: Dayjs | null;
  honors?: (typeof HONORS)[number][];
  memberCount?: number | null;
  termElectedOn?: Dayjs | null;
  termDueOn?: Dayjs | null;
  leaders?: Leader[];
};

const day = (s: string | null) => (s ? dayjs(s) : null);
const civil = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

export function valuesFromOrg(org: OrgDetail): OrgFormValues {
  return {
    name: org.name, code: org.code, kind: org.kind, sector: org.sector, level: org.level,
    divisionCode: org.divisionCode, foundedOn: day(org.foundedOn), honors: org.honors, memberCount: org.memberCount,
    termElectedOn: day(org.termElectedOn), termDueOn: day(org.termDueOn),
    leaders: org.leaders.map((l) => ({ ...l })),
  };
}

/** The fields common to OrgCreate and OrgUpdate, in the API's shape. */
export function payloadFromValues(v: OrgFormValues) {
  return {
    name: v.name.trim(),
    code: v.code.trim(),
    kind: v.kind,
    sector: v.sector ?? null,
    ...(v.level ? { level: v.level } : {}),
    divisionCode: blankToNull(v.divisionCode),
    foundedOn: civil(v.foundedOn),
    honors: v.honors ?? [],
    memberCount: v.memberCount ?? null,
    termElectedOn: civil(v.termElectedOn),
    termDueOn: civil(v.termDueOn),
  };
}

export function leadersFromValues(v: Pick<OrgFormValues, 'leaders'>) {
  return (v.leaders ?? []).map((l) => ({ position: l.position, name: (l.name ?? '').trim(), mobile: blankToNull(l.mobile) }));
}

/** A comparable form of a leaders list: the edit drawer sends leaders only when this changed. */
export const leadersKey = (leaders: Leader[] | undefined) => JSON.stringify(leadersFromValues({ leaders }));

// A masked mobile ("138****1234") came from the server for a reader without mobile.view. Unchanged leaders are
// not sent, so it may stay; once the list changes it would be saved back, so it must be typed out in full.
const maskedMobileRule = (originalLeaders: string | undefined) => ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
  validator: (_: unknown, v: string | null | undefined) =>
    v && v.includes('*') && leadersKey(getFieldValue('leaders') as Leader[]) !== originalLeaders
      ? Promise.reject(new Error('请填写完整手机号，或清空此项'))
      : Promise.resolve(),
});

/** The org form's fields; `creating` adds status and explains the defaults the server fills in. */
export function OrgFormFields({ creating, originalLeaders }: { creating: boolean; originalLeaders?: string }) {
  const half = { xs: 24, sm: 12 };
  return (
    <>
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称' }, { max: 100 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="编码" name="code" rules={[{ required: true, whitespace: true, message: '请输入编码' }, { max: 40 }, { pattern: /^[0-9A-Za-z_-]+$/, message: '编码只能包含字母、数字、下划线和连字符' }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
            <Select options={optionsOf(ORG_KINDS, KIND_LABELS)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="领域" name="sector">
            <Select allowClear placeholder="未指定" options={optionsOf(ORG_SECTORS, SECTOR_LABELS)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="层级" name="level" extra={creating ? '留空则按上级组织自动推算' : undefined}>
            <Select allowClear={creating} placeholder={creating ? '自动' : undefined} options={optionsOf(ORG_LEVELS, LEVEL_LABELS)} />
          </Form.Item>
        </Col>
        {creating && (
          <Col {...half}>
            <Form.Item label="状态" name="status">
              <Select options={(['preparing', 'founded'] as const).map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
            </Form.Item>
          </Col>
        )}
        <Col {...half}>
          <Form.Item label="行政区划代码" name="divisionCode" extra={creating ? '留空则沿用上级组织的代码' : undefined} rules={[{ pattern: /^\d{2,12}$/, message: '行政区划代码应为 2–12 位数字' }]}>
            <Input inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="成立日期" name="foundedOn">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="团员数" name="memberCount">
            <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="荣誉" name="honors">
            <Select mode="multiple" allowClear placeholder="无" options={optionsOf(HONORS, HONOR_LABELS)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="上次换届日期" name="termElectedOn">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item label="换届到期日期" name="termDueOn">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="团干部" style={{ marginBottom: 0 }}>
        <Form.List name="leaders">
          {(items, { add, remove }) => (
            <>
              {items.map(({ key, name }) => (
                <Space key={key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[name, 'position']} rules={[{ required: true, message: '请选择职务' }]} style={{ width: 120 }}>
                    <Select aria-label="职务" placeholder="职务" options={optionsOf(LEADER_POSITIONS, POSITION_LABELS)} />
                  </Form.Item>
                  <Form.Item name={[name, 'name']} rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50 }]} style={{ width: 120 }}>
                    <Input aria-label="姓名" placeholder="姓名" />
                  </Form.Item>
                  <Form.Item name={[name, 'mobile']} rules={[maskedMobileRule(originalLeaders), { pattern: /^(1\d{10}|1\d{2}\*+\d{4})?$/, message: '手机号应为 11 位数字' }]} style={{ width: 150 }}>
                    <Input aria-label="手机" placeholder="手机（可选）" inputMode="tel" />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined aria-hidden />} aria-label="删除" onClick={() => remove(name)} />
                </Space>
              ))}
              <Form.Item>
                <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ position: 'committee_member' })}>添加团干部</Button>
              </Form.Item>
            </>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}
