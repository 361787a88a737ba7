import { Alert, App, Checkbox, Form, Input, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useDecideNomination, type Nomination, type TemplateDefinition } from '../../api/programs';
import { useReportError } from '../../components/useReportError';

export type Decision = 'approve' | 'return';

type Review = { passed: boolean; reason?: string };
type Values = { reason?: string; reviews?: Record<string, Review> };

type Props = {
  programId: number;
  nomination: Nomination;
  decision: Decision;
  definition: TemplateDefinition;
  onClose: () => void;
  onReload: () => void;
};

/** 审定 checks the role's standard item by item (* = mandatory); 退回 needs a reason. The server has the last word. */
export function DecisionModal({ programId, nomination: n, decision, definition, onClose, onReload }: Props) {
  const [form] = Form.useForm<Values>();
  const decide = useDecideNomination(programId);
  const report = useReportError();
  const { message } = App.useApp();
  const [refusal, setRefusal] = useState<string | null>(null);
  const approving = decision === 'approve';

  const role = definition.roles.find((r) => r.id === n.roleKey);
  const standard = definition.standards.find((s) => s.id === role?.standard);
  const items = n.standard?.items ?? [];
  const textOf = (id: string) => standard?.items.find((i) => i.id === id)?.text ?? id;

  const submit = async () => {
    const v = await form.validateFields();
    setRefusal(null);
    const reviews: Record<string, Review> = {};
    if (approving) {
      for (const item of items) {
        const r = v.reviews?.[item.id];
        reviews[item.id] = { passed: Boolean(r?.passed), ...(r?.reason?.trim() ? { reason: r.reason.trim() } : {}) };
      }
    }
    decide.mutate(
      {
        nominationId: n.id,
        decision,
        version: n.version,
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        ...(approving && items.length > 0 ? { reviews } : {}),
      },
      {
        onSuccess: () => {
          message.success(approving ? '已审定通过' : '已退回');
          onClose();
        },
        onError: (e) => {
          // A refusal (e.g. a mandatory item fails) is shown in the dialog, where the reviewer can fix it.
          if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.code !== 'conflict') setRefusal(e.message);
          else report(e, { form, onReload: () => { onReload(); onClose(); } });
        },
      },
    );
  };

  const initialReviews = Object.fromEntries(items.map((i) => [i.id, { passed: i.passed === true }]));

  return (
    <Modal
      title={`${approving ? '审定' : '退回'}：${n.orgName ?? ''}（${n.roleName}）`}
      open
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={approving ? '审定通过' : '退回'}
      okButtonProps={{ danger: !approving }}
      cancelText="取消"
      confirmLoading={decide.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ reviews: initialReviews }}>
        {approving && items.length > 0 && (
          <>
            <Typography.Paragraph type="secondary">
              逐项核对{standard ? `“${standard.name}”` : '标准'}，带 <Typography.Text type="danger">*</Typography.Text> 的为必备条件，未满足时不能通过。
            </Typography.Paragraph>
            <List
              size="small"
              bordered
              dataSource={items}
              style={{ marginBottom: 16 }}
              renderItem={(item) => (
                <List.Item style={{ display: 'block' }}>
                  <Form.Item name={['reviews', item.id, 'passed']} valuePropName="checked" style={{ marginBottom: 4 }}>
                    <Checkbox>
                      {item.mandatory && <Typography.Text type="danger" aria-label="必备">* </Typography.Text>}
                      {textOf(item.id)}
                    </Checkbox>
                  </Form.Item>
                  {item.reason && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{item.reason}</Typography.Text>}
                  <Form.Item name={['reviews', item.id, 'reason']} style={{ marginBottom: 0 }} rules={[{ max: 500 }]}>
                    <Input size="small" placeholder="核对说明（可选）" aria-label={`核对说明：${textOf(item.id)}`} />
                  </Form.Item>
                </List.Item>
              )}
            />
          </>
        )}
        <Form.Item
          label={approving ? '审定意见' : '退回理由'}
          name="reason"
          rules={[...(approving ? [] : [{ required: true, whitespace: true, message: '请填写退回理由' }]), { max: 500 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
      {refusal && <Alert type="error" showIcon title={refusal} />}
    </Modal>
  );
}
