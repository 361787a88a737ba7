import { App, Button, Drawer, Form, Input, InputNumber, Modal, Progress, Segmented, Select, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { Program } from '../../api/programs';
import { useTask, useTasks, useUpdateTask, type TaskQuery, type TaskView } from '../../api/targets';
import { useReportError } from '../../components/useReportError';
import { TASK_STATUS_COLORS, TASK_STATUS_LABELS } from './targetLabels';

type View = NonNullable<TaskQuery['view']>;
const VIEWS: { value: View; label: string }[] = [
  { value: 'all', label: '全部' }, { value: 'carded', label: '红黄牌' }, { value: 'overdue', label: '已逾期' }, { value: 'due_soon', label: '即将到期' },
];

function CardTag({ t }: { t: TaskView }) {
  if (!t.card) return t.status === 'done' ? <Tag color="success">完成</Tag> : <Typography.Text type="secondary">—</Typography.Text>;
  const who = t.escalation ? `${t.escalation.to === 'responsible_leader' ? '提醒分管领导' : '提醒责任人'}：${t.escalation.names.join('、') || '分管领导'}` : '';
  return (
    <Tooltip title={who}>
      <Space orientation="vertical" size={0} style={{ maxWidth: 200 }}>
        <Tag color={t.card === 'red' ? 'red' : 'gold'} style={{ width: 'fit-content' }}>{t.card === 'red' ? '红牌' : '黄牌'}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>{t.reason}</Typography.Text>
      </Space>
    </Tooltip>
  );
}

/** 任务分工: the plan's numbered tasks with owners, deadlines and cards, filtered per department and person. */
export function TasksPanel({ program }: { program: Program }) {
  const [view, setView] = useState<View>('all');
  const [department, setDepartment] = useState<string | undefined>(undefined);
  const [person, setPerson] = useState<string | undefined>(undefined);
  const [soonDays, setSoonDays] = useState(7);
  const tasks = useTasks(program.id, { view, department, person, soonDays });
  const [editing, setEditing] = useState<TaskView | null>(null);
  const [open, setOpen] = useState<number | undefined>(undefined);
  const data = tasks.data;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap size={[12, 8]}>
        <Segmented<View> aria-label="任务视图" value={view} onChange={setView} options={VIEWS} />
        <Select aria-label="责任部室" allowClear placeholder="全部部室" value={department} onChange={setDepartment} style={{ width: 160 }}
          options={(data?.byDepartment ?? []).map((d) => ({ value: d.key, label: `${d.key}${d.red ? ` 红${d.red}` : ''}${d.yellow ? ` 黄${d.yellow}` : ''}` }))} />
        <Select aria-label="责任人" allowClear placeholder="全部责任人" value={person} onChange={setPerson} style={{ width: 160 }}
          options={(data?.byPerson ?? []).map((d) => ({ value: d.key, label: `${d.key}${d.red ? ` 红${d.red}` : ''}${d.yellow ? ` 黄${d.yellow}` : ''}` }))} />
        <Select aria-label="提前提醒" value={soonDays} onChange={setSoonDays} style={{ width: 150 }} options={[3, 7, 14, 30].map((d) => ({ value: d, label: `${d} 天内到期提醒` }))} />
      </Space>
      <Typography.Text type="secondary">
        {data ? `统计日期 ${data.today}。` : ''}黄牌：{soonDays} 天内到期且进度不足 80%，提醒责任人；红牌：已逾期，提醒分管领导。
      </Typography.Text>
      {tasks.isError && <Typography.Paragraph type="danger">{tasks.error.message}</Typography.Paragraph>}
      <Table<TaskView>
        aria-label="任务分工"
        size="small"
        rowKey="id"
        loading={tasks.isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: view === 'all' ? '本专项工作的模板没有任务分工' : '没有符合条件的任务' }}
        columns={[
          { title: '序号', dataIndex: 'number', fixed: 'left', width: 56 },
          { title: '任务', key: 'text', render: (_, t) => <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 360 }}>{t.project && <Tag>{t.project}</Tag>}{t.text}</span> },
          { title: '责任部室', dataIndex: 'department' },
          { title: '责任人', dataIndex: 'person' },
          { title: '截止', key: 'due', render: (_, t) => <span>{t.dueOn}{!t.dueFromTemplate && <Typography.Text type="secondary">（方案期末）</Typography.Text>}</span> },
          { title: '状态', dataIndex: 'status', render: (s: TaskView['status']) => <Tag color={TASK_STATUS_COLORS[s]}>{TASK_STATUS_LABELS[s]}</Tag> },
          { title: '进度', dataIndex: 'progress', render: (p: number, t) => <Progress percent={p} size="small" style={{ width: 100 }} aria-label={`任务${t.number}进度`} /> },
          { title: '预警', key: 'card', render: (_, t) => <CardTag t={t} /> },
          {
            title: '操作', key: 'actions', render: (_, t) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setOpen(t.id)} aria-label={`任务${t.number}进展记录`}>进展记录</Button>
                {data?.abilities.update && <Button type="link" size="small" onClick={() => setEditing(t)} aria-label={`更新任务${t.number}进展`}>更新进展</Button>}
              </Space>
            ),
          },
        ]}
      />
      {editing && <ProgressModal task={editing} onClose={() => setEditing(null)} />}
      <NotesDrawer id={open} onClose={() => setOpen(undefined)} />
    </Space>
  );
}

