import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Steps, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { useLogout, useSession, useTotpConfirm, useTotpSetup } from '../../api/auth';
import { ApiError } from '../../api/client';

/**
 * Enrolment of the TOTP second factor: scan the QR code (or type the secret) into an authenticator app,
 * then prove it with one code. Administrators land here until they have done it; others come from the user menu.
 */
export function TotpEnrolPage() {
  const { data: session } = useSession();
  const setup = useTotpSetup();
  const confirm = useTotpConfirm();
  const logout = useLogout();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ code: string }>();
  const [qr, setQr] = useState<string | null>(null);

  useEffect(() => {
    if (!setup.data) return;
    let live = true;
    void QRCode.toDataURL(setup.data.uri, { width: 220, margin: 1, errorCorrectionLevel: 'M' }).then((d) => live && setQr(d));
    return () => { live = false; };
  }, [setup.data]);

  if (!session) return null;
  if (session.totpEnabled && !confirm.isSuccess) return <Navigate to="/" replace />;
  const forced = session.mustEnrolTotp;

  const onFinish = ({ code }: { code: string }) => confirm.mutate(code.trim(), {
    onError: (e) => {
      if (e instanceof ApiError) form.setFields([{ name: 'code', errors: [e.fields[0]?.message ?? e.message] }]);
    },
  });

  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5', padding: 16, boxSizing: 'border-box' }}>
      <Card style={{ width: '100%', maxWidth: 460 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}><SafetyOutlined aria-hidden /> 绑定动态口令</Typography.Title>
        {forced && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }}
            title="按等级保护要求，管理员须使用动态口令（双因素）登录。完成绑定前不能使用其他功能。" />
        )}
        {confirm.isSuccess ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="success" showIcon title="动态口令已绑定，以后登录时需输入密码和动态口令。" />
            <Button type="primary" block onClick={() => navigate('/', { replace: true })}>进入系统</Button>
          </Space>
        ) : (
          <>
            <Steps direction="vertical" size="small" current={setup.data ? 1 : 0} items={[
              { title: '在手机上安装身份验证器应用', description: '如 Microsoft Authenticator、Google Authenticator、FreeOTP 或其他支持 TOTP 的应用。' },
              { title: '扫描二维码或手动输入密钥' },
              { title: '输入应用显示的 6 位动态口令' },
            ]} />
            {setup.error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={setup.error.message} />}
            {!setup.data ? (
              <Button type="primary" block loading={setup.isPending} onClick={() => setup.mutate()}>获取二维码</Button>
            ) : (
              <>
                <div style={{ textAlign: 'center', margin: '8px 0 16px' }}>
                  {qr && <img src={qr} alt="动态口令二维码" width={220} height={220} />}
                  <Typography.Paragraph style={{ marginTop: 8 }}>
                    密钥：<Typography.Text code copyable aria-label="动态口令密钥">{setup.data.secret}</Typography.Text>
                  </Typography.Paragraph>
                </div>
                <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
                  <Form.Item label="动态口令" name="code" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: '请输入 6 位数字' }]}>
                    <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" autoFocus />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" block size="large" loading={confirm.isPending}>确认绑定</Button>
                </Form>
              </>
            )}
            <div style={{ marginTop: 16, textAlign: 'center' }}>
              {forced ? (
                <Button type="link" onClick={() => logout.mutate(undefined, { onSuccess: () => navigate('/login', { replace: true }) })}>退出登录</Button>
              ) : (
                <Button type="link" onClick={() => navigate(-1)}>返回</Button>
              )}
            </div>
          </>
        )}
      </Card>
    </main>
  );
}

export default TotpEnrolPage;
