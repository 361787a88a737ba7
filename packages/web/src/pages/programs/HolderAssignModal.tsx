import { App, Col, DatePicker, Form, Modal, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { usePeopleOfOrg } from '../../api/people';
import { useAssignHolder, type HolderAssign, type Program, type TemplateDefinition } from '../../api/programs';
import { OrgSelect } from '../../components/OrgSelect';
import { useReportError } from '../../components/useReportError';
import { TEMPLATE_HOLDER_LABELS } from '../../labels';

type Values = {
  roleKey: string;
  /** The committee whose department or cadre is named (departments and cadres only). */
  ownerOrgId?: number;
  holder: { id: number };
  activeFrom?: Dayjs | null;
  activeTo?: Dayjs | null;
};

type Props = { program: Program; definition: TemplateDefinition; roleKey?: string; onClose: () => void };

/** The template's holder word as the API's holder type. */
const holderType = (h: string | undefined): HolderAssign['holder']['type'] => (h === 'person' ? 'cadre' : h === 'department' ? 'department' : 'org');

/** 指定承担者: the issuer names a holder of a role directly — an org, a department or a cadre of a committee. */
export function HolderAssignModal({ program, definition, roleKey, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const assign = useAssignHolder(program.id);
  const report = useReportError();
  const { message } = App.useApp();
  const chosenRole = Form.useWatch('roleKey', form) ?? roleKey ?? definition.roles[0]?.id;
  const role = definition.roles.find((r) => r.id === chosenRole);
  const type = holderType(role?.holder);
  const ownerOrgId = Form.useWatch('ownerOrgId', form) ?? program.issuerOrgId;
  const people = usePeopleOfOrg(type === 'org' ? undefined : ownerOrgId);

  const options = type === 'department'
    ? (people.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))
    : (people.data?.cadres ?? []).filter((c) => c.active).map((c) => {
        const detail = [c.departmentName, c.position].filter(Boolean).join(' · ');
        return { value: c.id, label: detail ? `${c.name}（${detail}）` : c.name };
      });

  const submit = async () => {
    const v = await form.validateFields();
    const body: HolderAssign = {
      roleKey: v.roleKey,
      holder: { type, id: v.holder.id },
      ...(v.activeFrom ? { activeFrom: v.activeFrom.format('YYYY-MM-DD') } : {}),
      ...(v.activeTo ? { activeTo: v.activeTo.format('YYYY-MM-DD') } : {}),
    };
    assign.mutate(body, {
      onSuccess: () => {
        message.success(`已指定为${role?.name ?? '承担者'}`);
        onClose();
      },
      onError: (e) => report(e, { form }),
    });
  };

  const kindWord = TEMPLATE_HOLDER_LABELS[role?.holder ?? 'org'] ?? '承担者';
  return (
    <Modal
      title="指定承担者"
      open
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText="指定"
      cancelText="取消"
      confirmLoading={assign.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ roleKey: roleKey ?? definition.roles[0]?.id, ownerOrgId: program.issuerOrgId }}
        onValuesChange={(changed) => {
          // A different role or committee offers different holders: the earlier choice no longer applies.
          if ('roleKey' in changed || 'ownerOrgId' in changed) form.setFieldValue(['holder', 'id'], undefined);
        }}
      >
        <Form.Item label="角色" name="roleKey" rules={[{ required: true, message: '请选择角色' }]}>
          <Select
            aria-label="角色"
            options={definition.roles.map((r) => ({ value: r.id, label: `${r.name}（${TEMPLATE_HOLDER_LABELS[r.holder] ?? r.holder}）` }))}
          />
        </Form.Item>
        {type === 'org' ? (
          <Form.Item
            label="团组织"
            name={['holder', 'id']}
            rules={[{ required: true, message: '请选择团组织' }]}
            extra={`须在${program.scopeOrgName}范围内且符合角色条件`}
          >
            <OrgSelect aria-label="团组织" activeOnly />
          </Form.Item>
        ) : (
          <>
            <Form.Item label={`${kindWord}所属团组织`} name="ownerOrgId" rules={[{ required: true, message: '请选择团组织' }]}>
              <OrgSelect aria-label={`${kindWord}所属团组织`} activeOnly initial={{ id: program.issuerOrgId, name: program.issuerOrgName }} />
            </Form.Item>
            <Form.Item
              label={kindWord}
              name={['holder', 'id']}
              rules={[{ required: true, message: `请选择${kindWord}` }]}
              extra={people.isError ? <Typography.Text type="danger">{people.error.message}</Typography.Text> : undefined}
            >
              <Select
                aria-label={kindWord}
                showSearch={{ optionFilterProp: 'label' }}
                loading={people.isFetching}
                options={options}
                placeholder={`选择${kindWord}`}
                notFoundContent={people.isFetching ? '加载中…' : `该组织还没有${kindWord}，请先在组织详情中添加`}
              />
            </Form.Item>
          </>
        )}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          任期（可选）：只在任期内计入考核，如年中加入的干部；不填表示整个周期（{program.startsOn} 至 {program.endsOn}）。
        </Typography.Paragraph>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label="任期开始" name="activeFrom">
              <DatePicker style={{ width: '100%' }} inputReadOnly aria-label="任期开始" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label="任期结束"
              name="activeTo"
              dependencies={['activeFrom']}
              rules={[({ getFieldValue }) => ({
                validator: (_, v: Dayjs | null | undefined) => {
                  const from = getFieldValue('activeFrom') as Dayjs | null | undefined;
                  return v && from && v.isBefore(from, 'day') ? Promise.reject(new Error('结束日期不能早于开始日期')) : Promise.resolve();
                },
              })]}
            >
              <DatePicker style={{ width: '100%' }} inputReadOnly aria-label="任期结束" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
