import type * as C from '@tuanjian/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

type Infer<S> = S extends { _output: infer O } ? O : never;
export type Evidence = Infer<typeof C.Evidence>;
export type EvidenceList = Infer<typeof C.EvidenceList>;

/** What the file picker offers; the server decides by content, this only spares people a refused upload. */
export const EVIDENCE_ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif,application/pdf,.pdf,.doc,.docx,.xls,.xlsx';

export const evidenceKeys = {
  ofRecord: (recordId: number) => ['evidence', 'record', recordId] as const,
};

export function useEvidence(recordId: number) {
  return useQuery({ queryKey: evidenceKeys.ofRecord(recordId), queryFn: () => api<EvidenceList>(`/records/${recordId}/evidence`) });
}

export function uploadEvidence(recordId: number, file: Blob, fileName: string, signal?: AbortSignal) {
  const form = new FormData();
  form.append('file', file, fileName);
  return api<Evidence>(`/records/${recordId}/evidence`, { method: 'POST', form, signal });
}

export function useDeleteEvidence(recordId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<{ ok: true }>(`/evidence/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: evidenceKeys.ofRecord(recordId) }),
  });
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
