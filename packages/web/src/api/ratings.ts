import type * as C from '@tuanjian/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

type Infer<S> = S extends { _output: infer O } ? O : never;
export type RatingBoard = Infer<typeof C.RatingBoard>;
export type RatingRow = RatingBoard['rows'][number];
export type SelfScore = Infer<typeof C.SelfScore>;
export type RatingReview = Infer<typeof C.RatingReview>;

const key = (programId: number, standardId: string) => ['programs', programId, 'ratings', standardId] as const;
const base = (programId: number, standardId: string) => `/programs/${programId}/ratings/${encodeURIComponent(standardId)}`;

export function useRatingBoard(programId: number, standardId: string) {
  return useQuery({ queryKey: key(programId, standardId), queryFn: () => api<RatingBoard>(base(programId, standardId)) });
}

export function useSelfScore(programId: number, standardId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ orgId, body }: { orgId: number; body: SelfScore }) => api<RatingBoard>(`${base(programId, standardId)}/orgs/${orgId}`, { method: 'PUT', body }),
    onSuccess: (data) => qc.setQueryData(key(programId, standardId), data),
  });
}

export function useReviewRating(programId: number, standardId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ orgId, body }: { orgId: number; body: RatingReview }) => api<RatingBoard>(`${base(programId, standardId)}/orgs/${orgId}/review`, { method: 'POST', body }),
    onSuccess: (data) => qc.setQueryData(key(programId, standardId), data),
  });
}
