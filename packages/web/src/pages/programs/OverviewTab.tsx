import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { Program, TemplateDefinition, TemplateDetail, TemplateObligation, TemplateRole } from '../../api/programs';
import { MEASURE_LABELS, PERIOD_LABELS, SUBJECT_KIND_LABELS } from '../../labels';
import { period } from './ProgramsPage';

const HOLDER_LABELS: Record<string, string> = { org: '组织', person: '个人', department: '部室' };

const refTags = (refs: string[] | undefined) =>
  refs && refs.length > 0 ? <Space size={4} wrap>{refs.map((r) => <Tag key={r}>{r}</Tag>)}</Space> : '—';

/** 概况: the program itself and what its template asks — roles and obligations with the seed ids they implement. */
export function OverviewTab({ program: p, template, definition }: { program: Program; template: TemplateDetail | undefined; definition: TemplateDefinition }) {
  const roleName = (id: string) => definition.roles.find((r) => r.id === id)?.name ?? id;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'template', label: '方案模板', children: template ? `${template.name}（第 ${template.version} 版）` : p.templateKey },
          { key: 'doc', label: '文号', children: p.docNumber ?? '—' },
          { key: 'issuer', label: '发文单位', children: p.issuerOrgName },
          { key: 'scope', label: '实施范围', children: p.scopeOrgName },
          { key: 'period', label: '周期', children: period(p) },
          { key: 'verified', label: '统计口径', children: p.verifiedOnly ? '仅统计已核实的记录' : '统计全部记录' },
        ]}
      />
      <div>
        <Typography.Title level={5}>角色</Typography.Title>
        <Table<TemplateRole>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={definition.roles}
          columns={[
            { title: '角色', dataIndex: 'name' },
            { title: '承担者', dataIndex: 'holder', render: (h: string) => HOLDER_LABELS[h] ?? h },
            { title: '需求编号', dataIndex: 'refs', render: refTags },
          ]}
        />
      </div>
      <div>
        <Typography.Title level={5}>工作要求</Typography.Title>
        <Table<TemplateObligation>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={definition.obligations}
          columns={[
            { title: '编号', dataIndex: 'ref', render: (r: string) => <Tag>{r}</Tag> },
            { title: '要求', dataIndex: 'name' },
            {
              title: '对象',
              dataIndex: 'who',
              render: (w: TemplateObligation['who']) => (w.kind === 'role' ? roleName(w.ref) : `${SUBJECT_KIND_LABELS[w.kind] ?? w.kind}：${w.ref}`),
            },
            { title: '频次', dataIndex: 'period', render: (v: string) => PERIOD_LABELS[v] ?? v },
            { title: '下限', key: 'min', render: (_, o) => `${MEASURE_LABELS[o.measure] ?? o.measure} ≥ ${o.min}` },
          ]}
        />
      </div>
    </Space>
  );
}
