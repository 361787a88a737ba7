import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { User, UserCreate, UserPage, UserUpdate } from './types';

export type UserSearch = { q?: string; page: number; pageSize: number };

export const userKeys = {
  all: ['users'] as const,
  list: (s: UserSearch) => ['users', 'list', s] as const,
};

export function useUsers(search: UserSearch, enabled = true) {
  return useQuery({
    queryKey: userKeys.list(search),
    queryFn: ({ signal }) => api<UserPage>('/users', { query: search, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => api<User>('/users', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Role, org, disabling and password reset all go through PATCH with the version the user last saw. */
export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UserUpdate & { id: number }) => api<User>(`/users/${id}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}
