import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Grid, Row, Space } from 'antd';
import { useRef } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../api/auth';
import { exportUrl, useOrg, useOrgRoots } from '../../api/orgs';
import { OrgDetailPanel } from './OrgDetailPanel';
import { OrgSearchBox } from './OrgSearchBox';
import { OrgTree } from './OrgTree';

function parseId(raw: string | undefined): number | undefined {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** 组织架构: the tree (with search) on the left, the selected org on the right (below on phones). */
export default function OrgsPage() {
  const params = useParams();
  const id = parseId(params.id);
  const navigate = useNavigate();
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const roots = useOrgRoots();
  const detail = useOrg(id);
  const detailRef = useRef<HTMLDivElement>(null);
  const select = (orgId: number) => {
    navigate(`/orgs/${orgId}`);
    // on phones the detail sits below the tree: bring it into view
    if (!screens.lg) setTimeout(() => detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 0);
  };

  // /orgs alone opens the root of the user's scope
  const firstRoot = roots.data?.items[0];
  if (id === undefined && params.id === undefined && firstRoot) return <Navigate to={`/orgs/${firstRoot.id}`} replace />;

  const ancestorIds = detail.data?.ancestors.map((a) => a.id) ?? [];
  const treeHeight = screens.lg ? Math.max(360, window.innerHeight - 300) : 320;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9} xl={8}>
        <Card
          title="组织架构"
          size="small"
          extra={
            <Space size={4}>
              {can('org.import') && (
                <Button size="small" icon={<UploadOutlined aria-hidden />} onClick={() => navigate(id ? `/orgs/import?under=${id}` : '/orgs/import')}>导入</Button>
              )}
              {can('org.export') && (
                <Button size="small" icon={<DownloadOutlined aria-hidden />} href={exportUrl({ under: id })} download>导出</Button>
              )}
            </Space>
          }
        >
          <OrgSearchBox onSelect={select} />
          <div style={{ marginTop: 12, overflowX: 'auto' }}>
            <OrgTree selectedId={id} ancestorIds={ancestorIds} onSelect={select} height={treeHeight} />
          </div>
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={16} ref={detailRef}>
        {id !== undefined ? (
          <OrgDetailPanel orgId={id} />
        ) : (
          <Card><Empty description={params.id ? '组织编号无效' : '请在左侧选择一个组织'} /></Card>
        )}
      </Col>
    </Row>
  );
}
