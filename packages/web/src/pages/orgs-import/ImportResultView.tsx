import type { ImportResult, Job } from '@tuanjian/contracts';
import { Alert, Progress, Table, Typography } from 'antd';
import type { ImportRowError } from '../../api/types';
import { IMPORT_FIELD_LABELS } from './importFields';

/** A running job's progress, then what the import did or why it applied nothing. */
export function ImportResultView({ job, dryRun }: { job: Job; dryRun: boolean }) {
  const percent = Math.round(job.progress * 100);
  const result = job.state === 'done' ? (job.result as ImportResult | undefined) : undefined;
  return (
    <div>
      <Progress
        percent={job.state === 'done' ? 100 : percent}
        status={job.state === 'failed' || (result && result.errors.length > 0) ? 'exception' : job.state === 'done' ? 'success' : 'active'}
        aria-label="导入进度"
      />
      {job.message && <Typography.Paragraph type="secondary">{job.message}</Typography.Paragraph>}
      {job.state === 'failed' && <Alert type="error" showIcon title="导入失败" description={job.message || '服务器处理文件时出错'} />}
      {result && <Summary result={result} dryRun={dryRun} />}
      {result && result.errors.length > 0 && (
        <Table<ImportRowError & { key: number }>
          style={{ marginTop: 16 }}
          size="small"
          dataSource={result.errors.map((e, i) => ({ ...e, key: i }))}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 个问题` }}
          columns={[
            { title: '行号', dataIndex: 'row', width: 80 },
            { title: '字段', dataIndex: 'field', width: 140, render: (f?: string) => (f ? (IMPORT_FIELD_LABELS[f as keyof typeof IMPORT_FIELD_LABELS] ?? f) : '—') },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
    </div>
  );
}

function Summary({ result, dryRun }: { result: ImportResult; dryRun: boolean }) {
  const counts = `新建 ${result.created} 个，更新 ${result.updated} 个`;
  if (result.errors.length > 0) {
    return (
      <Alert
        type="error"
        showIcon
        title={`发现 ${result.errors.length} 个问题，${dryRun ? '试运行未通过' : '全部数据均未导入'}`}
        description="导入要么全部成功，要么全部不生效。请按下表修改文件后重新上传。"
      />
    );
  }
  if (dryRun || !result.applied) {
    return <Alert type="info" showIcon title={`试运行通过：将${counts}`} description="数据尚未写入。确认无误后点击“导入”。" />;
  }
  return <Alert type="success" showIcon title={`导入完成：${counts}`} />;
}
