import { Drawer, Grid } from 'antd';
import type { ProgramRecord } from '../../api/programs';
import { EvidencePanel } from './EvidencePanel';

/** The evidence behind one record, opened from any list of records (records tab, compliance drill-down: X.2). */
export function EvidenceDrawer({ record, onClose }: { record: ProgramRecord; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  return (
    <Drawer open onClose={onClose} title={`佐证材料 · ${record.kindName} · ${record.orgName}`} size={screens.md ? 560 : '100%'} destroyOnHidden>
      <EvidencePanel recordId={record.id} />
    </Drawer>
  );
}
