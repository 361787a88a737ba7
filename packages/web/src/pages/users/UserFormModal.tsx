import { ROLES } from '@tuanjian/contracts';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import type { Role } from '@tuanjian/contracts';
import type { User } from '../../api/types';
import { useCreateUser, useUpdateUser } from '../../api/users';
import { OrgSelect } from '../../components/OrgSelect';
import { useReportError } from '../../components/useReportError';
import { PASSWORD_HINT, ROLE_LABELS, optionsOf } from '../../labels';

type Values = {
  username: string;
  displayName: string;
  role: Role;
  orgId: number;
  mobile?: string;
  password: string;
  disabled?: boolean;
};

type Props = {
  /** 'new' creates a user; a User edits that one; null keeps the modal closed. */
  user: User | 'new' | null;
  onClose: () => void;
  /** After a version conflict the list is reloaded, so the next edit starts from the saved state. */
  onReload: () => void;
};

/** Create a user (with an initial password), or change one's name, role, org or whether they may sign in. */
export function UserFormModal({ user, onClose, onReload }: Props) {
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const report = useReportError();
  const { message } = App.useApp();
  const creating = user === 'new';
  const existing = user && user !== 'new' ? user : null;

  const submit = async () => {
    const v = await form.validateFields();
    if (creating) {
      create.mutate(
        { username: v.username.trim(), displayName: v.displayName.trim(), role: v.role, orgId: v.orgId, mobile: v.mobile?.trim() || null, password: v.password },
        { onSuccess: () => { message.success('已新建用户'); onClose(); }, onError: (e) => report(e, { form }) },
      );
    } else if (existing) {
      update.mutate(
        { id: existing.id, displayName: v.displayName.trim(), role: v.role, orgId: v.orgId, disabled: Boolean(v.disabled), version: existing.version },
        {
          onSuccess: () => { message.success('已保存'); onClose(); },
          onError: (e) => report(e, { form, onReload: () => { onReload(); onClose(); } }),
        },
      );
    }
  };

  return (
    <Modal
      title={creating ? '新建用户' : `编辑用户：${existing?.username ?? ''}`}
      open={user !== null}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText="保存"
      cancelText="取消"
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={existing ? { displayName: existing.displayName, role: existing.role, orgId: existing.orgId, disabled: existing.disabled } : { role: 'reporter' }}
      >
        {creating && (
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }, { min: 3, max: 64 }, { pattern: /^[A-Za-z0-9_.@-]+$/, message: '用户名只能包含字母、数字和 _ . @ -' }]}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={optionsOf(ROLES, ROLE_LABELS)} />
        </Form.Item>
        <Form.Item label="所属组织" name="orgId" rules={[{ required: true, message: '请选择所属组织' }]} extra="用户只能管理所属组织及其下级组织">
          <OrgSelect initial={existing ? { id: existing.orgId, name: existing.orgName } : undefined} />
        </Form.Item>
        {creating && (
          <>
            <Form.Item label="手机" name="mobile" rules={[{ pattern: /^1\d{10}$/, message: '手机号应为 11 位数字' }]}>
              <Input inputMode="tel" autoComplete="off" />
            </Form.Item>
            <Form.Item label="初始密码" name="password" extra={PASSWORD_HINT} rules={[{ required: true, message: '请输入初始密码' }, { min: 10, message: '至少 10 位' }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        {existing && (
          <Form.Item label="停用账号" name="disabled" valuePropName="checked" extra="停用、改变角色或所属组织后，该用户的所有登录会话立即失效">
            <Switch checkedChildren="停用" unCheckedChildren="正常" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
