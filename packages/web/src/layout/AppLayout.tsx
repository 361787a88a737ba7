import { ApartmentOutlined, AuditOutlined, FlagOutlined, MenuOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, type MenuProps } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useCan } from '../api/auth';
import { UserMenu } from './UserMenu';

const { Header, Sider, Content } = Layout;

/** The side menu shows only what the session's abilities allow. */
function useMenuItems(): NonNullable<MenuProps['items']> {
  const can = useCan();
  const items: NonNullable<MenuProps['items']> = [];
  // 三权分立: the business pages are for those who read business data, not the security or audit administrator.
  if (can('org.read')) {
    items.push({ key: '/orgs', icon: <ApartmentOutlined aria-hidden />, label: '组织架构' });
    items.push({ key: '/programs', icon: <FlagOutlined aria-hidden />, label: '专项工作' });
  }
  if (can('user.read')) items.push({ key: '/users', icon: <TeamOutlined aria-hidden />, label: '用户与角色' });
  if (can('audit.read')) items.push({ key: '/audit', icon: <AuditOutlined aria-hidden />, label: '审计日志' });
  return items;
}

export function AppLayout() {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; treat that as a wide screen.
  const isPhone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const items = useMenuItems();
  const selected = '/' + (location.pathname.split('/')[1] ?? '');

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="tj-header">
        {isPhone && (
          <Button type="text" icon={<MenuOutlined aria-hidden />} aria-label="打开菜单" onClick={() => setDrawerOpen(true)} />
        )}
        <h1 className="tj-title">团建</h1>
        <div style={{ flex: 1 }} />
        <UserMenu compact={isPhone} />
      </Header>
      <Layout>
        {isPhone ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title="团建"
            size={240}
            styles={{ body: { padding: 0 } }}
          >
            <nav aria-label="主菜单">{menu}</nav>
          </Drawer>
        ) : (
          <Sider width={200} theme="light" breakpoint="lg" collapsible collapsedWidth={64}>
            <nav aria-label="主菜单">{menu}</nav>
          </Sider>
        )}
        <Content style={{ padding: isPhone ? 8 : 16, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
