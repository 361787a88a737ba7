import { App } from 'antd';
import { useEffect } from 'react';
import { useSession } from '../../api/auth';
import { useRecordListUpdate } from '../../api/records';
import { isSending, loadDraft, loadOutbox, saveDraft, sendRecord } from './recordOutbox';

/**
 * Submissions left in the outbox by an earlier visit (the page was closed or reloaded without
 * network) are sent again when the records are shown; their keys make sure each becomes one record.
 */
export function useOutboxResume(programId: number, enabled: boolean) {
  const userId = useSession().data?.user.id;
  const updateList = useRecordListUpdate(programId);
  const { message } = App.useApp();

  useEffect(() => {
    if (!enabled || userId === undefined) return;
    for (const item of loadOutbox(userId, programId)) {
      if (isSending(item.key)) continue;
      sendRecord(userId, programId, item, {
        onSaved: async () => {
          await updateList();
          message.success('离线保存的记录已送达');
        },
        onRefused: (e, refused) => {
          if (!loadDraft(userId, programId)) saveDraft(userId, programId, refused.draft);
          message.error(`一条离线保存的记录未被接受：${e instanceof Error ? e.message : '请检查'}（已放回草稿，请打开“新增记录”修改）`);
        },
      });
    }
  }, [enabled, userId, programId]); // eslint-disable-line react-hooks/exhaustive-deps
}
