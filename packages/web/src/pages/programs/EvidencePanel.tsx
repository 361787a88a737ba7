import { DeleteOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Empty, Image, List, Popconfirm, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { EVIDENCE_ACCEPT, evidenceKeys, formatBytes, uploadEvidence, useDeleteEvidence, useEvidence, type Evidence, type EvidenceList } from '../../api/evidence';
import { useReportError } from '../../components/useReportError';
import { RECORD_STATUS_LABELS } from '../../labels';

const place = (e: Evidence) =>
  e.exifLatitude === null || e.exifLongitude === null ? null
    : `${Math.abs(e.exifLatitude).toFixed(4)}°${e.exifLatitude >= 0 ? 'N' : 'S'}, ${Math.abs(e.exifLongitude).toFixed(4)}°${e.exifLongitude >= 0 ? 'E' : 'W'}`;

const WRAP = { whiteSpace: 'normal', marginInlineEnd: 0 } as const;

/** One file: thumbnail, what its EXIF says next to what the record says, and every flag the reviewer must see. */
function EvidenceItem({ e, record, canChange, onDelete, deleting }: {
  e: Evidence; record: EvidenceList['record']; canChange: boolean; onDelete: () => void; deleting: boolean;
}) {
  const where = place(e);
  return (
    <List.Item>
      <List.Item.Meta
        avatar={e.thumbnailUrl
          ? <Image width={64} height={64} style={{ objectFit: 'cover', borderRadius: 4 }} src={e.thumbnailUrl} preview={{ src: e.downloadUrl }} alt={e.fileName} />
          : <FileOutlined style={{ fontSize: 40, color: '#8c8c8c', width: 64, textAlign: 'center' }} aria-hidden />}
        title={
          <div style={{ display: 'flex', alignItems: 'flex-start', gap: 8 }}>
            <a href={e.downloadUrl} download={e.fileName} style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>{e.fileName}</a>
            {canChange && (
              <Popconfirm title="删除这份佐证材料？" okText="删除" cancelText="取消" onConfirm={onDelete}>
                <Button size="small" danger type="text" icon={<DeleteOutlined aria-hidden />} loading={deleting} aria-label={`删除 ${e.fileName}`} />
              </Popconfirm>
            )}
          </div>
        }
        description={
          <Space orientation="vertical" size={2}>
            <Typography.Text type="secondary">{formatBytes(e.sizeBytes)}{e.width ? ` · ${e.width}×${e.height}` : ''}</Typography.Text>
            {e.category === 'image' && (
              <>
                <Typography.Text type="secondary">拍摄时间 {e.exifTakenAt ?? '未知'} · 记录日期 {record.occurredOn}</Typography.Text>
                <Typography.Text type="secondary">拍摄位置 {where ?? '未知'} · 记录地点 {record.placeName ?? record.orgName}</Typography.Text>
              </>
            )}
            {(e.warnings.length > 0 || e.duplicateOf) && (
              <Space wrap size={4}>
                {e.warnings.map((w) => <Tag key={w.code} color="warning" style={WRAP}>{w.message}</Tag>)}
                {e.duplicateOf && <Tag color="error" style={WRAP}>{e.duplicateOf.kind === 'identical' ? '重复文件' : '疑似重复照片'}：{e.duplicateOf.message}</Tag>}
              </Space>
            )}
          </Space>
        }
      />
    </List.Item>
  );
}

/** 佐证材料 of one record: upload (phone camera or files), thumbnails, EXIF beside the record, duplicate flags. */
export function EvidencePanel({ recordId }: { recordId: number }) {
  const list = useEvidence(recordId);
  const qc = useQueryClient();
  const remove = useDeleteEvidence(recordId);
  const report = useReportError();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(0);

  if (list.isError) return <Alert type="error" showIcon title={list.error.message} />;
  const data = list.data;
  const items = data?.items ?? [];
  const images = items.filter((e) => e.category === 'image').length;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {data && (
        <Descriptions size="small" column={1} bordered items={[
          { key: 'date', label: '记录日期', children: data.record.occurredOn },
          { key: 'place', label: '地点', children: data.record.placeName ?? data.record.orgName },
          { key: 'status', label: '状态', children: RECORD_STATUS_LABELS[data.record.status] ?? data.record.status },
        ]} />
      )}
      {data?.canChange && (
        <div>
          <Upload
            accept={EVIDENCE_ACCEPT}
            multiple
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              const f = file as File;
              setUploading((n) => n + 1);
              uploadEvidence(recordId, f, f.name)
                .then((e) => {
                  onSuccess?.(e);
                  if (e.duplicateOf) message.warning(`${f.name}：${e.duplicateOf.message}`);
                })
                .catch((err: unknown) => {
                  onError?.(err as Error);
                  if (err instanceof ApiError) message.error(`${f.name}：${err.message}`);
                  else report(err);
                })
                .finally(() => {
                  setUploading((n) => n - 1);
                  void qc.invalidateQueries({ queryKey: evidenceKeys.ofRecord(recordId) });
                });
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />} loading={uploading > 0}>上传照片或文件</Button>
          </Upload>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            照片 {images}/{data.limits.maxImages} 张，文件共 {items.length}/{data.limits.maxFiles} 个，每个不超过 {data.limits.maxFileBytes / 1024 / 1024} MB；
            支持 JPEG、PNG、WebP、HEIC、PDF、Word、Excel。
          </Typography.Paragraph>
        </div>
      )}
      <List
        loading={list.isLoading}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无佐证材料" /> }}
        renderItem={(e) => (
          <EvidenceItem
            key={e.id}
            e={e}
            record={data!.record}
            canChange={Boolean(data?.canChange)}
            deleting={remove.isPending && remove.variables === e.id}
            onDelete={() => remove.mutate(e.id, { onSuccess: () => message.success('已删除'), onError: (err) => report(err) })}
          />
        )}
      />
    </Space>
  );
}
