import { CloudSyncOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Drawer, Form, Grid, InputNumber, Select, Space, Upload, type UploadFile } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSession } from '../../api/auth';
import { EVIDENCE_ACCEPT, uploadEvidence } from '../../api/evidence';
import { programKeys, useNominations, usePairings, type Program, type ProgramRecord, type TemplateDefinition } from '../../api/programs';
import { useRecordListUpdate, useSubmitRecord, useUpdateRecord } from '../../api/records';
import { OrgSelect } from '../../components/OrgSelect';
import { useReportError } from '../../components/useReportError';
import { QUANTITY_LABELS } from '../../labels';
import { RecordPeopleFields } from './RecordPeopleFields';
import { recordBody, recordUpdate, valuesOfRecord, valuesOfStored, type RecordValues } from './recordBody';
import { KindFields, storable } from './recordFields';
import {
  loadDraft, loadLastChoice, newIdempotencyKey, saveDraft, saveLastChoice, sendRecord, useSending, type OutboxItem, type RecordDraft,
} from './recordOutbox';
import { RecordQuickPick } from './RecordQuickPick';
import { suggestRecords, type Suggestion } from './recordSuggestions';

type Props = {
  program: Program;
  definition: TemplateDefinition;
  /** A saved draft or returned record to finish; without it, a new record. */
  record?: ProgramRecord;
  onClose: () => void;
};

/**
 * 新增记录 on a phone in under a minute: org, kind and partner come from the approved roles and
 * pairings (the user's own org first, then the last choice), the kind's fields from the template.
 * What is typed stays in the browser until the server has answered; a submission without network
 * waits in the outbox and goes out by itself, never twice (one Idempotency-Key per draft).
 */
