import { App, Form, Input, Modal } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useChangePassword } from '../api/auth';
import { useReportError } from '../components/useReportError';
import { PASSWORD_HINT } from '../labels';


type Values = { currentPassword: string; newPassword: string; confirm: string };

/** The server ends every session after a password change, so the user signs in again with the new one. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const report = useReportError();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const submit = async () => {
    const { currentPassword, newPassword } = await form.validateFields();
    change.mutate({ currentPassword, newPassword }, {
      onSuccess: () => {
        message.success('密码已修改，请使用新密码重新登录');
        onClose();
        navigate('/login', { replace: true });
      },
      onError: (e) => report(e, { form }),
    });
  };

  return (
    <Modal
      title="修改密码"
      open={open}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText="保存"
      cancelText="取消"
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" preserve={false}>
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label="新密码" name="newPassword" extra={PASSWORD_HINT} rules={[{ required: true, message: '请输入新密码' }, { min: 10, message: '至少 10 位' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, v) => (v && v !== getFieldValue('newPassword') ? Promise.reject(new Error('两次输入的密码不一致')) : Promise.resolve()),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
