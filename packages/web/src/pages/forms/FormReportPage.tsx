import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Input, Popconfirm, Result, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { reportXlsxUrl, useFormReport, useSubmitForm, useUpdateTyped, useDecideForm, type FormReport, type ReportAddress } from '../../api/forms';
import { useProgram } from '../../api/programs';
import { useReportError } from '../../components/useReportError';
import { FORM_STATUS_COLORS, FORM_STATUS_LABELS, FORM_TIMELINESS_COLORS, FORM_TIMELINESS_LABELS } from '../../labels';
import { CellDrawer } from './CellDrawer';
import { FormDecisionModal, type DecisionKind } from './FormDecisionModal';
import { ReportChanges } from './ReportChanges';
import { ReportSheet, type Edits, type TypedValue } from './ReportSheet';
import { periodName, when } from './formText';

const CONFLICT = '已被他人修改，请刷新';

/** The page's address → the report's address; null when the address cannot name a report. */
function useAddress(): ReportAddress | null {
  const p = useParams();
  const programId = Number(p.id);
  if (!Number.isInteger(programId) || programId <= 0 || !p.formKey || !p.period || !/^(org|department)-\d+$/.test(p.reporter ?? '')) return null;
  return { programId, formKey: p.formKey, period: p.period, reporter: p.reporter! };
}

/** 'body.cells.<row>/<column>' → the cell's message, so the input that holds it turns red. */
function cellErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  return Object.fromEntries(e.fields.filter((f) => f.path.startsWith('body.cells.')).map((f) => [f.path.slice('body.cells.'.length), f.message]));
}

function Header({ report }: { report: FormReport }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      items={[
        { key: 'reporter', label: '填报单位', children: report.reporter.name },
        { key: 'period', label: '期次', children: periodName(report.period.key) },
        {
          key: 'status', label: '状态',
          children: (
            <Space size={4} wrap>
              <Tag color={FORM_STATUS_COLORS[report.status]} style={{ marginInlineEnd: 0 }} aria-label={`状态：${FORM_STATUS_LABELS[report.status]}`}>{FORM_STATUS_LABELS[report.status]}</Tag>
              <Tag color={FORM_TIMELINESS_COLORS[report.timeliness]} style={{ marginInlineEnd: 0 }}>{FORM_TIMELINESS_LABELS[report.timeliness]}</Tag>
            </Space>
          ),
        },
        { key: 'due', label: '截止日期', children: `${report.period.due}${report.period.locksAfter ? `（${report.period.locksAfter} 后锁定）` : ''}` },
        { key: 'submitted', label: '上报时间', children: report.submittedAt ? `${when(report.submittedAt)}${report.firstSubmittedAt && report.firstSubmittedAt !== report.submittedAt ? `（首次 ${when(report.firstSubmittedAt)}）` : ''}` : '—' },
        { key: 'decided', label: '审核时间', children: when(report.decidedAt) },
      ]}
    />
  );
}

/** One reporter's form for one period: the attachment's table filled from records, typed cells, notes and the workflow. */
export default function FormReportPage() {
  const address = useAddress();
  if (!address) return <Result status="404" title="报表不存在" />;
  return <ReportView key={`${address.formKey}|${address.period}|${address.reporter}`} address={address} />;
}

