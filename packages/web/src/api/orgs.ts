import type { Job, Org, OrgCreate, OrgDetail, OrgKind, OrgUpdate } from '@tuanjian/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, apiUrl } from './client';
import type { ImportMapping, OrgDissolve, OrgEvent, OrgFound, OrgMerge, OrgMove, OrgPage } from './types';

/** The server's page size limit; the tree loads children in pages of this size. */
export const CHILDREN_PAGE_SIZE = 500;

export type OrgSearch = { q?: string; under?: number; kind?: OrgKind; status?: Org['status']; page?: number; pageSize?: number };

export const orgKeys = {
  all: ['orgs'] as const,
  roots: () => ['orgs', 'roots'] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
  events: (id: number) => ['orgs', 'events', id] as const,
  childrenAll: () => ['orgs', 'children'] as const,
  children: (id: number, page: number) => ['orgs', 'children', id, page] as const,
  search: (s: OrgSearch) => ['orgs', 'search', s] as const,
};

export function useOrgRoots() {
  return useQuery({ queryKey: orgKeys.roots(), queryFn: () => api<{ items: Org[] }>('/orgs/roots') });
}

export function useOrg(id: number | undefined) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? 0),
    queryFn: () => api<OrgDetail>(`/orgs/${id}`),
    enabled: id !== undefined,
  });
}

export function useOrgEvents(id: number | undefined) {
  return useQuery({
    queryKey: orgKeys.events(id ?? 0),
    queryFn: () => api<{ items: OrgEvent[] }>(`/orgs/${id}/events`),
    enabled: id !== undefined,
  });
}

/**
 * One page of an org's children, through the query cache so that invalidation refreshes the tree.
 * The tree reads these pages outside of any observer, so they must not be garbage-collected.
 */
export function fetchChildrenPage(qc: QueryClient, id: number, page: number) {
  return qc.fetchQuery({
    queryKey: orgKeys.children(id, page),
    queryFn: () => api<OrgPage>(`/orgs/${id}/children`, { query: { page, pageSize: CHILDREN_PAGE_SIZE } }),
    gcTime: Infinity,
    staleTime: 30_000,
  });
}

export function useOrgSearch(search: OrgSearch, enabled = true) {
  return useQuery({
    queryKey: orgKeys.search(search),
    queryFn: ({ signal }) => api<OrgPage>('/orgs', { query: search, signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function exportUrl(params: { under?: number; q?: string }): string {
  return apiUrl('/orgs/export', params);
}

/** After any write: detail, events, search results and every loaded tree page are refreshed. */
export async function invalidateOrgs(qc: QueryClient) {
  await Promise.all([
    qc.invalidateQueries({ queryKey: orgKeys.all }),
    // tree pages have no observers; 'all' refetches them anyway so the tree shows the change
    qc.invalidateQueries({ queryKey: orgKeys.childrenAll(), refetchType: 'all' }),
  ]);
}

function useOrgWrite<V>(fn: (vars: V) => Promise<OrgDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (detail) => {
      qc.setQueryData(orgKeys.detail(detail.id), detail);
      await invalidateOrgs(qc);
    },
  });
}

export const useCreateOrg = () => useOrgWrite((body: OrgCreate) => api<OrgDetail>('/orgs', { method: 'POST', body }));
export const useUpdateOrg = (id: number) =>
  useOrgWrite((body: OrgUpdate) => api<OrgDetail>(`/orgs/${id}`, { method: 'PATCH', body }));
export const useMoveOrg = (id: number) =>
  useOrgWrite((body: OrgMove) => api<OrgDetail>(`/orgs/${id}/move`, { method: 'POST', body }));
export const useDissolveOrg = (id: number) =>
  useOrgWrite((body: OrgDissolve) => api<OrgDetail>(`/orgs/${id}/dissolve`, { method: 'POST', body }));
export const useMergeOrg = (id: number) =>
  useOrgWrite((body: OrgMerge) => api<OrgDetail>(`/orgs/${id}/merge`, { method: 'POST', body }));
export const useFoundOrg = (id: number) =>
  useOrgWrite((body: OrgFound) => api<OrgDetail>(`/orgs/${id}/found`, { method: 'POST', body }));

export function useStartImport() {
  return useMutation({
    mutationFn: ({ file, mapping, dryRun }: { file: File; mapping: ImportMapping; dryRun: boolean }) => {
      const form = new FormData();
      form.append('mapping', JSON.stringify(mapping));
      form.append('dryRun', dryRun ? 'true' : 'false');
      form.append('file', file); // the server reads fields that come before the file part only
      return api<{ jobId: string }>('/orgs/import', { method: 'POST', form });
    },
  });
}

/** Polls a background job every 500 ms until it is done or failed. */
export function useJob(jobId: string | undefined) {
  return useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => api<Job>(`/jobs/${jobId}`),
    enabled: jobId !== undefined,
    refetchInterval: (q) => (q.state.data && q.state.data.state !== 'running' ? false : 500),
  });
}
