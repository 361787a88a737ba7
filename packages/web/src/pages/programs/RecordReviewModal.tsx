import { Alert, App, Descriptions, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import type { ProgramRecord } from '../../api/programs';
import { useReviewRecord } from '../../api/records';
import { useReportError } from '../../components/useReportError';

/**
 * 核实 / 退回 by the level above (S3.8, S4.8). A return needs a reason the author will read; the
 * server's refusals (e.g. a kind that needs evidence and has none) are shown in the dialog itself.
 */
export function RecordReviewModal({ programId, record, decision, onClose, onReload }: {
  programId: number; record: ProgramRecord; decision: 'verify' | 'return'; onClose: () => void; onReload: () => void;
}) {
  const review = useReviewRecord(programId);
  const report = useReportError();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const verify = decision === 'verify';

  const ok = async () => {
    const { reason } = await form.validateFields();
    setRefusal(null);
    review.mutate({ id: record.id, decision, reason: reason?.trim() || undefined, version: record.version }, {
      onSuccess: () => {
        message.success(verify ? '已核实' : '已退回，填报单位修改后可重新提交');
        onClose();
      },
      onError: (e) => {
        if (e instanceof ApiError && e.status === 400) setRefusal(e.message);
        else report(e, { form, onReload: () => { onReload(); onClose(); } });
      },
    });
  };

  return (
    <Modal
      open
      title={verify ? '核实记录' : '退回记录'}
      okText={verify ? '核实' : '退回'}
      okButtonProps={{ danger: !verify }}
      cancelText="取消"
      confirmLoading={review.isPending}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }} items={[
        { key: 'kind', label: '类型', children: record.kindName },
        { key: 'org', label: '组织', children: record.orgName },
        { key: 'date', label: '日期', children: record.occurredOn },
      ]} />
      {refusal && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={refusal} />}
      <Form form={form} layout="vertical">
        <Form.Item
          label={verify ? '核实意见（可不填）' : '退回理由'}
          name="reason"
          rules={verify ? [] : [{ required: true, whitespace: true, message: '请填写退回理由' }]}
        >
          <Input.TextArea aria-label={verify ? '核实意见' : '退回理由'} rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
