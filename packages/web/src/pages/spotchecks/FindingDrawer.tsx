import { UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Drawer, Form, Grid, InputNumber, Space, Typography, Upload, type UploadFile } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSession } from '../../api/auth';
import { EVIDENCE_ACCEPT, uploadEvidence } from '../../api/evidence';
import type { TemplateDefinition } from '../../api/programs';
import { useRecordFinding, type SpotCheckItem, type SpotCheckSample } from '../../api/spotchecks';
import { OrgSelect } from '../../components/OrgSelect';
import { useReportError } from '../../components/useReportError';
import { QUANTITY_LABELS } from '../../labels';
import { RecordPeopleFields } from '../programs/RecordPeopleFields';
import { recordBody, type RecordValues } from '../programs/recordBody';
import { KindFields } from '../programs/recordFields';

/**
 * 录入结果: what the checker found at one drawn branch or record, written as a record of the
 * sample's kind (S3.7 items) by the checker's org; the drawn item's name fills the kind's first
 * org field, and the photos of the visit go up once the record exists.
 */
export function FindingDrawer({ programId, sample, item, definition, onClose }: {
  programId: number; sample: SpotCheckSample; item: SpotCheckItem; definition: TemplateDefinition; onClose: () => void;
}) {
  const [form] = Form.useForm<RecordValues>();
  const screens = Grid.useBreakpoint();
  const session = useSession().data;
  const record = useRecordFinding(programId, sample.id);
  const report = useReportError();
  const { message } = App.useApp();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const kind = definition.recordKinds.find((k) => k.id === sample.recordKind);
  const orgField = kind?.fields.find((f) => f.type === 'org');
  const own = session ? { id: session.user.orgId, name: session.user.orgName } : undefined;

  const save = async () => {
    const v = await form.validateFields();
    if (!kind) return;
    const { kind: _kind, status: _status, ...body } = recordBody(v, kind, 'submitted');
    record.mutate({ itemId: item.id, ...body }, {
      onSuccess: async (s) => {
        const recordId = s.items.find((i) => i.id === item.id)?.findingRecordId;
        let failed = 0;
        if (recordId && photos.length) {
          setUploading(true);
          for (const p of photos) {
            try {
              await uploadEvidence(recordId, p.originFileObj as File, p.name);
            } catch (e) {
              failed++;
              message.error(`${p.name}：${e instanceof Error ? e.message : '上传失败'}`);
            }
          }
          setUploading(false);
        }
        if (failed) message.warning(`已录入抽查结果，${failed} 个文件未能上传，可在工作记录的“佐证材料”中补传`);
        else message.success('已录入抽查结果');
        onClose();
      },
      onError: (e) => report(e, { form }),
    });
  };

  return (
    <Drawer
      open
      onClose={onClose}
      title={`录入结果 · ${item.name}`}
      size={screens.md ? 560 : '100%'}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={record.isPending || uploading} onClick={() => void save().catch(() => undefined)}>保存</Button>
        </Space>
      }
    >
      {!kind && <Typography.Paragraph type="danger">模板中没有“{sample.recordKind}”这类记录</Typography.Paragraph>}
      <Typography.Paragraph type="secondary">{item.stratumName} · 第 {item.rank} 个抽中</Typography.Paragraph>
      <Form<RecordValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          kind: sample.recordKind,
          orgId: own?.id,
          occurredOn: dayjs(),
          fields: orgField ? { [orgField.id]: item.name } : {},
        }}
      >
        <Form.Item label="检查单位" name="orgId" rules={[{ required: true, message: '请选择检查单位' }]} extra="开展抽查的组织">
          <OrgSelect aria-label="检查单位" activeOnly initial={own} />
        </Form.Item>
        <Form.Item label="检查日期" name="occurredOn" rules={[{ required: true, message: '请选择检查日期' }]}>
          <DatePicker aria-label="检查日期" style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        {(kind?.quantities ?? []).map((q) => (
          <Form.Item key={q} label={QUANTITY_LABELS[q] ?? q} name={q}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        ))}
        <RecordPeopleFields kind={kind} definition={definition} />
        <KindFields kind={kind} />
        <Form.Item label="照片及佐证材料" extra={kind?.evidence === 'required' ? '此类记录须有佐证材料才能核实' : undefined}>
          <Upload accept={EVIDENCE_ACCEPT} multiple listType="picture" fileList={photos} beforeUpload={() => false} onChange={({ fileList }) => setPhotos(fileList)}>
            <Button icon={<UploadOutlined aria-hidden />}>拍照或选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
