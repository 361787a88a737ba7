import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useDecideForm, useGrantException, type FormReport, type ReportAddress } from '../../api/forms';
import { useReportError } from '../../components/useReportError';
import { periodName } from './formText';

export type DecisionKind = 'return' | 'reopen' | 'exception';

const TEXT: Record<DecisionKind, { title: string; ok: string; reason: string; hint: string; done: string }> = {
  return: { title: '退回报表', ok: '退回', reason: '退回理由', hint: '填报单位会看到理由，修改后重新上报。', done: '已退回填报单位' },
  reopen: { title: '重新打开报表', ok: '重新打开', reason: '重新打开的理由', hint: '报表退回填报单位，按现有记录重新生成后再上报审核。', done: '已重新打开，报表退回填报单位' },
  exception: { title: '延期填报', ok: '准许延期', reason: '延期理由', hint: '本期已截止填报；准许后，该单位可在所选日期前补填并上报。', done: '已准许延期填报' },
};

/**
 * The approver's decisions that need words: a return or a reopening with its reason, or a dated
 * exception to the entry lock. A conflict (someone acted first) closes the dialog and reloads.
 */
export function FormDecisionModal({ address, report, kind, onClose, onConflict }: {
  address: ReportAddress; report: FormReport; kind: DecisionKind; onClose: () => void; onConflict: () => void;
}) {
  const decide = useDecideForm(address);
  const grant = useGrantException(address);
  const reportError = useReportError();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; until?: Dayjs }>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const t = TEXT[kind];
  const pending = decide.isPending || grant.isPending;

  const ok = async () => {
    const { reason, until } = await form.validateFields();
    setRefusal(null);
    const handlers = {
      onSuccess: () => { message.success(t.done); onClose(); },
      onError: (e: Error) => {
        if (e instanceof ApiError && e.status === 409) { onClose(); onConflict(); return; }
        if (e instanceof ApiError && e.status === 400 && e.fields.length === 0) { setRefusal(e.message); return; }
        reportError(e, { form });
      },
    };
    if (kind === 'exception') grant.mutate({ until: until!.format('YYYY-MM-DD'), reason: reason.trim() }, handlers);
    else decide.mutate({ verb: kind, version: report.version, reason: reason.trim() }, handlers);
  };

  return (
    <Modal
      open
      title={t.title}
      okText={t.ok}
      okButtonProps={{ danger: kind !== 'exception' }}
      cancelText="取消"
      confirmLoading={pending}
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{report.reporter.name} · {report.form.name} · {periodName(report.period.key)}。{t.hint}</Typography.Paragraph>
      {refusal && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={refusal} />}
      <Form form={form} layout="vertical">
        {kind === 'exception' && (
          <Form.Item label="准许填报至" name="until" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker
              aria-label="准许填报至"
              inputReadOnly
              style={{ width: '100%' }}
              disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            />
          </Form.Item>
        )}
        <Form.Item label={t.reason} name="reason" rules={[{ required: true, whitespace: true, message: `请填写${t.reason}` }]}>
          <Input.TextArea aria-label={t.reason} rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
