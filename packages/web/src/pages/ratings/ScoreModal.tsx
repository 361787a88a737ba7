import { App, Button, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useReviewRating, useSelfScore, type RatingBoard, type RatingRow } from '../../api/ratings';
import { useReportError } from '../../components/useReportError';
import { OrgSelect } from '../../components/OrgSelect';

export type ScoreTarget = { mode: 'self'; row: RatingRow | null } | { mode: 'review'; row: RatingRow };

/** Item-by-item scoring: a branch's self-score, or the level above's review that confirms, corrects or returns it. */
export function ScoreModal({ programId, board, target, onClose }: { programId: number; board: RatingBoard; target: ScoreTarget | null; onClose: () => void }) {
  const [form] = Form.useForm<{ orgId?: number; scores: Record<string, number>; reason?: string }>();
  const standardId = board.standard.id;
  const selfScore = useSelfScore(programId, standardId);
  const review = useReviewRating(programId, standardId);
  const report = useReportError();
  const { message } = App.useApp();
  const row = target?.row ?? null;
  useEffect(() => {
    if (target) form.setFieldsValue({ orgId: row?.orgId, scores: (target.mode === 'review' ? row?.selfScores : row?.selfScores) ?? {}, reason: undefined });
  }, [target, row, form]);

  const save = async (decision?: 'approve' | 'return') => {
    try {
      if (target?.mode === 'self') {
        const v = await form.validateFields();
        await selfScore.mutateAsync({ orgId: row?.orgId ?? v.orgId!, body: { scores: v.scores, version: row?.version ?? 0 } });
        message.success('已提交自评，等待上级审核');
      } else if (row) {
        const v = form.getFieldsValue();
        await review.mutateAsync({ orgId: row.orgId, body: { decision: decision!, scores: decision === 'approve' ? v.scores : undefined, reason: v.reason, version: row.version } });
        message.success(decision === 'approve' ? '已审核通过' : '已退回');
      }
      onClose();
    } catch (e) {
      report(e, { form });
    }
  };
  const total = Form.useWatch('scores', form);
  const sum = Object.values(total ?? {}).reduce((a, b) => a + (typeof b === 'number' ? b : 0), 0);
  const title = target?.mode === 'review' ? `审核定级 · ${row?.orgName}` : `对标自评${row ? ` · ${row.orgName}` : ''}`;
  return (
    <Modal open={target !== null} title={title} onCancel={onClose} destroyOnHidden width={640}
      footer={target?.mode === 'review' ? (
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button danger loading={review.isPending} onClick={() => save('return')}>退回</Button>
          <Button type="primary" loading={review.isPending} onClick={() => save('approve')}>审核通过</Button>
        </Space>
      ) : (
        <Space><Button onClick={onClose}>取消</Button><Button type="primary" loading={selfScore.isPending} onClick={() => save()}>提交自评</Button></Space>
      )}>
      <Form form={form} layout="horizontal" labelCol={{ span: 16 }} wrapperCol={{ span: 8 }}>
        {target?.mode === 'self' && !row && (
          <Form.Item name="orgId" label="团支部" labelCol={{ span: 6 }} wrapperCol={{ span: 18 }} rules={[{ required: true, message: '请选择团支部' }]}>
            <OrgSelect placeholder="输入团支部名称" aria-label="团支部" />
          </Form.Item>
        )}
        {board.standard.items.map((item) => (
          <Form.Item key={item.id} name={['scores', item.id]} label={`${item.mandatory ? '★ ' : ''}${item.text}（${item.points} 分）`}
            rules={[{ required: true, message: '请评分' }]} extra={target?.mode === 'review' && row?.selfScores ? `自评 ${row.selfScores[item.id] ?? '—'}` : undefined}>
            <InputNumber min={0} max={item.points} step={1} aria-label={item.text.split('：')[0]} />
          </Form.Item>
        ))}
        <Typography.Paragraph>合计 <Typography.Text strong>{sum}</Typography.Text> 分；★ 为必备条件，未得满分的最多评为三星。</Typography.Paragraph>
        {target?.mode === 'review' && (
          <Form.Item name="reason" label="退回理由" labelCol={{ span: 6 }} wrapperCol={{ span: 18 }}>
            <Input.TextArea rows={2} maxLength={500} placeholder="退回时必填，如：缺少组织生活会议记录" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
