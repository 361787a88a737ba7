import { PlusOutlined } from '@ant-design/icons';
import { ROLES } from '@tuanjian/contracts';
import { App, Button, Card, Input, Popconfirm, Result, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../api/auth';
import type { User } from '../../api/types';
import { useUpdateUser, useUsers } from '../../api/users';
import { useReportError } from '../../components/useReportError';
import { ROLE_LABELS } from '../../labels';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';

const ROLE_COLORS: Record<(typeof ROLES)[number], string> = { administrator: 'red', security_admin: 'volcano', audit_admin: 'purple', manager: 'blue', reporter: 'green', viewer: 'default' };

function status(u: User) {
  if (u.disabled) return <Tag>已停用</Tag>;
  if (u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs())) {
    return <Tag color="orange">锁定至 {dayjs(u.lockedUntil).format('HH:mm')}</Tag>;
  }
  return <Tag color="green">正常</Tag>;
}

/** 用户与角色: who may sign in, with which role, over which part of the tree. */
export default function UsersPage() {
  const can = useCan();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const users = useUsers({ q: q || undefined, page, pageSize }, can('user.read'));
  const [editing, setEditingState] = useState<User | 'new' | null>(null);
  const [resetting, setResettingState] = useState<User | null>(null);
  // Each opening mounts the modal afresh (key), so its form starts from the chosen user.
  const [opening, setOpening] = useState(0);
  const setEditing = (u: User | 'new') => {
    setOpening((n) => n + 1);
    setEditingState(u);
  };
  const setResetting = (u: User) => {
    setOpening((n) => n + 1);
    setResettingState(u);
  };
  const manage = can('user.manage');
  const update = useUpdateUser();
  const report = useReportError();
  const { message } = App.useApp();
  // A lost phone: the user binds a new authenticator at the next sign-in.
  const resetTotp = (u: User) => update.mutate({ id: u.id, resetTotp: true, version: u.version }, {
    onSuccess: () => message.success(`已重置 ${u.username} 的动态口令`),
    onError: (e) => report(e),
  });

  if (!can('user.read')) return <Result status="403" title="无权查看用户" />;

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>用户与角色</Typography.Title>}
      extra={manage && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>新建用户</Button>}
    >
      <Input.Search
        aria-label="搜索用户"
        placeholder="搜索用户名或姓名"
        allowClear
        enterButton="搜索"
        style={{ maxWidth: 360, marginBottom: 16 }}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
      />
      {users.isError && <Typography.Paragraph type="danger">{users.error.message}</Typography.Paragraph>}
      <Table<User>
        rowKey="id"
        size="middle"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 个用户`,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: '用户名', dataIndex: 'username', fixed: 'left' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (r: User['role']) => <Tag color={ROLE_COLORS[r]}>{ROLE_LABELS[r]}</Tag> },
          { title: '所属组织', dataIndex: 'orgName' },
          { title: '手机', dataIndex: 'mobile', render: (m: string | null) => m ?? '—' },
          { title: '状态', key: 'status', render: (_, u) => status(u) },
          { title: '动态口令', dataIndex: 'totpEnabled', render: (on: boolean) => (on ? <Tag color="green">已绑定</Tag> : <Tag>未绑定</Tag>) },
          { title: '创建时间', dataIndex: 'createdAt', render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
          ...(manage
            ? [{
                title: '操作',
                key: 'actions',
                render: (_: unknown, u: User) => (
                  <Space size={0}>
                    <Button type="link" size="small" onClick={() => setEditing(u)} aria-label={`编辑 ${u.username}`}>编辑</Button>
                    <Button type="link" size="small" onClick={() => setResetting(u)} aria-label={`重置密码 ${u.username}`}>重置密码</Button>
                    {u.totpEnabled && (
                      <Popconfirm title={`重置 ${u.username} 的动态口令？`} description="该用户的登录会话将全部失效，下次登录时重新绑定。" okText="重置" cancelText="取消" onConfirm={() => resetTotp(u)}>
                        <Button type="link" size="small" aria-label={`重置动态口令 ${u.username}`}>重置动态口令</Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              }]
            : []),
        ]}
      />
      <UserFormModal key={`edit-${opening}`} user={editing} onClose={() => setEditingState(null)} onReload={() => void users.refetch()} />
      <ResetPasswordModal key={`reset-${opening}`} user={resetting} onClose={() => setResettingState(null)} onReload={() => void users.refetch()} />
    </Card>
  );
}
