import type { OrgDetail } from '@tuanjian/contracts';
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useDissolveOrg, useFoundOrg, useMergeOrg, useMoveOrg, useOrg } from '../../api/orgs';
import { OrgSelect } from '../../components/OrgSelect';
import { useReportError } from '../../components/useReportError';

type Values = { effectiveOn: Dayjs; newParentId?: number; intoId?: number; reason?: string };
type Mutation = { mutate: (body: never, opts: { onSuccess: () => void; onError: (e: Error) => void }) => void; isPending: boolean };

type Props = { org: OrgDetail; open: boolean; onClose: () => void };

type ShellProps = Props & {
  title: string;
  okText: string;
  /** Irreversible steps ask once more before they are sent. */
  confirm?: string;
  mutation: Mutation;
  body: (v: Values) => Record<string, unknown>;
  children: ReactNode;
};

/** Every restructuring step is dated (effectiveOn) and carries the version the user saw. */
function RestructureModal({ org, open, onClose, title, okText, confirm, mutation, body, children }: ShellProps) {
  const [form] = Form.useForm<Values>();
  const report = useReportError();
  const { refetch } = useOrg(org.id);
  const { message } = App.useApp();

  const send = async () => {
    const values = await form.validateFields();
    const request = { ...body(values), effectiveOn: values.effectiveOn.format('YYYY-MM-DD'), version: org.version };
    mutation.mutate(request as never, {
      onSuccess: () => {
        message.success(`${okText}成功`);
        onClose();
      },
      onError: (e) => report(e, { form, onReload: () => void refetch() }),
    });
  };

  const ok = (
    <Button type="primary" danger={Boolean(confirm)} loading={mutation.isPending} onClick={confirm ? undefined : () => void send().catch(() => undefined)}>
      {okText}
    </Button>
  );
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          {confirm ? (
            <Popconfirm title={confirm} okText="确定" cancelText="取消" onConfirm={() => send().catch(() => undefined)}>{ok}</Popconfirm>
          ) : ok}
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ effectiveOn: dayjs() }}>
        {children}
        <Form.Item label="生效日期" name="effectiveOn" rules={[{ required: true, message: '请选择生效日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MoveModal(props: Props) {
  const move = useMoveOrg(props.org.id);
  return (
    <RestructureModal {...props} title={`迁移：${props.org.name}`} okText="迁移" mutation={move as Mutation} body={(v) => ({ newParentId: v.newParentId })}>
      <Typography.Paragraph type="secondary">迁移后，该组织及其全部下级组织将归入新的上级组织，历史隶属关系按生效日期保留。</Typography.Paragraph>
      <Form.Item label="新的上级组织" name="newParentId" rules={[{ required: true, message: '请选择新的上级组织' }]}>
        <OrgSelect activeOnly excludeIds={[props.org.id, ...(props.org.parentId ? [props.org.parentId] : [])]} />
      </Form.Item>
    </RestructureModal>
  );
}

export function DissolveModal(props: Props) {
  const dissolve = useDissolveOrg(props.org.id);
  return (
    <RestructureModal
      {...props}
      title={`撤销：${props.org.name}`}
      okText="撤销"
      confirm={`确定撤销“${props.org.name}”吗？撤销后不能再修改。`}
      mutation={dissolve as Mutation}
      body={(v) => ({ reason: v.reason })}
    >
      <Typography.Paragraph type="secondary">只有没有未撤销下级组织的组织才能撤销。</Typography.Paragraph>
      <Form.Item label="撤销原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写撤销原因' }, { max: 500 }]}>
        <Input.TextArea rows={3} showCount maxLength={500} />
      </Form.Item>
    </RestructureModal>
  );
}

export function MergeModal(props: Props) {
  const merge = useMergeOrg(props.org.id);
  return (
    <RestructureModal
      {...props}
      title={`合并：${props.org.name}`}
      okText="合并"
      confirm={`确定将“${props.org.name}”并入所选组织吗？合并后本组织将被撤销。`}
      mutation={merge as Mutation}
      body={(v) => ({ intoId: v.intoId })}
    >
      <Typography.Paragraph type="secondary">合并后，本组织的下级组织转入目标组织，本组织标记为已撤销。</Typography.Paragraph>
      <Form.Item label="并入的组织" name="intoId" rules={[{ required: true, message: '请选择要并入的组织' }]}>
        <OrgSelect activeOnly excludeIds={[props.org.id]} />
      </Form.Item>
    </RestructureModal>
  );
}

export function FoundModal(props: Props) {
  const found = useFoundOrg(props.org.id);
  return (
    <RestructureModal {...props} title={`成立：${props.org.name}`} okText="确认成立" mutation={found as Mutation} body={() => ({})}>
      <Typography.Paragraph type="secondary">筹建中的组织完成组建后，在此登记正式成立的日期。</Typography.Paragraph>
    </RestructureModal>
  );
}
