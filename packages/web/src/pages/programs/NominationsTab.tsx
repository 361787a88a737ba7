import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../api/auth';
import { useNominate, useNominations, type Nomination, type Program, type TemplateDefinition } from '../../api/programs';
import { OrgSelect } from '../../components/OrgSelect';
import { useReportError } from '../../components/useReportError';
import { NOMINATION_STATUS_COLORS, NOMINATION_STATUS_LABELS } from '../../labels';
import { DecisionModal, type Decision } from './DecisionModal';

function standardSummary(n: Nomination) {
  if (!n.standard) return '—';
  const { items, mandatoryFailed, approvable } = n.standard;
  const passed = items.filter((i) => i.passed === true).length;
  const text = `${passed}/${items.length} 项符合`;
  if (approvable) return <Tag color="green">{text}</Tag>;
  return (
    <Tooltip title={mandatoryFailed.length ? `必备条件未满足：${mandatoryFailed.join('、')}` : undefined}>
      <Tag color={mandatoryFailed.length ? 'red' : 'gold'}>{text}</Tag>
    </Tooltip>
  );
}

/** 推荐与审定: candidates proposed for the template's roles, and the decision on each against its standard. */
export function NominationsTab({ program, definition }: { program: Program; definition: TemplateDefinition }) {
  const can = useCan();
  const nominations = useNominations(program.id);
  const [deciding, setDeciding] = useState<{ nomination: Nomination; decision: Decision; opening: number } | null>(null);
  const [nominating, setNominating] = useState(0);
  const decide = can('nomination.decide');

  return (
    <>
      {can('nomination.create') && (
        <div style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setNominating((n) => n + 1)}>推荐</Button>
        </div>
      )}
      {nominations.isError && <Typography.Paragraph type="danger">{nominations.error.message}</Typography.Paragraph>}
      <Table<Nomination>
        rowKey="id"
        size="middle"
        loading={nominations.isFetching}
        dataSource={nominations.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ hideOnSinglePage: true, pageSize: 50 }}
        columns={[
          { title: '被推荐组织', dataIndex: 'orgName', fixed: 'left', render: (v: string | null) => v ?? '—' },
          { title: '角色', dataIndex: 'roleName' },
          { title: '名额所属', dataIndex: 'quotaParentName', render: (v: string | null) => v ?? '—' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: Nomination['status']) => <Tag color={NOMINATION_STATUS_COLORS[s]}>{NOMINATION_STATUS_LABELS[s]}</Tag>,
          },
          { title: '标准', key: 'standard', render: (_, n) => standardSummary(n) },
          { title: '理由', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
          ...(decide
            ? [{
                title: '操作',
                key: 'actions',
                render: (_: unknown, n: Nomination) =>
                  n.status === 'nominated' ? (
                    <Space size={0}>
                      <Button type="link" size="small" aria-label={`审定 ${n.orgName ?? ''}`} onClick={() => setDeciding({ nomination: n, decision: 'approve', opening: Date.now() })}>审定</Button>
                      <Button type="link" size="small" danger aria-label={`退回 ${n.orgName ?? ''}`} onClick={() => setDeciding({ nomination: n, decision: 'return', opening: Date.now() })}>退回</Button>
                    </Space>
                  ) : null,
              }]
            : []),
        ]}
      />
      {deciding && (
        <DecisionModal
          key={deciding.opening}
          programId={program.id}
          nomination={deciding.nomination}
          decision={deciding.decision}
          definition={definition}
          onClose={() => setDeciding(null)}
          onReload={() => void nominations.refetch()}
        />
      )}
      {nominating > 0 && <NominateModal key={nominating} program={program} definition={definition} onClose={() => setNominating(0)} />}
    </>
  );
}

type NominateValues = { roleKey: string; orgId: number };

function NominateModal({ program, definition, onClose }: { program: Program; definition: TemplateDefinition; onClose: () => void }) {
  const [form] = Form.useForm<NominateValues>();
  const nominate = useNominate(program.id);
  const report = useReportError();
  const { message } = App.useApp();
  const roles = definition.roles.filter((r) => r.holder === 'org');

  const submit = async () => {
    const v = await form.validateFields();
    nominate.mutate(v, {
      onSuccess: () => {
        message.success('已推荐');
        onClose();
      },
      onError: (e) => report(e, { form }),
    });
  };

  return (
    <Modal
      title="推荐"
      open
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText="推荐"
      cancelText="取消"
      confirmLoading={nominate.isPending}
      destroyOnHidden
    >
      <Form<NominateValues> form={form} layout="vertical" preserve={false} initialValues={{ roleKey: roles[0]?.id }}>
        <Form.Item label="推荐为" name="roleKey" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={roles.map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
        <Form.Item label="被推荐组织" name="orgId" rules={[{ required: true, message: '请选择组织' }]} extra={`须在${program.scopeOrgName}范围内且已成立`}>
          <OrgSelect aria-label="被推荐组织" activeOnly />
        </Form.Item>
      </Form>
    </Modal>
  );
}
