import type * as C from '@tuanjian/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

type Infer<S> = S extends { _output: infer O } ? O : never;
export type DashboardView = Infer<typeof C.DashboardView>;
export type MissedItem = Infer<typeof C.MissedList>['items'][number];

export function useDashboard(programId: number, under?: number) {
  return useQuery({
    queryKey: ['programs', programId, 'dashboard', under ?? null],
    queryFn: () => api<DashboardView>(`/programs/${programId}/dashboard`, { query: { under } }),
  });
}

export function useMissed(programId: number, q: { under?: number; group?: number; month?: string } | null) {
  return useQuery({
    queryKey: ['programs', programId, 'dashboard', 'missed', q],
    queryFn: () => api<{ items: MissedItem[] }>(`/programs/${programId}/dashboard/missed`, { query: q ?? {} }),
    enabled: q !== null,
  });
}
