import { Col, Row, Tag, Typography } from 'antd';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Top-level keys whose values differ between before and after. */
function changedKeys(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

function Json({ title, value }: { title: string; value: unknown }) {
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      {value === null || value === undefined ? (
        <Typography.Paragraph type="secondary">（无）</Typography.Paragraph>
      ) : (
        <pre className="tj-json">{JSON.stringify(value, null, 2)}</pre>
      )}
    </div>
  );
}

/** The audited object before and after the change, side by side (stacked on phones). */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const changed = changedKeys(before, after).filter((k) => k !== 'updatedAt' && k !== 'version');
  return (
    <div>
      {changed.length > 0 && (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">变更字段：</Typography.Text>
          {changed.map((k) => <Tag key={k} color="blue">{k}</Tag>)}
        </div>
      )}
      <Row gutter={[16, 8]}>
        <Col xs={24} md={12}><Json title="修改前" value={before} /></Col>
        <Col xs={24} md={12}><Json title="修改后" value={after} /></Col>
      </Row>
    </div>
  );
}
