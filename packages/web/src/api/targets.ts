import type * as C from '@tuanjian/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from './client';

type Infer<S> = S extends { _output: infer O } ? O : never;

export type TargetList = Infer<typeof C.TargetList>;
export type TargetSummary = TargetList['items'][number];
export type TargetSplitView = Infer<typeof C.TargetSplitView>;
export type TargetPart = TargetSplitView['parts'][number];
export type TargetSplitCreate = Infer<typeof C.TargetSplitCreate>;
export type Subordinate = Infer<typeof C.SubordinateList>['items'][number];
export type Burnup = Infer<typeof C.Burnup>;
export type Projection = Infer<typeof C.Projection>;
export type TaskList = Infer<typeof C.TaskList>;
export type TaskView = TaskList['items'][number];
export type TaskDetail = Infer<typeof C.TaskDetail>;
export type TaskProgressUpdate = Infer<typeof C.TaskProgressUpdate>;
export type TaskQuery = Partial<Infer<typeof C.TaskQuery>>;
export type BulletinList = Infer<typeof C.BulletinList>;
export type BulletinSummary = BulletinList['items'][number];
export type Bulletin = Infer<typeof C.Bulletin>;
export type BulletinCreate = Infer<typeof C.BulletinCreate>;

export const targetKeys = {
  list: (programId: number) => ['targets', 'list', programId] as const,
  parts: (programId: number, target: string, orgId?: number) => ['targets', 'parts', programId, target, orgId ?? null] as const,
  subordinates: (programId: number, target: string, orgId: number | undefined, among: string) => ['targets', 'subordinates', programId, target, orgId ?? null, among] as const,
  burnup: (programId: number, target: string, orgId?: number) => ['targets', 'burnup', programId, target, orgId ?? null] as const,
  tasks: (programId: number, q: TaskQuery) => ['tasks', 'list', programId, q] as const,
  task: (id: number) => ['tasks', 'detail', id] as const,
  bulletins: (programId: number) => ['bulletins', 'list', programId] as const,
  bulletin: (id: number) => ['bulletins', 'detail', id] as const,
};

export const useTargets = (programId: number) =>
  useQuery({ queryKey: targetKeys.list(programId), queryFn: () => api<TargetList>(`/programs/${programId}/targets`) });

export const useTargetParts = (programId: number, target: string | undefined, orgId?: number) =>
  useQuery({
    queryKey: targetKeys.parts(programId, target ?? '', orgId),
    queryFn: () => api<TargetSplitView>(`/programs/${programId}/targets/parts`, { query: { target, orgId } }),
    enabled: Boolean(target),
    placeholderData: keepPreviousData,
  });

export const useSubordinates = (programId: number, target: string, orgId: number | undefined, among: 'subjects' | 'children', enabled: boolean) =>
  useQuery({
    queryKey: targetKeys.subordinates(programId, target, orgId, among),
    queryFn: () => api<{ items: Subordinate[] }>(`/programs/${programId}/targets/subordinates`, { query: { target, orgId, among } }),
    enabled,
  });

export const useBurnup = (programId: number, target: string | undefined, orgId?: number) =>
  useQuery({
    queryKey: targetKeys.burnup(programId, target ?? '', orgId),
    queryFn: () => api<Burnup>(`/programs/${programId}/targets/burnup`, { query: { target, orgId } }),
    enabled: Boolean(target),
  });

/** A split, or its preview (dryRun): a saved one refreshes every figure of the program's targets. */
export function useSplitTarget(programId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TargetSplitCreate) => api<TargetSplitView>(`/programs/${programId}/targets/split`, { method: 'POST', body }),
    onSuccess: async (view) => {
      if (view.dryRun) return;
      await qc.invalidateQueries({ queryKey: ['targets'] });
    },
  });
}

export function useTakeSnapshot(programId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (date?: string) => api<{ date: string; rows: number }>(`/programs/${programId}/targets/snapshots`, { method: 'POST', body: date ? { date } : {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['targets'] }),
  });
}

export const useTasks = (programId: number, q: TaskQuery) =>
  useQuery({ queryKey: targetKeys.tasks(programId, q), queryFn: () => api<TaskList>(`/programs/${programId}/tasks`, { query: q }), placeholderData: keepPreviousData });

export const useTask = (id: number | undefined) =>
  useQuery({ queryKey: targetKeys.task(id ?? 0), queryFn: () => api<TaskDetail>(`/tasks/${id}`), enabled: id !== undefined });

export function useUpdateTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TaskProgressUpdate & { id: number }) => api<TaskDetail>(`/tasks/${id}/progress`, { method: 'POST', body }),
    onSuccess: async (task) => {
      qc.setQueryData(targetKeys.task(task.id), task);
      await qc.invalidateQueries({ queryKey: ['tasks', 'list'] });
    },
  });
}

export const useBulletins = (programId: number) =>
  useQuery({ queryKey: targetKeys.bulletins(programId), queryFn: () => api<BulletinList>(`/programs/${programId}/bulletins`) });

export const useBulletin = (id: number | undefined) =>
  useQuery({ queryKey: targetKeys.bulletin(id ?? 0), queryFn: () => api<Bulletin>(`/bulletins/${id}`), enabled: id !== undefined });

export function useGenerateBulletin(programId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BulletinCreate) => api<Bulletin>(`/programs/${programId}/bulletins`, { method: 'POST', body }),
    onSuccess: async (b) => {
      qc.setQueryData(targetKeys.bulletin(b.id), b);
      await qc.invalidateQueries({ queryKey: targetKeys.bulletins(programId) });
    },
  });
}

export const bulletinDocxUrl = (id: number) => apiUrl(`/bulletins/${id}/docx`);
