import { DownOutlined, KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useLogout, useLogoutAll, useSession } from '../api/auth';
import { useReportError } from '../components/useReportError';
import { ROLE_LABELS } from '../labels';
import { ChangePasswordModal } from './ChangePasswordModal';

/** The signed-in user's name and org, with password change and the two ways to sign out. */
export function UserMenu({ compact }: { compact: boolean }) {
  const { data: session } = useSession();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [opening, setOpening] = useState(0); // a fresh, empty form on each opening
  const logout = useLogout();
  const logoutAll = useLogoutAll();
  const navigate = useNavigate();
  const report = useReportError();
  const { modal, message } = App.useApp();
  if (!session) return null;
  const { user } = session;

  const leave = (all: boolean) => {
    const m = all ? logoutAll : logout;
    m.mutate(undefined, {
      onSuccess: () => {
        message.success(all ? '已退出所有设备' : '已退出登录');
        navigate('/login', { replace: true });
      },
      onError: (e) => report(e),
    });
  };

  const items: MenuProps['items'] = [
    { key: 'who', disabled: true, label: `${user.displayName}（${ROLE_LABELS[user.role]}）· ${user.orgName}` },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined aria-hidden />, label: '修改密码' },
    ...(session.totpEnabled ? [] : [{ key: 'totp', icon: <SafetyOutlined aria-hidden />, label: '绑定动态口令' }]),
    { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: '退出登录' },
    { key: 'logout-all', icon: <LogoutOutlined aria-hidden />, label: '退出所有设备' },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') {
      setOpening((n) => n + 1);
      setPasswordOpen(true);
    }
    if (key === 'totp') navigate('/totp-setup');
    if (key === 'logout') leave(false);
    if (key === 'logout-all') {
      modal.confirm({
        title: '退出所有设备',
        content: '将结束您在所有浏览器和设备上的登录，确定吗？',
        okText: '全部退出',
        cancelText: '取消',
        onOk: () => leave(true),
      });
    }
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <Button type="text" icon={<UserOutlined aria-hidden />} aria-label={`当前用户 ${user.displayName}`}>
          <span style={{ maxWidth: compact ? 110 : 320, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'inline-block', verticalAlign: 'bottom' }}>
            {compact ? user.displayName : `${user.displayName} · ${user.orgName}`}
          </span>
          <DownOutlined aria-hidden />
        </Button>
      </Dropdown>
      <ChangePasswordModal key={opening} open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </>
  );
}