type Values = { status: TaskView['status']; progress: number; note: string; evidenceIds?: string };

function ProgressModal({ task, onClose }: { task: TaskView; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const update = useUpdateTask();
  const report = useReportError();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    const evidenceIds = (v.evidenceIds ?? '').split(/[,，\s]+/).filter(Boolean).map(Number);
    update.mutate({ id: task.id, version: task.version, status: v.status, progress: v.status === 'done' ? 100 : v.progress, note: v.note, evidenceIds }, {
      onSuccess: () => { message.success(`任务 ${task.number} 的进展已更新`); onClose(); },
      onError: (e) => report(e, { form, onReload: onClose }),
    });
  };
  return (
    <Modal title={`更新进展：任务 ${task.number}`} open onCancel={onClose} onOk={() => void submit().catch(() => undefined)} okText="保存" cancelText="取消" confirmLoading={update.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>{task.text}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ status: task.status === 'not_started' ? 'in_progress' : task.status, progress: task.progress }}>
        <Space wrap size={12}>
          <Form.Item label="状态" name="status"><Select aria-label="状态" style={{ width: 140 }} options={Object.entries(TASK_STATUS_LABELS).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item label="进度（%）" name="progress"><InputNumber aria-label="进度" min={0} max={100} precision={0} /></Form.Item>
        </Space>
        <Form.Item label="进展情况" name="note" rules={[{ required: true, whitespace: true, message: '请填写进展情况' }]}>
          <Input.TextArea aria-label="进展情况" rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label="佐证材料编号（可选）" name="evidenceIds" extra="工作记录中已上传材料的编号，多个用逗号分隔">
          <Input aria-label="佐证材料编号" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NotesDrawer({ id, onClose }: { id: number | undefined; onClose: () => void }) {
  const task = useTask(id);
  const t = task.data;
  return (
    <Drawer open={id !== undefined} onClose={onClose} title={t ? `任务 ${t.number} 进展记录` : '进展记录'} size={420}>
      {t && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t.text}</Typography.Paragraph>
          <Typography.Text type="secondary">{t.department} · {t.person} · 截止 {t.dueOn}</Typography.Text>
          {t.notes.length === 0 ? <Typography.Text type="secondary">还没有进展记录</Typography.Text> : (
            <Timeline items={t.notes.map((n) => ({
              color: n.status === 'done' ? 'green' : n.status === 'blocked' ? 'orange' : 'blue',
              content: (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{n.createdAt.slice(0, 10)} {n.createdByName ?? ''} · {TASK_STATUS_LABELS[n.status]} {n.progress}%</Typography.Text>
                  <Typography.Text>{n.note}</Typography.Text>
                  {n.evidenceIds.length > 0 && <Typography.Text type="secondary">佐证材料：{n.evidenceIds.join('、')}</Typography.Text>}
                </Space>
              ),
            }))} />
          )}
        </Space>
      )}
    </Drawer>
  );
}