export function RecordFormDrawer({ program, definition, record, onClose }: Props) {
  const [form] = Form.useForm<RecordValues>();
  const screens = Grid.useBreakpoint();
  const report = useReportError();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const session = useSession().data;
  const userId = session?.user.id ?? 0;
  const editing = record !== undefined;
  const nominations = useNominations(program.id);
  const pairings = usePairings(program.id);
  const updateList = useRecordListUpdate(program.id);
  const update = useUpdateRecord(program.id);
  const submit = useSubmitRecord(program.id);

  const [restored] = useState<RecordDraft | null>(() => (editing ? null : loadDraft(userId, program.id)));
  const [draftKey] = useState(() => restored?.key ?? newIdempotencyKey());
  const [names, setNames] = useState<Record<string, string>>(() => ({ ...restored?.names, ...(record ? { [record.orgId]: record.orgName } : {}) }));
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const touched = useRef(Boolean(restored) || editing);
  const mounted = useRef(true);
  useEffect(() => () => { mounted.current = false; }, []);

  const sending = useSending(program.id).find((s) => s.key === draftKey);
  const suggestions = useMemo(
    () => suggestRecords(definition, nominations.data?.items ?? [], pairings.data?.items ?? [], session?.user.orgId),
    [definition, nominations.data, pairings.data, session?.user.orgId],
  );

  const kindId = Form.useWatch('kind', form) ?? record?.kind ?? definition.recordKinds[0]?.id;
  const orgId = Form.useWatch('orgId', form);
  const kind = definition.recordKinds.find((k) => k.id === kindId);
  const current = suggestions.find((s) => s.org.id === orgId && s.kind === kindId);

  // Names of every holder, so a pre-filled org or partner reads as a name, not a number.
  useEffect(() => {
    const known: Record<string, string> = {};
    for (const s of suggestions) {
      known[s.org.id] = s.org.name;
      for (const p of s.partners) known[p.id] = p.name;
    }
    setNames((n) => ({ ...known, ...n }));
  }, [suggestions]);

  const draftNow = (): RecordDraft => ({ key: draftKey, values: storable(form.getFieldsValue(true) as Record<string, unknown>), names, savedAt: new Date().toISOString() });
  const persist = () => {
    if (!editing) saveDraft(userId, program.id, draftNow());
  };

  const apply = (s: Suggestion) => {
    form.setFieldsValue({ orgId: s.org.id, kind: s.kind, partnerOrgId: s.partners.length === 1 ? s.partners[0]!.id : undefined });
    setNames((n) => ({ ...n, [s.org.id]: s.org.name, ...Object.fromEntries(s.partners.map((p) => [p.id, p.name])) }));
  };

  // Until the user touches the form, it follows the best guess: last choice, else the user's own org's first duty.
  useEffect(() => {
    if (touched.current || suggestions.length === 0) return;
    const last = loadLastChoice(userId, program.id);
    const pick = suggestions.find((s) => last && s.org.id === last.orgId && s.kind === last.kind) ?? suggestions.find((s) => s.own);
    if (pick) apply(pick);
  }, [suggestions]); // eslint-disable-line react-hooks/exhaustive-deps

  /** A new org brings its first duty unless the chosen kind is one of its duties; the kind brings its partner. */
  const follow = (org: number | undefined, k: string, orgChanged: boolean) => {
    const forOrg = suggestions.filter((s) => s.org.id === org);
    if (orgChanged && forOrg.length && !forOrg.some((s) => s.kind === k)) {
      k = forOrg[0]!.kind;
      form.setFieldValue('kind', k);
    }
    const s = forOrg.find((x) => x.kind === k);
    if (s) form.setFieldValue('partnerOrgId', s.partners.length === 1 ? s.partners[0]!.id : undefined);
  };

  const onValuesChange = (changed: Partial<RecordValues>, all: RecordValues) => {
    touched.current = true;
    if ('orgId' in changed || 'kind' in changed) follow(all.orgId, all.kind, 'orgId' in changed);
    persist();
  };

  /** Photos picked with the record go up once it exists; refusals (type, size, count) are shown per file. */
  const attach = async (recordId: number, files: UploadFile[]) => {
    let failed = 0;
    for (const p of files) {
      try {
        const e = await uploadEvidence(recordId, p.originFileObj as File, p.name);
        if (e.duplicateOf) message.warning(`${p.name}：${e.duplicateOf.message}`);
      } catch (e) {
        failed++;
        message.error(`${p.name}：${e instanceof Error ? e.message : '上传失败'}`);
      }
    }
    return failed;
  };

  const finish = async (recordId: number, files: UploadFile[], done: string) => {
    const failed = files.length ? await attach(recordId, files) : 0;
    if (failed) message.warning(`${done}，${failed} 个文件未能上传，可在“佐证材料”中补传`);
    else message.success(files.length ? `${done}，并上传 ${files.length} 个佐证材料` : done);
  };

  /** A new record: into the outbox, sent until the server answers. A draft needs only org, kind and date. */
  const send = async (status: 'draft' | 'submitted') => {
    const v = status === 'draft' ? await form.validateFields(['kind', 'orgId', 'occurredOn']).then(() => form.getFieldsValue(true) as RecordValues) : await form.validateFields();
    if (!kind || !v.orgId) return;
    const draft = draftNow();
    saveDraft(userId, program.id, draft);
    const body = recordBody(v, kind, status);
    saveLastChoice(userId, program.id, { orgId: v.orgId, kind: kind.id });
    const files = photos;
    const item: OutboxItem = { key: draftKey, body, draft, queuedAt: new Date().toISOString() };
    sendRecord(userId, program.id, item, {
      onSaved: async (saved) => {
        await updateList();
        await finish(saved.savedId, files, status === 'draft' ? '已保存草稿' : '已提交记录');
        if (mounted.current) onClose();
      },
      onRefused: (e, refused) => {
        if (mounted.current) {
          report(e, { form });
          return;
        }
        if (!loadDraft(userId, program.id)) saveDraft(userId, program.id, refused.draft);
        message.error(`记录未被接受：${e instanceof Error ? e.message : '请检查后重新提交'}（已放回草稿）`);
      },
    });
  };

  /** A saved record: edit in place (or a new version after verification), then submit when asked. */
  const save = async (andSubmit: boolean) => {
    if (!record || !kind) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const saved = await update.mutateAsync({ id: record.id, ...recordUpdate(v, kind, record) });
      const fresh = saved.items.find((r) => r.id === saved.savedId);
      if (andSubmit && fresh && (fresh.status === 'draft' || fresh.status === 'returned')) await submit.mutateAsync({ id: fresh.id, version: fresh.version });
      await finish(saved.savedId, photos, andSubmit ? '已提交记录' : fresh && fresh.id !== record.id ? '已保存为新版本，等待核实' : '已保存');
      onClose();
    } catch (e) {
      report(e, { form, onReload: () => { void qc.invalidateQueries({ queryKey: programKeys.records(program.id) }); onClose(); } });
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    // A submission still waiting keeps its own copy in the outbox; the form starts empty next time.
    if (sending) saveDraft(userId, program.id, null);
    onClose();
  };
  const discard = () => {
    saveDraft(userId, program.id, null);
    onClose();
  };

  const initialValues: RecordValues = record
    ? valuesOfRecord(record, kind)
    : restored ? valuesOfStored(restored.values, definition.recordKinds) : { kind: definition.recordKinds[0]?.id ?? '', occurredOn: dayjs() };
  const inFlight = Boolean(sending && !sending.waiting);
  const status = record?.status;

  const footer = editing ? (
    <Space wrap style={{ display: 'flex', justifyContent: 'flex-end' }}>
      <Button onClick={onClose}>取消</Button>
      {status === 'draft' && <Button loading={busy} onClick={() => void save(false).catch(() => undefined)}>保存草稿</Button>}
      <Button type="primary" loading={busy} onClick={() => void save(status === 'draft' || status === 'returned').catch(() => undefined)}>
        {status === 'draft' ? '提交' : status === 'returned' ? '修改并重新提交' : status === 'verified' ? '保存为新版本' : '保存'}
      </Button>
    </Space>
  ) : (
    <Space wrap style={{ display: 'flex', justifyContent: 'flex-end' }}>
      <Button onClick={close}>{sending ? '关闭' : '取消'}</Button>
      <Button disabled={Boolean(sending)} onClick={() => void send('draft').catch(() => undefined)}>保存草稿</Button>
      <Button type="primary" loading={inFlight} disabled={Boolean(sending?.waiting)} onClick={() => void send('submitted').catch(() => undefined)}>提交</Button>
    </Space>
  );

  return (
    <Drawer
      open
      onClose={editing ? onClose : close}
      title={editing ? `修改记录 · ${record.kindName}` : '新增记录'}
      size={screens.md ? 560 : '100%'}
      destroyOnHidden
      footer={footer}
    >
      {sending?.waiting && (
        <Alert
          type="warning"
          showIcon
          icon={<CloudSyncOutlined aria-hidden />}
          style={{ marginBottom: 16 }}
          title="网络不通，记录已保存在本机"
          description={`恢复网络后自动提交，不会重复（已尝试 ${sending.attempts} 次）。${photos.length ? '照片在记录送达后上传，请勿关闭页面。' : ''}`}
        />
      )}
      {restored && !sending && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`已恢复未提交的草稿（${dayjs(restored.savedAt).format('M月D日 HH:mm')}）`}
          action={<Button size="small" onClick={discard}>清除草稿</Button>}
        />
      )}
      {record?.status === 'returned' && record.reviewReason && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`退回理由：${record.reviewReason}`} />
      )}
      {!editing && (
        <RecordQuickPick
          suggestions={suggestions}
          orgId={orgId}
          kindId={kindId}
          onPickOrg={(o) => {
            touched.current = true;
            setNames((n) => ({ ...n, [o.id]: o.name }));
            form.setFieldValue('orgId', o.id);
            follow(o.id, form.getFieldValue('kind') as string, true);
            persist();
          }}
          onPick={(x) => {
            touched.current = true;
            apply(x);
            persist();
          }}
        />
      )}
      <Form<RecordValues>
        form={form}
        layout="vertical"
        preserve={false}
        disabled={Boolean(sending)}
        initialValues={initialValues}
        onValuesChange={onValuesChange}
      >
        <Form.Item label="记录类型" name="kind" rules={[{ required: true, message: '请选择记录类型' }]}>
          <Select aria-label="记录类型" disabled={editing} options={definition.recordKinds.map((k) => ({ value: k.id, label: k.name }))} />
        </Form.Item>
        <Form.Item label="组织" name="orgId" rules={[{ required: true, message: '请选择开展工作的组织' }]}>
          <OrgSelect aria-label="组织" activeOnly initial={orgId && names[orgId] ? { id: orgId, name: names[orgId]! } : undefined} />
        </Form.Item>
        <Form.Item label="日期" name="occurredOn" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker aria-label="日期" style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        {kind?.withPartner && <PartnerField partners={current?.partners ?? []} names={names} />}
        {(kind?.quantities ?? []).map((q) => (
          <Form.Item key={q} label={QUANTITY_LABELS[q] ?? q} name={q} extra={q === 'peopleReached' ? '也可保存后用“扫码签到”统计' : undefined}>
            <InputNumber min={0} precision={q === 'peopleReached' ? 0 : undefined} inputMode="numeric" style={{ width: '100%' }} />
          </Form.Item>
        ))}
        <RecordPeopleFields kind={kind} definition={definition} />
        <KindFields kind={kind} />
        <Form.Item label="佐证材料" extra={`照片、PDF、Word、Excel，每个不超过 10 MB；记录保存后上传${kind?.evidence === 'required' ? '。此类记录须有佐证材料才能核实' : ''}`}>
          <Upload accept={EVIDENCE_ACCEPT} multiple listType="picture" fileList={photos} beforeUpload={() => false} onChange={({ fileList }) => setPhotos(fileList)}>
            <Button icon={<UploadOutlined aria-hidden />}>拍照或选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** The partner: one of the pairings' other sides when there are such, any org in scope otherwise. */
function PartnerField({ partners, names }: { partners: { id: number; name: string }[]; names: Record<string, string> }) {
  const partnerId = Form.useWatch<number | undefined>('partnerOrgId', Form.useFormInstance());
  return (
    <Form.Item label="结对单位" name="partnerOrgId" extra={partners.length ? '按结对名单' : undefined}>
      {partners.length ? (
        <Select aria-label="结对单位" allowClear options={partners.map((p) => ({ value: p.id, label: p.name }))} />
      ) : (
        <OrgSelect aria-label="结对单位" activeOnly initial={partnerId && names[partnerId] ? { id: partnerId, name: names[partnerId]! } : undefined} />
      )}
    </Form.Item>
  );
}
