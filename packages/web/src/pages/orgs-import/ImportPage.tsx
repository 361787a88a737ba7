import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Collapse, Form, Input, Result, Row, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useCan } from '../../api/auth';
import { exportUrl, invalidateOrgs, useJob, useOrg, useStartImport } from '../../api/orgs';
import type { ImportMapping } from '../../api/types';
import { useReportError } from '../../components/useReportError';
import { DEFAULT_MAPPING, IMPORT_FIELD_LABELS, IMPORT_FIELDS, REQUIRED_IMPORT_FIELDS } from './importFields';
import { ImportResultView } from './ImportResultView';

/** 导入: upload an .xlsx/.csv, map its columns, try it (dry run) or apply it; all-or-nothing on the server. */
export default function ImportPage() {
  const can = useCan();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const underId = Number(params.get('under')) || undefined;
  const under = useOrg(underId);
  const qc = useQueryClient();
  const report = useReportError();
  const start = useStartImport();
  const [mappingForm] = Form.useForm<ImportMapping>();
  const [file, setFile] = useState<File | null>(null);
  const [run, setRun] = useState<{ jobId: string; dryRun: boolean } | null>(null);
  const job = useJob(run?.jobId);

  // A real import that applied rows changes the tree: refresh every org query once it is done.
  const finished = job.data?.state === 'done';
  useEffect(() => {
    if (finished && run && !run.dryRun) void invalidateOrgs(qc);
  }, [finished, run, qc]);

  if (!can('org.import')) return <Result status="403" title="无权导入组织" subTitle="请联系管理员开通导入权限。" />;

  const go = async (dryRun: boolean) => {
    const mapping = await mappingForm.validateFields();
    if (!file) return;
    const cleaned = Object.fromEntries(Object.entries(mapping).filter(([, v]) => typeof v === 'string' && v.trim()).map(([k, v]) => [k, (v as string).trim()]));
    start.mutate({ file, mapping: cleaned, dryRun }, {
      onSuccess: ({ jobId }) => setRun({ jobId, dryRun }),
      onError: (e) => report(e),
    });
  };
  const busy = start.isPending || job.data?.state === 'running' || (run !== null && job.isPending);
  const busyDryRun = start.isPending ? start.variables?.dryRun : run?.dryRun;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<Typography.Title level={4} style={{ margin: 0 }}>导入组织</Typography.Title>}
        extra={<Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate(underId ? `/orgs/${underId}` : '/orgs')}>返回组织架构</Button>}
      >
        <Typography.Paragraph>
          上传 .xlsx 或 .csv 文件，每行一个组织；按“编码”匹配，已有的组织会被更新，新的编码会被创建。
          先点“试运行”检查文件，没有问题后再点“导入”。只要有一行出错，整个文件都不会导入。
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          可以先导出现有数据作为模板：
          {can('org.export') && (
            <Typography.Link href={exportUrl({ under: underId })} download style={{ marginInlineStart: 4 }}>
              <DownloadOutlined aria-hidden /> 导出 xlsx{under.data ? `（${under.data.name}及下级）` : ''}
            </Typography.Link>
          )}
        </Typography.Paragraph>

        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setRun(null);
            return false; // sent with the mapping by the buttons below, not on selection
          }}
          onRemove={() => {
            setFile(null);
            setRun(null);
          }}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined aria-hidden /></p>
          <p className="ant-upload-text">点击或拖拽文件到此处</p>
          <p className="ant-upload-hint">支持 .xlsx、.csv，不超过 20 MB</p>
        </Upload.Dragger>

        <Collapse
          style={{ marginTop: 16 }}
          items={[{
            key: 'mapping',
            label: '列映射（文件中的列名）',
            forceRender: true,
            children: (
              <Form form={mappingForm} layout="vertical" initialValues={DEFAULT_MAPPING}>
                <Typography.Paragraph type="secondary">左边是系统字段，填写它在文件中对应的列标题。可选的列留空表示不导入该项。</Typography.Paragraph>
                <Row gutter={12}>
                  {IMPORT_FIELDS.map((f) => (
                    <Col key={f} xs={24} sm={12} lg={8}>
                      <Form.Item
                        label={IMPORT_FIELD_LABELS[f]}
                        name={f}
                        rules={REQUIRED_IMPORT_FIELDS.includes(f) ? [{ required: true, whitespace: true, message: '必需的列，请填写列标题' }] : []}
                      >
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
                <Button onClick={() => mappingForm.setFieldsValue(DEFAULT_MAPPING)}>恢复默认列名</Button>
              </Form>
            ),
          }]}
        />

        <Space wrap style={{ marginTop: 16 }}>
          <Button disabled={!file || busy} loading={busy && busyDryRun === true} onClick={() => void go(true).catch(() => undefined)}>试运行</Button>
          <Button type="primary" disabled={!file || busy} loading={busy && busyDryRun === false} onClick={() => void go(false).catch(() => undefined)}>导入</Button>
        </Space>
      </Card>

      {run && (
        <Card title={run.dryRun ? '试运行结果' : '导入结果'}>
          {job.data ? <ImportResultView job={job.data} dryRun={run.dryRun} /> : job.isError ? (
            <Typography.Text type="danger">{job.error.message}</Typography.Text>
          ) : <Typography.Text type="secondary">正在提交…</Typography.Text>}
        </Card>
      )}
    </Space>
  );
}
