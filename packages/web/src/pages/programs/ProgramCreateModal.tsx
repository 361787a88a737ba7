import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { useCreateProgram, useTemplates } from '../../api/programs';
import { OrgSelect } from '../../components/OrgSelect';
import { useReportError } from '../../components/useReportError';

type Values = { templateId: number; issuerOrgId: number; scopeOrgId: number; year: number; name?: string; docNumber?: string };

/** Starts a program from a template: who issues it, which part of the tree it covers, and its year. */
export function ProgramCreateModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const templates = useTemplates();
  const create = useCreateProgram();
  const report = useReportError();
  const { message } = App.useApp();
  const navigate = useNavigate();

  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(
      {
        templateId: v.templateId, issuerOrgId: v.issuerOrgId, scopeOrgId: v.scopeOrgId, year: v.year,
        name: v.name?.trim() || undefined, docNumber: v.docNumber?.trim() || undefined,
      },
      {
        onSuccess: (p) => {
          message.success('已新建专项工作');
          onClose();
          navigate(`/programs/${p.id}`);
        },
        onError: (e) => report(e, { form }),
      },
    );
  };

  return (
    <Modal
      title="新建专项工作"
      open
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText="新建"
      cancelText="取消"
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ year: dayjs().year() }}>
        <Form.Item label="方案模板" name="templateId" rules={[{ required: true, message: '请选择方案模板' }]}>
          <Select
            loading={templates.isLoading}
            options={(templates.data?.items ?? []).map((t) => ({ value: t.id, label: `${t.name}（第 ${t.version} 版）` }))}
            placeholder="选择模板"
          />
        </Form.Item>
        <Form.Item label="发文单位" name="issuerOrgId" rules={[{ required: true, message: '请选择发文单位' }]}>
          <OrgSelect aria-label="发文单位" />
        </Form.Item>
        <Form.Item label="实施范围" name="scopeOrgId" rules={[{ required: true, message: '请选择实施范围' }]} extra="该组织及其下级组织参与本专项工作">
          <OrgSelect aria-label="实施范围" />
        </Form.Item>
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请输入年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="名称" name="name" extra="不填则按模板名称和年度生成" rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item label="文号" name="docNumber" rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
