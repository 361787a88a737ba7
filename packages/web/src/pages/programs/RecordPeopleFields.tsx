import { Form, Select } from 'antd';
import { useEffect, useRef } from 'react';
import { usePeopleOfOrg } from '../../api/people';
import type { TemplateDefinition, TemplateRecordKind } from '../../api/programs';

/**
 * The parts of a record form that name who the record counts for: the department (byDepartment), the
 * cadres who took part (byCadres), both of the recording org, and the deliverable it hands in. Lives in
 * the record form's antd Form; the values are departmentId, cadreIds and deliverableKey.
 */
export function RecordPeopleFields({ kind, definition }: { kind: TemplateRecordKind | undefined; definition: TemplateDefinition }) {
  const form = Form.useFormInstance();
  const orgId = Form.useWatch<number | undefined>('orgId', form);
  const wantsPeople = Boolean(kind?.byDepartment || kind?.byCadres);
  const people = usePeopleOfOrg(wantsPeople ? orgId : undefined);
  const deliverables = definition.deliverables.filter((d) => !d.recordKind || d.recordKind === kind?.id);

  // Another org has other departments and cadres: an earlier choice would be refused by the server.
  const lastOrg = useRef(orgId);
  useEffect(() => {
    if (lastOrg.current !== orgId) form.setFieldsValue({ departmentId: undefined, cadreIds: undefined });
    lastOrg.current = orgId;
  }, [orgId, form]);

  const allowed = deliverables.map((d) => d.id).join(',');
  useEffect(() => {
    const chosen = form.getFieldValue('deliverableKey') as string | undefined;
    if (chosen && !allowed.split(',').includes(chosen)) form.setFieldValue('deliverableKey', undefined);
  }, [allowed, form]);

  const empty = (what: string) => (!orgId ? '请先选择组织' : people.isFetching ? '加载中…' : `该组织还没有${what}，请先在组织详情中添加`);
  return (
    <>
      {kind?.byDepartment && (
        <Form.Item label="部室" name="departmentId" extra="不填时按参与干部所在部室计">
          <Select
            aria-label="部室"
            allowClear
            loading={people.isFetching}
            notFoundContent={empty('部室')}
            options={(people.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
      )}
      {kind?.byCadres && (
        <Form.Item label="参与干部" name="cadreIds" extra="每位参与干部分别计入">
          <Select
            aria-label="参与干部"
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={people.isFetching}
            notFoundContent={empty('团干部')}
            options={(people.data?.cadres ?? []).filter((c) => c.active).map((c) => ({
              value: c.id,
              label: c.departmentName ? `${c.name}（${c.departmentName}）` : c.name,
            }))}
          />
        </Form.Item>
      )}
      {deliverables.length > 0 && (
        <Form.Item label="任务成果" name="deliverableKey" extra="这条记录报送的任务成果（可不选）">
          <Select aria-label="任务成果" allowClear options={deliverables.map((d) => ({ value: d.id, label: `${d.ref} ${d.name}` }))} />
        </Form.Item>
      )}
    </>
  );
}