function ReportView({ address }: { address: ReportAddress }) {
  const { message } = App.useApp();
  const reportError = useReportError();
  const program = useProgram(address.programId);
  const query = useFormReport(address);
  const update = useUpdateTyped(address);
  const submit = useSubmitForm(address);
  const decide = useDecideForm(address);
  const [edits, setEdits] = useState<Edits>({});
  const [notes, setNotes] = useState<string | undefined>(undefined);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [cell, setCell] = useState<{ row: string; column: string } | null>(null);
  const [dialog, setDialog] = useState<DecisionKind | null>(null);

  const back = `/programs/${address.programId}?tab=forms&form=${encodeURIComponent(address.formKey)}&period=${encodeURIComponent(address.period)}`;
  if (query.isError) {
    return <Result status="warning" title={query.error.message} extra={<Link to={back}>返回报表</Link>} />;
  }
  const report = query.data;
  if (!report) return <Spin style={{ display: 'block', margin: '48px auto' }} />;

  const dirty = Object.keys(edits).length > 0 || (notes !== undefined && notes !== (report.notes ?? ''));
  const reload = () => {
    setEdits({});
    setNotes(undefined);
    setErrors({});
    void query.refetch();
  };
  /** A 409 means someone saved first: say so and show what is there now; other refusals say what to fix. */
  const onError = (e: Error) => {
    if (e instanceof ApiError && e.status === 409) {
      message.warning(CONFLICT);
      reload();
      return;
    }
    setErrors(cellErrors(e));
    reportError(e);
  };
  const save = async (): Promise<FormReport> => {
    if (!dirty) return report;
    const saved = await update.mutateAsync({
      version: report.version,
      ...(Object.keys(edits).length ? { cells: edits } : {}),
      ...(notes !== undefined ? { notes: notes.trim() || null } : {}),
    });
    setEdits({});
    setNotes(undefined);
    setErrors({});
    return saved;
  };
  const onSave = () => save().then(() => message.success('已保存')).catch(onError);
  const onSubmit = () =>
    save()
      .then((saved) => submit.mutateAsync(saved.version))
      .then(() => message.success('已上报，等待上级审核'))
      .catch(onError);
  const onApprove = () =>
    decide.mutate({ verb: 'approve', version: report.version }, { onSuccess: () => message.success('已审核通过，报表已锁定'), onError });
  const onEdit = (key: string, value: TypedValue) => {
    setEdits((prev) => ({ ...prev, [key]: value === '' ? null : value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  };

  const a = report.abilities;
  const busy = update.isPending || submit.isPending || decide.isPending;
  const locked = !report.entryOpen && (report.status === 'draft' || report.status === 'returned');

  return (
    <Card
      title={
        <>
          <Breadcrumb
            style={{ fontWeight: 'normal' }}
            items={[
              { title: <Link to="/programs">专项工作</Link> },
              { title: <Link to={`/programs/${address.programId}`}>{program.data?.name ?? '专项工作'}</Link> },
              { title: <Link to={back}>报表</Link> },
              { title: report.reporter.name },
            ]}
          />
          <Typography.Title level={4} style={{ margin: '4px 0 0', whiteSpace: 'normal' }}>{report.form.ref} {report.form.name}</Typography.Title>
        </>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Header report={report} />
        {report.status === 'returned' && report.returnReason && (
          <Alert type="error" showIcon title="报表已退回" description={`理由：${report.returnReason}`} />
        )}
        {locked && (
          <Alert type="warning" showIcon title={`本期已于 ${report.period.locksAfter} 截止填报`} description="如需补报，请联系上级单位准许延期填报。" />
        )}
        {report.exceptionUntil && (report.status === 'draft' || report.status === 'returned') && <Alert type="info" showIcon title={`上级已准许延期填报至 ${report.exceptionUntil}`} />}
        {report.status === 'approved' && report.changes.length > 0 && (
          <ReportChanges report={report} onOpen={(row, column) => setCell({ row, column })} />
        )}
        <Space wrap size={[8, 8]}>
          {a.edit && <Button onClick={() => void onSave()} disabled={!dirty} loading={update.isPending && !submit.isPending}>保存</Button>}
          {a.submit && (
            <Popconfirm title="上报后等待上级审核，审核前不能再修改。确认上报？" okText="确认上报" cancelText="取消" onConfirm={() => void onSubmit()}>
              <Button type="primary" loading={submit.isPending} disabled={busy}>提交</Button>
            </Popconfirm>
          )}
          {a.approve && (
            <Popconfirm title="审核通过后报表锁定；此后记录如有变化，会在此列出。" okText="确认通过" cancelText="取消" onConfirm={onApprove}>
              <Button type="primary" loading={decide.isPending} disabled={busy}>审核通过</Button>
            </Popconfirm>
          )}
          {a.approve && <Button danger disabled={busy} onClick={() => setDialog('return')}>退回</Button>}
          {a.reopen && <Button disabled={busy} onClick={() => setDialog('reopen')}>重新打开</Button>}
          {a.grantException && <Button disabled={busy} onClick={() => setDialog('exception')}>延期填报</Button>}
          <Button icon={<DownloadOutlined aria-hidden />} href={reportXlsxUrl(address)} download>导出 Excel</Button>
        </Space>
        <ReportSheet report={report} edits={edits} errors={errors} onEdit={onEdit} onOpen={(row, column) => setCell({ row, column })} />
        <div>
          <Typography.Title level={5}>填报说明</Typography.Title>
          {a.edit ? (
            <Input.TextArea
              aria-label="填报说明"
              rows={3}
              maxLength={5000}
              showCount
              placeholder="需要向上级说明的情况（可不填）"
              value={notes ?? report.notes ?? ''}
              onChange={(e) => setNotes(e.target.value)}
            />
          ) : (
            <Typography.Paragraph type={report.notes ? undefined : 'secondary'} style={{ whiteSpace: 'pre-wrap' }}>{report.notes ?? '无'}</Typography.Paragraph>
          )}
        </div>
      </Space>
      <CellDrawer
        address={address}
        cell={cell}
        change={cell ? report.changes.find((ch) => ch.rowKey === cell.row && ch.column === cell.column) : undefined}
        onClose={() => setCell(null)}
      />
      {dialog && (
        <FormDecisionModal
          address={address}
          report={report}
          kind={dialog}
          onClose={() => setDialog(null)}
          onConflict={() => { message.warning(CONFLICT); reload(); }}
        />
      )}
    </Card>
  );
}
