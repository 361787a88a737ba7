import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Button, Form, Modal, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useImportPairings, type PairingImportResult, type Program, type TemplateDefinition, type TemplatePairingMode } from '../../api/programs';
import { useReportError } from '../../components/useReportError';
import { PairingImportResultView } from './PairingImportResultView';

/** A one-line CSV (UTF-8 with BOM so Excel opens it in Chinese) whose headers are the mode's side names. */
function templateHref(mode: TemplatePairingMode) {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${mode.sides.map((s) => quote(s.name)).join(',')}\n`)}`;
}

/** 导入名单: check the roster first (nothing saved), then import it; all rows or none. */
export function PairingImportModal({ program, definition, onClose }: { program: Program; definition: TemplateDefinition; onClose: () => void }) {
  const modes = definition.pairingModes;
  const [modeKey, setModeKey] = useState<string | undefined>(modes[0]?.id);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<PairingImportResult | null>(null);
  const importer = useImportPairings(program.id);
  const report = useReportError();
  const { message } = App.useApp();
  const mode = modes.find((m) => m.id === modeKey);
  const checked = result?.dryRun === true && result.ok;
  const done = result?.dryRun === false && result.ok;

  const run = (dryRun: boolean) => {
    if (!file) return;
    importer.mutate({ file, modeKey, dryRun }, {
      onSuccess: (r) => {
        setResult(r);
        if (!dryRun && r.ok) message.success(`已导入 ${r.pairings} 个结对`);
      },
      onError: (e) => {
        setResult(null);
        report(e);
      },
    });
  };

  return (
    <Modal
      title="导入结对名单"
      open
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={
        <Space wrap style={{ justifyContent: 'flex-end', display: 'flex' }}>
          <Button onClick={onClose}>{done ? '关闭' : '取消'}</Button>
          {!done && (
            <Button disabled={!file || importer.isPending} loading={importer.isPending && importer.variables?.dryRun} onClick={() => run(true)}>检查</Button>
          )}
          {!done && (
            <Button type="primary" disabled={!checked || importer.isPending} loading={importer.isPending && importer.variables?.dryRun === false} onClick={() => run(false)}>
              确认导入
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          上传 .xlsx 或 .csv，每行一个结对，每列一方，列标题为该方名称；一格内多个名称用“、”分隔。
          部室写名称（如“组织部”），其他团委的部室写“组织全称·部室”，团干部写姓名或“组织全称·姓名”。
          先检查，没有问题后再确认导入；只要有一行出错，整份名单都不会导入。
        </Typography.Paragraph>
        {modes.length > 1 && (
          <Form.Item label="结对方式" style={{ margin: 0 }} extra="文件中有“结对方式”列时以该列为准">
            <Select
              aria-label="结对方式"
              value={modeKey}
              onChange={(v) => {
                setModeKey(v);
                setResult(null);
              }}
              options={modes.map((m) => ({ value: m.id, label: m.name }))}
            />
          </Form.Item>
        )}
        {mode && (
          <Typography.Text type="secondary">
            表头：{mode.sides.map((s) => `“${s.name}”`).join('、')}
            <Typography.Link href={templateHref(mode)} download={`${mode.name}-结对名单模板.csv`} style={{ marginInlineStart: 8 }}>
              <DownloadOutlined aria-hidden /> 下载模板
            </Typography.Link>
          </Typography.Text>
        )}
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setResult(null);
            return false; // sent by the buttons below, not on selection
          }}
          onRemove={() => {
            setFile(null);
            setResult(null);
          }}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined aria-hidden /></p>
          <p className="ant-upload-text">点击或拖拽文件到此处</p>
          <p className="ant-upload-hint">支持 .xlsx、.csv，不超过 20 MB</p>
        </Upload.Dragger>
        {result && <PairingImportResultView result={result} />}
      </Space>
    </Modal>
  );
}
