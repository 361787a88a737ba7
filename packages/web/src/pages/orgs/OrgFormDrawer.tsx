import type { OrgDetail } from '@tuanjian/contracts';
import { App, Button, Drawer, Form, Grid, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useCreateOrg, useOrg, useUpdateOrg } from '../../api/orgs';
import { useReportError } from '../../components/useReportError';
import { OrgFormFields, leadersFromValues, leadersKey, payloadFromValues, valuesFromOrg, type OrgFormValues } from './OrgFormFields';

type Props = {
  open: boolean;
  onClose: () => void;
  /** 'edit': change this org (PATCH with its version). 'create': a new child of this org. */
  mode: 'edit' | 'create';
  org: OrgDetail;
};

/** One drawer for 编辑 and 新建下级组织: the same fields, different requests. */
export function OrgFormDrawer({ open, onClose, mode, org }: Props) {
  const [form] = Form.useForm<OrgFormValues>();
  const screens = Grid.useBreakpoint();
  const create = useCreateOrg();
  const update = useUpdateOrg(org.id);
  const { refetch } = useOrg(org.id);
  const report = useReportError();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const editing = mode === 'edit';

  const submit = async () => {
    let values: OrgFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    const fields = payloadFromValues(values);
    if (editing) {
      // Leaders are sent only when changed: they may hold masked mobiles that cannot be saved back.
      const leaders = leadersKey(values.leaders) !== leadersKey(org.leaders) ? { leaders: leadersFromValues(values) } : {};
      update.mutate({ ...fields, ...leaders, version: org.version }, {
        onSuccess: () => {
          message.success('已保存');
          onClose();
        },
        onError: (e) => report(e, {
          form,
          onReload: () => void refetch().then((r) => r.data && form.setFieldsValue(valuesFromOrg(r.data))),
        }),
      });
    } else {
      create.mutate({ ...fields, parentId: org.id, status: values.status ?? 'founded', leaders: leadersFromValues(values) }, {
        onSuccess: (created) => {
          message.success(`已新建 ${created.name}`);
          onClose();
          navigate(`/orgs/${created.id}`);
        },
        onError: (e) => report(e, { form }),
      });
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? `编辑：${org.name}` : `新建下级组织（上级：${org.name}）`}
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => void submit()}>保存</Button>
        </Space>
      }
    >
      {/* destroyOnHidden remounts the form on each opening, so initialValues are those of the org as opened;
          a background refetch does not wipe what the user typed */}
      <Form<OrgFormValues> form={form} layout="vertical" preserve={false} initialValues={editing ? valuesFromOrg(org) : { status: 'founded', kind: 'branch' }}>
        <OrgFormFields creating={!editing} originalLeaders={editing ? leadersKey(org.leaders) : undefined} />
      </Form>
    </Drawer>
  );
}
