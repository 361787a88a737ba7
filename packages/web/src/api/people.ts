import type * as C from '@tuanjian/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

type Infer<S> = S extends { _output: infer O } ? O : never;

export type PeopleOfOrg = Infer<typeof C.PeopleOfOrg>;
export type Department = Infer<typeof C.Department>;
export type Cadre = Infer<typeof C.Cadre>;

export const peopleKeys = { ofOrg: (orgId: number) => ['people', 'org', orgId] as const };

/** The departments and cadres of one committee (GET /api/orgs/:id/people). */
export function usePeopleOfOrg(orgId: number | undefined) {
  return useQuery({
    queryKey: peopleKeys.ofOrg(orgId ?? 0),
    queryFn: () => api<PeopleOfOrg>(`/orgs/${orgId}/people`),
    enabled: orgId !== undefined,
    staleTime: 60_000,
  });
}
