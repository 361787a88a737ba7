import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Grid, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../api/auth';
import { useNominations, useWithdrawHolder, type Nomination, type Program, type TemplateDefinition, type TemplateRole } from '../../api/programs';
import { useReportError } from '../../components/useReportError';
import { TEMPLATE_HOLDER_LABELS } from '../../labels';
import { HolderAssignModal } from './HolderAssignModal';

const wrap = (maxWidth: number) => ({ whiteSpace: 'normal' as const, display: 'inline-block', maxWidth });

export const term = (n: Pick<Nomination, 'activeFrom' | 'activeTo'>) =>
  n.activeFrom || n.activeTo ? `${n.activeFrom ?? '周期开始'} 至 ${n.activeTo ?? '周期结束'}` : '整个周期';

/** 撤出名单 needs a reason; the version sent makes a stale page fail instead of undoing someone else's change. */
function WithdrawButton({ programId, holder, onReload }: { programId: number; holder: Nomination; onReload: () => void }) {
  const withdraw = useWithdrawHolder(programId);
  const report = useReportError();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');

  // Resolves either way: the confirmation closes, the error (with the server's words) is shown, the reason kept.
  const confirm = async () => {
    try {
      await withdraw.mutateAsync({ roleId: holder.id, version: holder.version, reason: reason.trim() });
      message.success(`已将${holder.holder.name}撤出名单`);
      setReason('');
    } catch (e) {
      report(e, { onReload });
    }
  };

  return (
    <Popconfirm
      title={`将${holder.holder.name}撤出“${holder.roleName}”名单？`}
      description={
        <Space orientation="vertical" size={4} style={{ width: 'min(280px, 70vw)' }}>
          <Typography.Text type="secondary">撤出后不再计入考核，记录保留备查。</Typography.Text>
          <Input.TextArea
            aria-label="撤出原因"
            placeholder="撤出原因（必填），如：部室调整、干部调离"
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Space>
      }
      okText="撤出"
      okButtonProps={{ danger: true, disabled: !reason.trim() }}
      cancelText="取消"
      onConfirm={confirm}
    >
      <Button type="link" size="small" danger aria-label={`撤出 ${holder.holder.name}`}>撤出</Button>
    </Popconfirm>
  );
}

/** 名单: who holds each of the template's roles — approved orgs, departments and cadres, with their terms. */
export function HoldersTab({ program, definition }: { program: Program; definition: TemplateDefinition }) {
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const nominations = useNominations(program.id);
  const [assigning, setAssigning] = useState<{ roleKey?: string; opening: number } | null>(null);
  const issuer = can('nomination.decide');
  const approved = (nominations.data?.items ?? []).filter((n) => n.status === 'approved');
  const reload = () => void nominations.refetch();

  if (definition.roles.length === 0) return <Empty description="本专项工作的模板没有角色" />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        名单上的团组织、部室和团干部承担本专项工作的要求；组织经推荐审定进入名单，部室和团干部由发文单位直接指定。
      </Typography.Paragraph>
      {issuer && (
        <div>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAssigning({ opening: Date.now() })}>指定承担者</Button>
        </div>
      )}
      {nominations.isError && <Typography.Paragraph type="danger">{nominations.error.message}</Typography.Paragraph>}
      {definition.roles.map((role: TemplateRole) => {
        const holders = approved.filter((n) => n.roleKey === role.id);
        return (
          <section key={role.id} aria-label={`名单 ${role.name}`}>
            <Space wrap size={8} style={{ marginBottom: 8 }}>
              <Typography.Title level={5} style={{ margin: 0 }}>{role.name}</Typography.Title>
              <Tag>{TEMPLATE_HOLDER_LABELS[role.holder] ?? role.holder}</Tag>
              <Typography.Text type="secondary">{holders.length} 个</Typography.Text>
              {issuer && (
                <Button size="small" onClick={() => setAssigning({ roleKey: role.id, opening: Date.now() })} aria-label={`指定${role.name}`}>指定</Button>
              )}
            </Space>
            <Table<Nomination>
              rowKey="id"
              size="small"
              loading={nominations.isFetching}
              dataSource={holders}
              scroll={{ x: 'max-content' }}
              pagination={{ hideOnSinglePage: true, pageSize: 20, showTotal: (n) => `共 ${n} 个` }}
              locale={{ emptyText: '名单暂无' }}
              columns={[
                // Names wrap on a phone so that the withdraw button stays on screen.
                { title: '名称', key: 'name', render: (_, n) => <span style={wrap(screens.md ? 480 : 150)}>{n.holder.name}</span> },
                { title: '任期', key: 'term', render: (_, n) => <span style={wrap(screens.md ? 240 : 80)}>{term(n)}</span> },
                ...(role.holder === 'org' ? [{ title: '名额所属', dataIndex: 'quotaParentName', render: (v: string | null) => v ?? '—' }] : []),
                ...(issuer
                  ? [{ title: '操作', key: 'actions', render: (_: unknown, n: Nomination) => <WithdrawButton programId={program.id} holder={n} onReload={reload} /> }]
                  : []),
              ]}
            />
          </section>
        );
      })}
      {assigning && (
        <HolderAssignModal
          key={assigning.opening}
          program={program}
          definition={definition}
          roleKey={assigning.roleKey}
          onClose={() => setAssigning(null)}
        />
      )}
    </Space>
  );
}
