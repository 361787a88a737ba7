import { App, Button, Checkbox, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useApplyAssignments, type PairingImportResult, type Program, type TemplateDefinition } from '../../api/programs';
import { useReportError } from '../../components/useReportError';
import { PairingImportResultView } from './PairingImportResultView';

/** 按模板分配表生成: the assignment table written in the template becomes this program's pairings; checked first. */
export function AssignmentsModal({ program, definition, onClose }: { program: Program; definition: TemplateDefinition; onClose: () => void }) {
  const [index, setIndex] = useState(0);
  const [createMissing, setCreateMissing] = useState(false);
  const [result, setResult] = useState<PairingImportResult | null>(null);
  const apply = useApplyAssignments(program.id);
  const report = useReportError();
  const { message } = App.useApp();
  const table = definition.assignments[index];
  const mode = definition.pairingModes.find((m) => m.id === table?.pairingMode);
  const checked = result?.dryRun === true && result.ok;
  const done = result?.dryRun === false && result.ok;

  const run = (dryRun: boolean) => {
    apply.mutate({ index, dryRun, createMissingDepartments: createMissing }, {
      onSuccess: (r) => {
        setResult(r);
        if (!dryRun && r.ok) message.success(`已按分配表建立 ${r.pairings} 个结对`);
      },
      onError: (e) => {
        setResult(null);
        report(e);
      },
    });
  };

  return (
    <Modal
      title="按模板分配表生成结对"
      open
      onCancel={onClose}
      destroyOnHidden
      width={720}
      footer={
        <Space wrap style={{ justifyContent: 'flex-end', display: 'flex' }}>
          <Button onClick={onClose}>{done ? '关闭' : '取消'}</Button>
          {!done && <Button disabled={apply.isPending} loading={apply.isPending && apply.variables?.dryRun} onClick={() => run(true)}>检查</Button>}
          {!done && (
            <Button type="primary" disabled={!checked || apply.isPending} loading={apply.isPending && apply.variables?.dryRun === false} onClick={() => run(false)}>
              确认生成
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          按方案附件中的分配表建立结对，并把表中的部室、团组织列入名单。先检查，没有问题后再确认生成；有一行出错则整张表都不生成。
        </Typography.Paragraph>
        {definition.assignments.length > 1 && (
          <Select
            aria-label="分配表"
            value={index}
            onChange={(v) => {
              setIndex(v);
              setResult(null);
            }}
            style={{ width: '100%' }}
            options={definition.assignments.map((a, i) => ({
              value: i,
              label: `${a.ref} ${definition.pairingModes.find((m) => m.id === a.pairingMode)?.name ?? a.pairingMode}`,
            }))}
          />
        )}
        <Checkbox
          checked={createMissing}
          onChange={(e) => {
            setCreateMissing(e.target.checked);
            setResult(null);
          }}
        >
          自动创建缺少的部室（在{program.issuerOrgName}下）
        </Checkbox>
        {result ? (
          <PairingImportResultView result={result} />
        ) : table && mode ? (
          <Table<Record<string, string[]>>
            aria-label="分配表"
            rowKey={(_, i) => String(i)}
            size="small"
            dataSource={table.rows}
            scroll={{ x: 'max-content', y: 320 }}
            pagination={false}
            columns={[
              { title: '行', key: 'row', width: 48, render: (_, __, i) => i + 2 },
              ...mode.sides.map((s) => ({ title: s.name, key: s.id, render: (_: unknown, row: Record<string, string[]>) => (row[s.id] ?? []).join('、') })),
            ]}
          />
        ) : null}
      </Space>
    </Modal>
  );
}
