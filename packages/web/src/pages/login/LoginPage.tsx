import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { getSessionNotice, useLogin, useLoginTotp, useSession } from '../../api/auth';
import { ApiError } from '../../api/client';

type Values = { username: string; password: string };

export function LoginPage() {
  const [form] = Form.useForm<Values>();
  const login = useLogin();
  const loginTotp = useLoginTotp();
  // Set when the password was right and the account asks for its TOTP code.
  const [pendingToken, setPendingToken] = useState<string | null>(null);
  const [codeForm] = Form.useForm<{ code: string }>();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const notice = getSessionNotice();
  // '/' sends each role to its own first page (layout/RequireAbility.tsx homeOf).
  const target = from && from.startsWith('/') && !from.startsWith('/login') ? from : '/';

  if (session.data) return <Navigate to={target} replace />;

  const onFinish = (values: Values) => {
    login.mutate(values, {
      onSuccess: (answer) => {
        if ('secondFactor' in answer) setPendingToken(answer.pendingToken);
        else navigate(target, { replace: true });
      },
      onError: (e) => {
        if (e instanceof ApiError) {
          form.setFields(e.fields.map((f) => ({ name: f.path.replace(/^body\./, '') as keyof Values, errors: [f.message] })));
        }
      },
    });
  };

  const onCode = ({ code }: { code: string }) => {
    loginTotp.mutate({ pendingToken: pendingToken!, code: code.trim() }, {
      onSuccess: () => navigate(target, { replace: true }),
      onError: (e) => {
        // An expired token or a lock: start again from the password.
        if (e instanceof ApiError && e.status !== 401) setPendingToken(null);
        if (e instanceof ApiError && /过期/.test(e.message)) setPendingToken(null);
        codeForm.resetFields();
      },
    });
  };

  const error = pendingToken ? loginTotp.error : login.error ?? loginTotp.error;

  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(160deg, #c8161d 0%, #8c0f14 45%, #f5f5f5 45%)', padding: 16, boxSizing: 'border-box' }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={2} style={{ textAlign: 'center', marginTop: 0, marginBottom: 4 }}>团建</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>共青团基层组织建设工作平台</Typography.Paragraph>
        {notice && !error && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={notice} />
        )}
        {error && (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={error.message} />
        )}
        {pendingToken ? (
          <Form<{ code: string }> form={codeForm} layout="vertical" onFinish={onCode} requiredMark={false}>
            <Typography.Paragraph>请打开手机上的身份验证器应用，输入显示的 6 位动态口令。</Typography.Paragraph>
            <Form.Item label="动态口令" name="code" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: '请输入 6 位数字' }]}>
              <Input prefix={<SafetyOutlined aria-hidden />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" autoFocus />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={loginTotp.isPending}>验证</Button>
            <Button type="link" block onClick={() => { setPendingToken(null); loginTotp.reset(); }}>返回</Button>
          </Form>
        ) : (
        <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" size="large" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>登录</Button>
        </Form>
        )}
      </Card>
    </main>
  );
}
