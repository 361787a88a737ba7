import { Segmented, Space } from 'antd';
import { useState } from 'react';
import type { Program } from '../../api/programs';
import { BulletinsPanel } from './BulletinsPanel';
import { TargetsPanel } from './TargetsPanel';
import { TasksPanel } from './TasksPanel';

type Section = 'targets' | 'tasks' | 'bulletins';

/** 目标与通报: targets and their split and progress (S4.1), the task list with cards (S2.1), bulletins (S4.2, S0.7). */
export default function TargetsTab({ program }: { program: Program }) {
  const [section, setSection] = useState<Section>('targets');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Segmented<Section>
        aria-label="目标与通报"
        value={section}
        onChange={setSection}
        options={[{ value: 'targets', label: '目标分解与进度' }, { value: 'tasks', label: '任务分工' }, { value: 'bulletins', label: '通报' }]}
      />
      {section === 'targets' && <TargetsPanel program={program} />}
      {section === 'tasks' && <TasksPanel program={program} />}
      {section === 'bulletins' && <BulletinsPanel program={program} />}
    </Space>
  );
}
