import type * as C from '@tuanjian/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

type Infer<S> = S extends { _output: infer O } ? O : never;
export type AssessmentSummary = Infer<typeof C.AssessmentSummary>;
export type AssessmentScores = Infer<typeof C.AssessmentScores>;
export type SubjectScore = AssessmentScores['rows'][number];
export type AdjustmentCreate = Infer<typeof C.AdjustmentCreate>;

const keys = {
  list: (programId: number) => ['programs', programId, 'assessments'] as const,
  scores: (programId: number, id: string) => ['programs', programId, 'assessments', id] as const,
};

export function useAssessments(programId: number) {
  return useQuery({ queryKey: keys.list(programId), queryFn: () => api<{ items: AssessmentSummary[] }>(`/programs/${programId}/assessments`) });
}

export function useAssessmentScores(programId: number, id: string | undefined) {
  return useQuery({
    queryKey: keys.scores(programId, id ?? ''),
    queryFn: () => api<AssessmentScores>(`/programs/${programId}/assessments/${encodeURIComponent(id!)}`),
    enabled: id !== undefined,
  });
}

export function useAdjust(programId: number, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AdjustmentCreate) => api<AssessmentScores>(`/programs/${programId}/assessments/${encodeURIComponent(id)}/adjustments`, { method: 'POST', body }),
    onSuccess: (data) => qc.setQueryData(keys.scores(programId, id), data),
  });
}

export function useWithdrawAdjustment(programId: number, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ adjustmentId, reason }: { adjustmentId: number; reason: string }) =>
      api<AssessmentScores>(`/programs/${programId}/assessments/${encodeURIComponent(id)}/adjustments/${adjustmentId}/withdraw`, { method: 'POST', body: { reason } }),
    onSuccess: (data) => qc.setQueryData(keys.scores(programId, id), data),
  });
}
