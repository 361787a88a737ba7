import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useAdjust, type SubjectScore } from '../../api/assessment';
import { useReportError } from '../../components/useReportError';

/** 调整分值: the issuer adds or takes off points with a reason; the server holds the scheme's limit. */
export function AdjustModal({ programId, assessmentId, subject, max, onClose }: { programId: number; assessmentId: string; subject: SubjectScore | null; max: number | null; onClose: () => void }) {
  const [form] = Form.useForm<{ points: number; reason: string }>();
  const adjust = useAdjust(programId, assessmentId);
  const report = useReportError();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await adjust.mutateAsync({ subjectKey: subject!.subjectKey, points: v.points, reason: v.reason });
      message.success('已调整，理由已记入审计日志');
      form.resetFields();
      onClose();
    } catch (e) {
      report(e, { form });
    }
  };
  return (
    <Modal open={subject !== null} title={`调整分值 · ${subject?.name ?? ''}`} okText="调整" cancelText="取消" onOk={submit} confirmLoading={adjust.isPending} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="points" label={`加减分（合计不超过 ±${max ?? 0} 分，已调整 ${subject?.adjustment ?? 0} 分）`} rules={[{ required: true, message: '请填写加减分' }]}>
          <InputNumber step={0.5} precision={2} style={{ width: 160 }} placeholder="如 -2 或 1.5" />
        </Form.Item>
        <Form.Item name="reason" label="调整理由" rules={[{ required: true, min: 2, message: '请写明调整理由' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="如：抽查发现一条驻点记录无法核实" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
