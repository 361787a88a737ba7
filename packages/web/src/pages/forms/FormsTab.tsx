import { Empty, Select, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useForms } from '../../api/forms';
import type { Program } from '../../api/programs';
import { OverdueForms } from './OverdueForms';
import { PeriodStatusPanel } from './PeriodStatusPanel';
import { defaultPeriod, periodName } from './formText';

/**
 * 报表: the program's forms; for a form and a period, how many reporters handed it in and on time, per org
 * below, and each reporter's form. The choice stays in the address, so coming back from a report keeps it.
 */
export default function FormsTab({ program }: { program: Program }) {
  const forms = useForms(program.id);
  const [params, setParams] = useSearchParams();
  const items = useMemo(() => forms.data?.items ?? [], [forms.data]);
  const form = items.find((f) => f.id === params.get('form')) ?? items[0];
  const period = form?.periods.find((p) => p.key === params.get('period')) ?? (form ? defaultPeriod(form.periods, dayjs().format('YYYY-MM-DD')) : undefined);
  const choose = (next: { form?: string; period?: string }) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (next.form !== undefined) { p.set('form', next.form); p.delete('period'); p.delete('under'); }
      if (next.period !== undefined) p.set('period', next.period);
      return p;
    }, { replace: true });
  const under = Number(params.get('under')) || undefined;
  const setUnder = (id: number | undefined) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (id === undefined) p.delete('under'); else p.set('under', String(id));
      return p;
    }, { replace: true });

  if (forms.isLoading) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  if (forms.isError) return <Typography.Paragraph type="danger">{forms.error.message}</Typography.Paragraph>;
  if (!form) return <Empty description="本专项工作的模板没有报表" />;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 12px' }}>
        <Select
          aria-label="报表"
          value={form.id}
          onChange={(v) => choose({ form: v })}
          style={{ width: '100%', maxWidth: 380 }}
          options={items.map((f) => ({ value: f.id, label: `${f.ref} ${f.name}` }))}
        />
        <Select
          aria-label="期次"
          value={period?.key}
          onChange={(v) => choose({ period: v })}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%', maxWidth: 260 }}
          options={form.periods.map((p) => ({ value: p.key, label: `${periodName(p.key)}（${p.due.slice(5)} 截止）` }))}
        />
      </div>
      <Typography.Text type="secondary">
        {form.title}
        {form.attachment ? `（${form.attachment}）` : ''}；{form.approver === 'issuer' ? '报送发文单位审核' : '报送上一级审核'}。表中数字由工作记录自动生成，点击可查看记录。
      </Typography.Text>
      {period && <PeriodStatusPanel programId={program.id} form={form} period={period} under={under} onUnder={setUnder} />}
      <OverdueForms programId={program.id} />
    </Space>
  );
}
