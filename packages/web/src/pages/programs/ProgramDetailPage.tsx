import { Breadcrumb, Card, Result, Spin, Tabs, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { definitionOf, useProgram, useTemplate } from '../../api/programs';
import { ComplianceTab } from './ComplianceTab';
import { DeliverablesTab } from './DeliverablesTab';
import { HoldersTab } from './HoldersTab';
import { NominationsTab } from './NominationsTab';
import { OverviewTab } from './OverviewTab';
import { PairingsTab } from './PairingsTab';
import { RecordsTab } from './RecordsTab';
import { RisksTab } from './RisksTab';
import { SpotChecksTab } from '../spotchecks/SpotChecksTab';

// Its chart library loads only when the tab is opened.
const TargetsTab = lazy(() => import('../targets/TargetsTab'));
const DashboardTab = lazy(() => import('../dashboard/DashboardTab'));
const AssessmentTab = lazy(() => import('../assessment/AssessmentTab'));
const RatingsTab = lazy(() => import('../ratings/RatingsTab'));
const FormsTab = lazy(() => import('../forms/FormsTab'));

const TABS = ['overview', 'dashboard', 'nominations', 'holders', 'pairings', 'records', 'compliance', 'deliverables', 'risks', 'forms', 'spot-checks', 'targets', 'assessment', 'ratings'] as const;
type TabKey = (typeof TABS)[number];

/** One program: its template's roles and obligations, nominations, work records and the compliance matrix. */
export default function ProgramDetailPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const program = useProgram(valid ? id : undefined);
  const template = useTemplate(program.data?.templateId);
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'overview';

  if (!valid) return <Result status="404" title="专项工作不存在" />;
  if (program.isError) return <Result status="warning" title={program.error.message} extra={<Link to="/programs">返回专项工作</Link>} />;
  if (!program.data) return <Spin style={{ display: 'block', margin: '48px auto' }} />;

  const p = program.data;
  const definition = definitionOf(template.data);
  const raw = (template.data?.definition ?? {}) as { assessments?: unknown[]; standards?: Array<{ rating?: unknown }> };
  const hasAssessments = (raw.assessments?.length ?? 0) > 0;
  const hasRatings = (raw.standards ?? []).some((x) => x.rating);

  return (
    <Card
      title={
        <>
          <Breadcrumb items={[{ title: <Link to="/programs">专项工作</Link> }, { title: p.name }]} style={{ fontWeight: 'normal' }} />
          <Typography.Title level={4} style={{ margin: '4px 0 0', whiteSpace: 'normal' }}>{p.name}</Typography.Title>
        </>
      }
    >
      {template.isError && <Typography.Paragraph type="danger">{template.error.message}</Typography.Paragraph>}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'overview' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'overview', label: '概况', children: <OverviewTab program={p} template={template.data} definition={definition} /> },
          { key: 'dashboard', label: '看板', children: <Suspense fallback={<Spin />}><DashboardTab program={p} /></Suspense> },
          { key: 'nominations', label: '推荐与审定', children: <NominationsTab program={p} definition={definition} /> },
          { key: 'holders', label: '名单', children: <HoldersTab program={p} definition={definition} /> },
          { key: 'pairings', label: '结对', children: <PairingsTab program={p} definition={definition} /> },
          { key: 'records', label: '工作记录', children: <RecordsTab program={p} definition={definition} /> },
          { key: 'compliance', label: '合规矩阵', children: <ComplianceTab program={p} definition={definition} loadingTemplate={template.isLoading} /> },
          { key: 'deliverables', label: '任务成果', children: <DeliverablesTab program={p} definition={definition} /> },
          { key: 'risks', label: '逾期与风险', children: <RisksTab program={p} /> },
          { key: 'forms', label: '报表', children: <Suspense fallback={<Spin />}><FormsTab program={p} /></Suspense> },
          { key: 'targets', label: '目标与通报', children: <Suspense fallback={<Spin />}><TargetsTab program={p} /></Suspense> },
          { key: 'spot-checks', label: '抽查', children: <SpotChecksTab program={p} definition={definition} /> },
          // Tabs the template has nothing for stay away, so a program shows what it runs.
          ...(hasAssessments ? [{ key: 'assessment', label: '年度考核', children: <Suspense fallback={<Spin />}><AssessmentTab program={p} /></Suspense> }] : []),
          ...(hasRatings ? [{ key: 'ratings', label: '对标定级', children: <Suspense fallback={<Spin />}><RatingsTab program={p} definition={definition} /></Suspense> }] : []),
        ]}
      />
    </Card>
  );
}
