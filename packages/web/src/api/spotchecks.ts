import type * as C from '@tuanjian/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { programKeys } from './programs';

type Infer<S> = S extends { _output: infer O } ? O : never;
export type SpotCheckDraw = Infer<typeof C.SpotCheckDraw>;
export type SpotCheckSample = Infer<typeof C.SpotCheckSample>;
export type SpotCheckItem = SpotCheckSample['items'][number];
export type SpotCheckSummary = Infer<typeof C.SpotCheckList>['items'][number];
export type SpotCheckRedraw = Infer<typeof C.SpotCheckRedraw>;
export type SpotCheckFinding = Infer<typeof C.SpotCheckFinding>;

export const spotCheckKeys = {
  list: (programId: number) => ['spot-checks', 'program', programId] as const,
  sample: (id: number) => ['spot-checks', 'sample', id] as const,
  redraw: (id: number) => ['spot-checks', 'redraw', id] as const,
};

export function useSpotChecks(programId: number) {
  return useQuery({ queryKey: spotCheckKeys.list(programId), queryFn: () => api<{ items: SpotCheckSummary[] }>(`/programs/${programId}/spot-checks`) });
}

export function useSpotCheck(id: number | null) {
  return useQuery({ queryKey: spotCheckKeys.sample(id ?? 0), queryFn: () => api<SpotCheckSample>(`/spot-checks/${id}`), enabled: id !== null });
}

/** Draws again from the tree (or records) as they stood; asked for on demand, never cached as fresh. */
export function useRedraw(id: number) {
  return useQuery({ queryKey: spotCheckKeys.redraw(id), queryFn: () => api<SpotCheckRedraw>(`/spot-checks/${id}/redraw`), enabled: false, gcTime: 0 });
}

export function useDrawSpotCheck(programId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SpotCheckDraw) => api<SpotCheckSample>(`/programs/${programId}/spot-checks`, { method: 'POST', body }),
    onSuccess: async (sample) => {
      qc.setQueryData(spotCheckKeys.sample(sample.id), sample);
      await qc.invalidateQueries({ queryKey: spotCheckKeys.list(programId) });
    },
  });
}

/** A finding is a record of the sample's kind: the records and the figures computed from them change too. */
export function useRecordFinding(programId: number, sampleId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, ...body }: SpotCheckFinding & { itemId: string }) =>
      api<SpotCheckSample>(`/spot-checks/${sampleId}/items/${itemId}/finding`, { method: 'POST', body }),
    onSuccess: async (sample) => {
      qc.setQueryData(spotCheckKeys.sample(sampleId), sample);
      await Promise.all([
        qc.invalidateQueries({ queryKey: spotCheckKeys.list(programId) }),
        qc.invalidateQueries({ queryKey: programKeys.records(programId) }),
      ]);
    },
  });
}
