import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useCan } from '../../api/auth';
import { useRecordsByIds, type ProgramRecord, type TemplateDefinition } from '../../api/programs';
import { useRedraw, useSpotCheck, type SpotCheckItem } from '../../api/spotchecks';
import { EvidenceDrawer } from '../programs/EvidenceDrawer';
import { FindingDrawer } from './FindingDrawer';

const TARGET_LABELS = { branch: '团支部', record: '工作记录' } as const;

/** One sample: what was drawn in each county, which findings are in, and whether the seed draws the same again. */
export function SpotCheckSampleView({ programId, sampleId, definition }: { programId: number; sampleId: number; definition: TemplateDefinition }) {
  const can = useCan();
  const sample = useSpotCheck(sampleId);
  const redraw = useRedraw(sampleId);
  const [finding, setFinding] = useState<SpotCheckItem | null>(null);
  const [evidenceOf, setEvidenceOf] = useState<ProgramRecord | null>(null);

  const strata = useMemo(() => {
    const groups = new Map<string, { name: string; items: SpotCheckItem[] }>();
    for (const i of sample.data?.items ?? []) {
      const g = groups.get(i.stratumId) ?? { name: i.stratumName, items: [] };
      g.items.push(i);
      groups.set(i.stratumId, g);
    }
    return [...groups.values()];
  }, [sample.data]);

  const recordIds = (sample.data?.items ?? []).flatMap((i) => (i.findingRecordId === null ? [] : [i.findingRecordId]));
  const records = useRecordsByIds(programId, recordIds);

  if (sample.isError) return <Alert type="error" showIcon title={sample.error.message} />;
  if (!sample.data) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  const s = sample.data;
  const kindName = definition.recordKinds.find((k) => k.id === s.recordKind)?.name ?? s.recordKind;
  const recordOf = (id: number | null) => (id === null ? undefined : records.data?.find((r) => r.id === id));

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered items={[
        { key: 'scope', label: '范围', children: s.scopeOrgName },
        { key: 'month', label: '月份', children: s.month },
        { key: 'target', label: '抽查对象', children: `${TARGET_LABELS[s.target]}，每县 ${s.perStratum} 个，共 ${s.populationCount} 个中抽取` },
        { key: 'kind', label: '结果记录为', children: kindName },
        { key: 'seed', label: '随机种子', children: <Typography.Text copyable style={{ wordBreak: 'break-all' }}>{s.seed}</Typography.Text> },
        { key: 'at', label: '抽样时间', children: dayjs(s.drawnAt).format('YYYY-MM-DD HH:mm') },
      ]} />
      <Space wrap>
        <Button icon={<SafetyCertificateOutlined aria-hidden />} loading={redraw.isFetching} onClick={() => void redraw.refetch()}>复核抽样</Button>
        <Typography.Text type="secondary">按同一种子和当时的组织架构重新抽取，检验样本未被人为挑选</Typography.Text>
      </Space>
      {redraw.isError && <Alert type="error" showIcon title={redraw.error.message} />}
      {redraw.data && (
        <Alert
          type={redraw.data.matches ? 'success' : 'error'}
          showIcon
          title={`复核抽样：${redraw.data.matches ? '一致' : '不一致'}`}
          description={redraw.data.matches
            ? `重新抽取的 ${redraw.data.drawnIds.length} 个对象与保存的样本完全相同（总体 ${redraw.data.populationCount} 个）。`
            : `重新抽取的结果与保存的样本不同（总体现为 ${redraw.data.populationCount} 个，抽样时为 ${s.populationCount} 个），请核查。`}
        />
      )}
      {strata.length === 0 && <Empty description="样本中没有您管理范围内的对象" />}
      {strata.map((g) => (
        <Card key={g.name} size="small" title={g.name} role="region" aria-label={`抽中 ${g.name}`}>
          <List
            size="small"
            dataSource={g.items}
            renderItem={(i) => {
              const rec = recordOf(i.findingRecordId);
              return (
                <List.Item
                  actions={[
                    i.findingRecordId === null
                      ? can('record.verify') && <Button key="f" size="small" type="primary" onClick={() => setFinding(i)} aria-label={`录入结果 ${i.name}`}>录入结果</Button>
                      : rec && <Button key="e" size="small" onClick={() => setEvidenceOf(rec)} aria-label={`佐证材料 ${i.name}`}>佐证材料</Button>,
                  ].filter(Boolean)}
                >
                  <Space wrap size={4}>
                    <Typography.Text type="secondary">{i.rank}.</Typography.Text>
                    <span style={{ overflowWrap: 'anywhere' }}>{i.name}</span>
                    {i.findingRecordId === null ? <Tag>未录入</Tag> : <Tag color="success">已录入</Tag>}
                  </Space>
                </List.Item>
              );
            }}
          />
        </Card>
      ))}
      {finding && <FindingDrawer programId={programId} sample={s} item={finding} definition={definition} onClose={() => setFinding(null)} />}
      {evidenceOf && <EvidenceDrawer record={evidenceOf} onClose={() => setEvidenceOf(null)} />}
    </Space>
  );
}
