import { Drawer, Empty, Grid } from 'antd';
import { useMemo } from 'react';
import { useRecords } from '../../api/programs';
import { RecordsTable } from './RecordsTab';

/** The records behind a computed figure (a deliverable cell, a risk): every number opens its records. */
export function RecordsDrawer({ programId, title, recordIds, onClose }: { programId: number; title: string; recordIds: string[] | null; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const records = useRecords(programId);
  const shown = useMemo(() => {
    const ids = new Set(recordIds ?? []);
    return (records.data?.items ?? []).filter((r) => ids.has(String(r.id)));
  }, [recordIds, records.data]);

  return (
    <Drawer open={recordIds !== null} onClose={onClose} title={title} size={screens.md ? 720 : '100%'} destroyOnHidden>
      {recordIds && recordIds.length === 0 ? <Empty description="没有计入的工作记录" /> : <RecordsTable records={shown} loading={records.isFetching} />}
    </Drawer>
  );
}
