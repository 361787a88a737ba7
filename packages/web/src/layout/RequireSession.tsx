import { Button, Result, Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../api/auth';

export const TOTP_SETUP_PATH = '/totp-setup';

/** Everything but the login page needs a session; without one the user is sent to sign in. */
export function RequireSession() {
  const { data, isPending, isError, error, refetch } = useSession();
  const location = useLocation();
  if (isPending) return <Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />;
  if (isError) {
    return (
      <Result
        status="error"
        title="无法获取登录状态"
        subTitle={error.message}
        extra={<Button type="primary" onClick={() => void refetch()}>重试</Button>}
      />
    );
  }
  if (!data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // An administrator without a second factor may do nothing else until it is bound (the server answers 403 anyway).
  if (data.mustEnrolTotp && location.pathname !== TOTP_SETUP_PATH) return <Navigate to={TOTP_SETUP_PATH} replace />;
  return <Outlet />;
}
