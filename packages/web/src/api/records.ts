import type * as C from '@tuanjian/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { RecordCreate } from './programs';

type Infer<S> = S extends { _output: infer O } ? O : never;
export type RecordSaved = Infer<typeof C.RecordSaved>;
export type RecordUpdate = Infer<typeof C.RecordUpdate>;
export type RecordReview = Infer<typeof C.RecordReview>;
export type CheckinCode = Infer<typeof C.CheckinCode>;
export type CheckinList = Infer<typeof C.CheckinList>;
export type CheckinInfo = Infer<typeof C.CheckinInfo>;
export type CheckinDone = Infer<typeof C.CheckinDone>;

type RecordChanged = Infer<typeof C.RecordChanged>;

/** A record sent once per draft key: a retry after a lost answer returns the record made the first time. */
export function postRecord(programId: number, body: RecordCreate, idempotencyKey: string) {
  return api<RecordSaved>(`/programs/${programId}/records`, { method: 'POST', body, headers: { 'idempotency-key': idempotencyKey } });
}

/** A record write changes the pages that hold it and the figures computed from it: all are fetched again. */
export function useRecordListUpdate(programId: number) {
  const qc = useQueryClient();
  return async () => {
    await Promise.all(['records', 'compliance', 'deliverables', 'risks'].map((k) => qc.invalidateQueries({ queryKey: ['programs', k, programId] })));
  };
}

export function useSubmitRecord(programId: number) {
  const update = useRecordListUpdate(programId);
  return useMutation({
    mutationFn: (r: { id: number; version: number }) => api<RecordChanged>(`/records/${r.id}/submit`, { method: 'POST', body: { version: r.version } }),
    onSuccess: () => update(),
  });
}

export function useReviewRecord(programId: number) {
  const update = useRecordListUpdate(programId);
  return useMutation({
    mutationFn: ({ id, ...body }: RecordReview & { id: number }) => api<RecordChanged>(`/records/${id}/review`, { method: 'POST', body }),
    onSuccess: () => update(),
  });
}

/** Edits a draft or returned record in place; after verification the server makes a new version. */
export function useUpdateRecord(programId: number) {
  const update = useRecordListUpdate(programId);
  return useMutation({
    mutationFn: ({ id, ...body }: RecordUpdate & { id: number }) => api<RecordSaved>(`/records/${id}`, { method: 'PATCH', body }),
    onSuccess: () => update(),
  });
}

export const checkinKeys = { ofRecord: (recordId: number) => ['checkins', recordId] as const };

export const openCheckin = (recordId: number, hours: number) =>
  api<CheckinCode>(`/records/${recordId}/checkin-code`, { method: 'POST', body: { hours } });

/** Who has checked in so far; polled while the code is on screen so the count rises as people scan. */
export function useCheckins(recordId: number, live: boolean) {
  return useQuery({
    queryKey: checkinKeys.ofRecord(recordId),
    queryFn: () => api<CheckinList>(`/records/${recordId}/checkins`),
    refetchInterval: live ? 3000 : false,
  });
}

/** The public side: an attendee without an account, holding only the scanned token. */
export const getCheckinInfo = (token: string) => api<CheckinInfo>(`/checkin/${encodeURIComponent(token)}`, { skipUnauthorizedRedirect: true });
export const postCheckin = (token: string, body: { name: string; mobile: string }) =>
  api<CheckinDone>(`/checkin/${encodeURIComponent(token)}`, { method: 'POST', body, skipUnauthorizedRedirect: true });
