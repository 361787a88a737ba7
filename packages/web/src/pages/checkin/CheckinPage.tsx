import { CheckCircleFilled } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Spin, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { getCheckinInfo, postCheckin } from '../../api/records';
import { fieldName } from '../../components/useReportError';

type Values = { name: string; mobile: string };

/**
 * The page an attendee's phone opens from the QR code: no account, no menu, only the activity and
 * two fields. The token in the address is the only key (the server answers the same for an unknown
 * and an expired one).
 */
export default function CheckinPage() {
  const token = useParams().token ?? '';
  const [form] = Form.useForm<Values>();
  const info = useQuery({ queryKey: ['checkin', token], queryFn: () => getCheckinInfo(token), retry: false });
  const done = useMutation({
    mutationFn: (v: Values) => postCheckin(token, { name: v.name.trim(), mobile: v.mobile.trim() }),
    onError: (e) => {
      if (e instanceof ApiError) form.setFields(e.fields.map((f) => ({ name: fieldName(f.path) as ['name'], errors: [f.message] })));
    },
  });

  return (
    <div style={{ minHeight: '100%', background: '#f5f5f5', padding: '0 0 32px' }}>
      <header style={{ background: '#c8161d', color: '#fff', padding: '14px 16px', fontSize: 18, fontWeight: 600 }}>活动签到</header>
      <main style={{ maxWidth: 440, margin: '16px auto', padding: '0 12px' }}>
        {info.isPending && <Spin style={{ display: 'block', margin: '64px auto' }} />}
        {info.isError && (
          <Result status="warning" title={info.error.message} subTitle="请向活动组织者索取新的签到二维码。" />
        )}
        {info.data && done.data && (
          <Card>
            <Result
              icon={<CheckCircleFilled style={{ color: '#52c41a' }} aria-hidden />}
              title={done.data.already ? '您已签到过' : '签到成功'}
              subTitle={`${info.data.activity} · 已有 ${done.data.count} 人签到`}
            />
          </Card>
        )}
        {info.data && !done.data && (
          <Card>
            <Typography.Title level={4} style={{ marginTop: 0 }}>{info.data.activity}</Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{info.data.orgName} · {info.data.occurredOn}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{info.data.programName}</Typography.Paragraph>
            <Typography.Paragraph>已有 <strong>{info.data.count}</strong> 人签到</Typography.Paragraph>
            {done.error && !(done.error instanceof ApiError && done.error.fields.length) && (
              <Alert type="error" showIcon style={{ marginBottom: 16 }} title={done.error.message} />
            )}
            <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => done.mutate(v)}>
              <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { min: 2, max: 20, message: '姓名应为 2 到 20 个字' }]}>
                <Input autoComplete="name" maxLength={20} size="large" />
              </Form.Item>
              <Form.Item
                label="手机号"
                name="mobile"
                extra="仅用于统计参加人数，不对外公开"
                rules={[{ required: true, message: '请填写手机号' }, { pattern: /^\s*1\d{10}\s*$/, message: '手机号应为 11 位数字' }]}
              >
                <Input type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} size="large" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block size="large" loading={done.isPending}>签到</Button>
            </Form>
          </Card>
        )}
      </main>
    </div>
  );
}
