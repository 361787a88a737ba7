import { Alert, Space, Table } from 'antd';
import type { PairingImportResult } from '../../api/programs';

type RowError = PairingImportResult['errors'][number];

/** What a roster check or import found: a summary, and on failure each row's problem (nothing was saved). */
export function PairingImportResultView({ result }: { result: PairingImportResult }) {
  const summary = `${result.pairings} 个结对，新增名单 ${result.holdersAssigned} 个`;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {result.ok ? (
        <Alert
          type={result.dryRun ? 'info' : 'success'}
          showIcon
          title={result.dryRun ? `检查通过：将建立${summary}` : `已导入：建立${summary}`}
        />
      ) : (
        <Alert type="error" showIcon title={`有 ${result.errors.length} 处问题，整份名单都未导入`} description="请按下表修改文件后重新检查。" />
      )}
      {result.errors.length > 0 && (
        <Table<RowError>
          aria-label="导入问题"
          rowKey={(e, i) => `${e.row}.${e.field ?? ''}.${i}`}
          size="small"
          dataSource={result.errors}
          scroll={{ x: 'max-content' }}
          pagination={{ hideOnSinglePage: true, pageSize: 10, showTotal: (n) => `共 ${n} 处` }}
          columns={[
            { title: '行号', dataIndex: 'row', width: 64 },
            { title: '列', dataIndex: 'field', render: (v: string | undefined) => v ?? '—' },
            { title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
    </Space>
  );
}
