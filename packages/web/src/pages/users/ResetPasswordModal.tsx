import { App, Form, Input, Modal, Typography } from 'antd';
import type { User } from '../../api/types';
import { useUpdateUser } from '../../api/users';
import { useReportError } from '../../components/useReportError';
import { PASSWORD_HINT } from '../../labels';

type Values = { password: string; confirm: string };

/** Sets a new password for someone who forgot theirs; the server ends all their sessions. */
export function ResetPasswordModal({ user, onClose, onReload }: { user: User | null; onClose: () => void; onReload: () => void }) {
  const [form] = Form.useForm<Values>();
  const update = useUpdateUser();
  const report = useReportError();
  const { message } = App.useApp();

  const submit = async () => {
    if (!user) return;
    const { password } = await form.validateFields();
    update.mutate({ id: user.id, password, version: user.version }, {
      onSuccess: () => {
        message.success(`已重置 ${user.username} 的密码`);
        onClose();
      },
      onError: (e) => report(e, { form, onReload: () => { onReload(); onClose(); } }),
    });
  };

  return (
    <Modal
      title={`重置密码：${user?.username ?? ''}`}
      open={user !== null}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText="重置密码"
      cancelText="取消"
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">重置后该用户需要用新密码重新登录，请通过安全的方式告知本人。</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" preserve={false}>
        <Form.Item label="新密码" name="password" extra={PASSWORD_HINT} rules={[{ required: true, message: '请输入新密码' }, { min: 10, message: '至少 10 位' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, v) => (v && v !== getFieldValue('password') ? Promise.reject(new Error('两次输入的密码不一致')) : Promise.resolve()),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
