import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { AuditPage, AuditQuery, AuditVerifyResult } from './types';

export function useAuditLog(query: AuditQuery, enabled = true) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => api<AuditPage>('/audit', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Verifying walks the whole chain, so it runs on demand and not as a cached query. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api<AuditVerifyResult>('/audit/verify') });
}
