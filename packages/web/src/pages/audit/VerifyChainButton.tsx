import { SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useVerifyAudit } from '../../api/audit';
import { useReportError } from '../../components/useReportError';

/** Recomputes the audit log's hash chain on the server and tells whether any entry was altered or removed. */
export function VerifyChainButton() {
  const verify = useVerifyAudit();
  const report = useReportError();
  const { modal } = App.useApp();
  return (
    <Button
      icon={<SafetyCertificateOutlined aria-hidden />}
      loading={verify.isPending}
      onClick={() =>
        verify.mutate(undefined, {
          onSuccess: (r) =>
            r.ok
              ? modal.success({ title: '哈希链完整', content: `已校验 ${r.checked} 条审计记录（HMAC-SM3），未发现篡改。${r.unkeyed ? `其中最早 ${r.unkeyed} 条写于启用密钥校验之前，仅以 SHA-256 校验。` : ''}`, okText: '知道了' })
              : modal.error({
                  title: '哈希链校验失败',
                  content: `编号为 ${r.brokenAt ?? "?"} 的记录与哈希链不符（此前 ${r.checked} 条完好），审计日志可能被篡改，请立即报告系统管理员。`,
                  okText: '知道了',
                }),
          onError: (e) => report(e),
        })
      }
    >
      校验哈希链
    </Button>
  );
}
