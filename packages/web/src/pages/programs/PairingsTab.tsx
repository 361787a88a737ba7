import { TableOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Empty, Grid, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../api/auth';
import { usePairings, type HolderView, type Pairing, type Program, type TemplateDefinition } from '../../api/programs';
import { HOLDER_TYPE_LABELS } from '../../labels';
import { AssignmentsModal } from './AssignmentsModal';
import { PairingImportModal } from './PairingImportModal';

const TYPE_COLORS: Record<HolderView['type'], string | undefined> = { org: undefined, department: 'blue', cadre: 'purple' };

function Members({ members, maxWidth }: { members: HolderView[]; maxWidth: number }) {
  if (members.length === 0) return <>—</>;
  return (
    <Space size={[4, 4]} wrap style={{ maxWidth }}>
      {members.map((m) => (
        <Tag key={`${m.type}:${m.id}`} color={TYPE_COLORS[m.type]} title={HOLDER_TYPE_LABELS[m.type]} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
          {m.name}
        </Tag>
      ))}
    </Space>
  );
}

/** 结对: the program's pairings grouped by mode, each side with its members (orgs, departments, cadres). */
export function PairingsTab({ program, definition }: { program: Program; definition: TemplateDefinition }) {
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const pairings = usePairings(program.id);
  const [dialog, setDialog] = useState<{ kind: 'import' | 'assignments'; opening: number } | null>(null);
  const issuer = can('nomination.decide');
  const items = pairings.data?.items ?? [];
  // Modes from the template first, in its order; a mode it no longer has still shows its pairings.
  const modes = [
    ...definition.pairingModes.map((m) => ({ id: m.id, name: m.name, sides: m.sides.map((s) => ({ sideKey: s.id, sideName: s.name })) })),
    ...[...new Map(items.filter((p) => !definition.pairingModes.some((m) => m.id === p.modeKey)).map((p) => [p.modeKey, p])).values()]
      .map((p) => ({ id: p.modeKey, name: p.modeName, sides: p.sides.map(({ sideKey, sideName }) => ({ sideKey, sideName })) })),
  ];

  if (modes.length === 0 && !pairings.isLoading) return <Empty description="本专项工作的模板没有结对方式" />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {issuer && definition.pairingModes.length > 0 && (
        <Space wrap>
          <Button icon={<UploadOutlined aria-hidden />} onClick={() => setDialog({ kind: 'import', opening: Date.now() })}>导入名单</Button>
          {definition.assignments.length > 0 && (
            <Button icon={<TableOutlined aria-hidden />} onClick={() => setDialog({ kind: 'assignments', opening: Date.now() })}>按模板分配表生成</Button>
          )}
        </Space>
      )}
      {pairings.isError && <Typography.Paragraph type="danger">{pairings.error.message}</Typography.Paragraph>}
      {modes.map((mode) => {
        const rows = items.filter((p) => p.modeKey === mode.id);
        return (
          <section key={mode.id} aria-label={`结对 ${mode.name}`}>
            <Space wrap size={8} style={{ marginBottom: 8 }}>
              <Typography.Title level={5} style={{ margin: 0 }}>{mode.name}</Typography.Title>
              <Typography.Text type="secondary">{rows.length} 个结对</Typography.Text>
            </Space>
            <Table<Pairing>
              rowKey="id"
              size="small"
              loading={pairings.isFetching}
              dataSource={rows}
              scroll={{ x: 'max-content' }}
              pagination={{ hideOnSinglePage: true, pageSize: 20, showTotal: (n) => `共 ${n} 个结对` }}
              locale={{ emptyText: issuer ? '还没有结对，可导入名单建立' : '还没有结对' }}
              columns={[
                { title: '序号', key: 'no', width: 48, render: (_, p) => rows.indexOf(p) + 1 },
                ...mode.sides.map((side) => ({
                  title: side.sideName,
                  key: side.sideKey,
                  render: (_: unknown, p: Pairing) => <Members maxWidth={screens.md ? 420 : 170} members={p.sides.find((s) => s.sideKey === side.sideKey)?.members ?? []} />,
                })),
              ]}
            />
          </section>
        );
      })}
      {dialog?.kind === 'import' && <PairingImportModal key={dialog.opening} program={program} definition={definition} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'assignments' && <AssignmentsModal key={dialog.opening} program={program} definition={definition} onClose={() => setDialog(null)} />}
    </Space>
  );
}
