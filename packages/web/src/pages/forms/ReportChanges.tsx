import { Alert, Button, List } from 'antd';
import type { FormChange, FormReport } from '../../api/forms';
import { cellText } from './formText';

/** After approval: the cells whose records changed since, against the approval's snapshot, each opening its records. */
export function ReportChanges({ report, onOpen }: { report: FormReport; onOpen: (row: string, column: string) => void }) {
  const rowLabel = (key: string) => (key === 'footer' ? '表尾' : report.rows.find((r) => r.key === key)?.label ?? key);
  const columnLabel = (id: string) => [...report.form.columns, ...report.form.footer].find((c) => c.id === id)?.label ?? id;
  const records = (ch: FormChange) =>
    [ch.addedRecordIds.length ? `新增 ${ch.addedRecordIds.length} 条记录` : null, ch.removedRecordIds.length ? `减少 ${ch.removedRecordIds.length} 条记录` : null]
      .filter(Boolean).join('，');
  return (
    <Alert
      type="warning"
      showIcon
      title={`审核通过后，有 ${report.changes.length} 个单元格的记录发生变化`}
      description={
        <List<FormChange>
          size="small"
          split={false}
          rowKey="cellKey"
          dataSource={report.changes}
          renderItem={(ch) => (
            <List.Item style={{ padding: '2px 0' }}>
              <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => onOpen(ch.rowKey, ch.column)}>
                {rowLabel(ch.rowKey)} · {columnLabel(ch.column)}：{cellText(ch.before) || '空'} → {cellText(ch.after) || '空'}
                {records(ch) ? `（${records(ch)}）` : ''}
              </Button>
            </List.Item>
          )}
        />
      }
    />
  );
}
