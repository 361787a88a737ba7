import type { Action } from '@tuanjian/contracts';
import { Button, Result } from 'antd';
import { Navigate, Outlet, useNavigate } from 'react-router-dom';
import { useCan, useSession } from '../api/auth';

/**
 * Where a session starts: the business pages for those who read business data; the security and audit
 * administrators (三权分立) have no business pages, so they start at their own.
 */
export function homeOf(abilities: readonly Action[]): string {
  if (abilities.includes('org.read')) return '/orgs';
  if (abilities.includes('user.read')) return '/users';
  if (abilities.includes('audit.read')) return '/audit';
  return '/orgs';
}

export function HomeRedirect() {
  const { data } = useSession();
  return <Navigate to={homeOf(data?.abilities ?? [])} replace />;
}

/** Pages behind an ability: without it, a plain refusal instead of a page whose every request answers 403. */
export function RequireAbility({ action, title }: { action: Action; title: string }) {
  const can = useCan();
  const { data } = useSession();
  const navigate = useNavigate();
  if (can(action)) return <Outlet />;
  return (
    <Result
      status="403"
      title={title}
      subTitle="您的角色不处理业务数据，请从左侧菜单进入您负责的页面。"
      extra={<Button type="primary" onClick={() => navigate(homeOf(data?.abilities ?? []), { replace: true })}>返回</Button>}
    />
  );
}
