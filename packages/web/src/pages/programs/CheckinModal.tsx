import { ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, List, Modal, Space, Spin, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import QRCode from 'qrcode';
import { useCallback, useEffect, useState } from 'react';
import { programKeys, type ProgramRecord } from '../../api/programs';
import { openCheckin, useCheckins, type CheckinCode } from '../../api/records';

const HOURS = 12;
const stored = (recordId: number) => `tj.checkin.${recordId}`;

/** A code still valid for a while is shown again, so a code already on a screen or on paper keeps working. */
function reusable(recordId: number): CheckinCode | null {
  try {
    const c = JSON.parse(localStorage.getItem(stored(recordId)) ?? 'null') as CheckinCode | null;
    return c && dayjs(c.expiresAt).diff(dayjs(), 'minute') > 10 ? c : null;
  } catch {
    return null;
  }
}

/**
 * 扫码签到: attendees scan the code and leave name and mobile, so the record's people reached is
 * counted, not typed. The count below rises as they check in.
 */
export function CheckinModal({ programId, record, onClose }: { programId: number; record: ProgramRecord; onClose: () => void }) {
  const qc = useQueryClient();
  const [code, setCode] = useState<CheckinCode | null>(() => reusable(record.id));
  const [image, setImage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const checkins = useCheckins(record.id, true);
  const url = code ? `${window.location.origin}${code.path}` : null;

  const renew = useCallback(async () => {
    setOpening(true);
    setError(null);
    try {
      const c = await openCheckin(record.id, HOURS);
      localStorage.setItem(stored(record.id), JSON.stringify(c));
      setCode(c);
    } catch (e) {
      setError(e instanceof Error ? e.message : '无法生成签到二维码');
    } finally {
      setOpening(false);
    }
  }, [record.id]);

  useEffect(() => {
    if (!code) void renew();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!url) return;
    let live = true;
    void QRCode.toDataURL(url, { width: 260, margin: 1, errorCorrectionLevel: 'M' }).then((d) => live && setImage(d));
    return () => { live = false; };
  }, [url]);

  const close = () => {
    // The record's people reached is the check-in count now; the list and the figures must show it.
    void qc.invalidateQueries({ queryKey: programKeys.records(programId) });
    void qc.invalidateQueries({ queryKey: ['programs', 'compliance', programId] });
    onClose();
  };

  return (
    <Modal open title="扫码签到" onCancel={close} footer={<Button onClick={close}>完成</Button>} destroyOnHidden width={420}>
      <Typography.Paragraph type="secondary">{record.kindName} · {record.orgName} · {record.occurredOn}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <div style={{ textAlign: 'center' }}>
        {image ? <img src={image} alt="签到二维码" width={260} height={260} style={{ maxWidth: '100%', height: 'auto' }} /> : !error && <Spin style={{ margin: 40 }} />}
      </div>
      {code && url && (
        <Space orientation="vertical" size={4} style={{ width: '100%', marginTop: 8 }}>
          <Typography.Text type="secondary">参加者用微信或相机扫码，填写姓名和手机号即可签到；有效至 {dayjs(code.expiresAt).format('M月D日 HH:mm')}。</Typography.Text>
          <Typography.Text copyable={{ text: url }} style={{ wordBreak: 'break-all', fontSize: 12 }} aria-label="签到链接">{url}</Typography.Text>
          <Button size="small" icon={<ReloadOutlined aria-hidden />} loading={opening} onClick={() => void renew()} style={{ alignSelf: 'flex-start' }}>
            重新生成（旧二维码作废）
          </Button>
        </Space>
      )}
      <div role="status" aria-live="polite" aria-label={`已签到 ${checkins.data?.count ?? 0} 人`} style={{ marginTop: 16 }}>
        <Statistic title="已签到" value={checkins.data?.count ?? 0} suffix="人" />
      </div>
      {checkins.isError && <Typography.Text type="danger">{checkins.error.message}</Typography.Text>}
      <List
        size="small"
        dataSource={checkins.data?.items ?? []}
        locale={{ emptyText: '还没有人签到' }}
        style={{ maxHeight: 200, overflowY: 'auto' }}
        renderItem={(c) => (
          <List.Item>
            <span>{c.name}</span>
            <Typography.Text type="secondary">{c.mobile} · {dayjs(c.checkedInAt).format('HH:mm')}</Typography.Text>
          </List.Item>
        )}
      />
    </Modal>
  );
}
