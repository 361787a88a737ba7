import { Drawer, Empty, Grid } from 'antd';
import { useRecordsByIds } from '../../api/programs';
import { RecordsTable } from './RecordsTab';

/** The records behind a computed figure (a deliverable cell, a risk): every number opens its records. */
export function RecordsDrawer({ programId, title, recordIds, onClose }: { programId: number; title: string; recordIds: string[] | null; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const records = useRecordsByIds(programId, recordIds ?? []);

  return (
    <Drawer open={recordIds !== null} onClose={onClose} title={title} size={screens.md ? 720 : '100%'} destroyOnHidden>
      {recordIds && recordIds.length === 0 ? <Empty description="没有计入的工作记录" /> : <RecordsTable records={records.data ?? []} loading={records.isFetching} />}
    </Drawer>
  );
}
