import type { OrgDetail } from '@tuanjian/contracts';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { OrgFormDrawer } from './OrgFormDrawer';
import { DissolveModal, FoundModal, MergeModal, MoveModal } from './RestructureModals';

type Dialog = 'edit' | 'create' | 'move' | 'dissolve' | 'merge' | 'found' | null;

/** The buttons follow the org's own abilities from the server; nothing here knows about roles. */
export function OrgActions({ org }: { org: OrgDetail }) {
  const [dialog, setDialogState] = useState<Dialog>(null);
  // Each opening mounts the dialog afresh (key), so its form starts from the org as it is now.
  const [opening, setOpening] = useState(0);
  const setDialog = (d: Dialog) => {
    setOpening((n) => n + 1);
    setDialogState(d);
  };
  // kept after closing so the drawer's title does not change while it slides away
  const [formMode, setFormMode] = useState<'edit' | 'create'>('edit');
  const openForm = (mode: 'edit' | 'create') => {
    setFormMode(mode);
    setDialog(mode);
  };
  const close = () => setDialogState(null);
  const { update, restructure, createChild } = org.abilities;

  if (!update && !restructure && !createChild) return null;
  return (
    <>
      <Space wrap size={[8, 8]}>
        {update && <Button type="primary" onClick={() => openForm('edit')}>编辑</Button>}
        {createChild && <Button onClick={() => openForm('create')}>新建下级组织</Button>}
        {restructure && org.status === 'preparing' && <Button onClick={() => setDialog('found')}>成立</Button>}
        {restructure && <Button onClick={() => setDialog('move')}>迁移</Button>}
        {restructure && <Button onClick={() => setDialog('merge')}>合并</Button>}
        {restructure && <Button danger onClick={() => setDialog('dissolve')}>撤销</Button>}
      </Space>
      {(update || createChild) && (
        <OrgFormDrawer key={`form-${opening}`} open={dialog === 'edit' || dialog === 'create'} mode={formMode} org={org} onClose={close} />
      )}
      {restructure && (
        <>
          <MoveModal key={`move-${opening}`} org={org} open={dialog === 'move'} onClose={close} />
          <MergeModal key={`merge-${opening}`} org={org} open={dialog === 'merge'} onClose={close} />
          <DissolveModal key={`dissolve-${opening}`} org={org} open={dialog === 'dissolve'} onClose={close} />
          <FoundModal key={`found-${opening}`} org={org} open={dialog === 'found'} onClose={close} />
        </>
      )}
    </>
  );
}
