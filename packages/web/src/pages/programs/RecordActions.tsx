import { Button, Space } from 'antd';
import { useCan, useSession } from '../../api/auth';
import type { ProgramRecord, TemplateDefinition } from '../../api/programs';
import { useSubmitRecord } from '../../api/records';
import { useReportError } from '../../components/useReportError';

const OPEN_FOR_CHECKIN = new Set(['draft', 'submitted', 'returned']);

/**
 * What may be done with one record, from the session's abilities (the server checks again):
 * authors submit drafts and returned records and correct them; the level above verifies or returns.
 */
export function RecordActions({ programId, record: r, definition, onEdit, onReview, onCheckin, onReload }: {
  programId: number;
  record: ProgramRecord;
  definition: TemplateDefinition;
  onEdit: () => void;
  onReview: (decision: 'verify' | 'return') => void;
  onCheckin: () => void;
  onReload: () => void;
}) {
  const can = useCan();
  const session = useSession().data;
  const submit = useSubmitRecord(programId);
  const report = useReportError();
  const kind = definition.recordKinds.find((k) => k.id === r.kind);
  const label = `${r.occurredOn} ${r.orgName}`;
  // Verification is the level above's: a record of one's own org is verified by someone higher.
  const mayVerify = can('record.verify') && r.status === 'submitted' && r.orgId !== session?.user.orgId;
  const mayEdit = can('record.create') && r.status !== 'superseded';

  return (
    <Space size={4} wrap>
      {mayEdit && (r.status === 'draft' || r.status === 'returned') && (
        <Button
          size="small"
          type="primary"
          loading={submit.isPending}
          aria-label={`提交 ${label}`}
          onClick={() => submit.mutate({ id: r.id, version: r.version }, { onError: (e) => report(e, { onReload }) })}
        >
          提交
        </Button>
      )}
      {mayEdit && <Button size="small" aria-label={`修改 ${label}`} onClick={onEdit}>修改</Button>}
      {mayVerify && <Button size="small" type="primary" ghost aria-label={`核实 ${label}`} onClick={() => onReview('verify')}>核实</Button>}
      {mayVerify && <Button size="small" danger aria-label={`退回 ${label}`} onClick={() => onReview('return')}>退回</Button>}
      {can('record.create') && kind?.quantities?.includes('peopleReached') && OPEN_FOR_CHECKIN.has(r.status) && (
        <Button size="small" aria-label={`扫码签到 ${label}`} onClick={onCheckin}>扫码签到</Button>
      )}
    </Space>
  );
}
