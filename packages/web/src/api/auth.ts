import type { Action, LoginAnswer, SessionInfo, TotpSetup } from '@tuanjian/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from './client';

export const sessionKey = ['auth', 'session'] as const;

// Why the last session ended (e.g. "登录已过期，请重新登录"), shown on the login page until the next sign-in.
let sessionNotice: string | null = null;
export const setSessionNotice = (notice: string | null) => {
  sessionNotice = notice;
};
export const getSessionNotice = () => sessionNotice;

/** The signed-in user, or null when there is no session. Keeps the CSRF token for the client. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<SessionInfo | null> => {
      try {
        const info = await api<SessionInfo>('/auth/session', { skipUnauthorizedRedirect: true });
        setCsrfToken(info.csrfToken);
        return info;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** Whether the session may perform an action: the server decides the list, the UI only reads it. */
export function useCan(): (action: Action) => boolean {
  const { data } = useSession();
  return (action) => Boolean(data?.abilities.includes(action));
}

/** A session has begun: keep its CSRF token and forget everything cached for whoever used the tab before. */
function useStartSession() {
  const qc = useQueryClient();
  return (info: SessionInfo) => {
    setCsrfToken(info.csrfToken);
    setSessionNotice(null);
    qc.clear();
    qc.setQueryData(sessionKey, info);
  };
}

/** The password step: a session, or (with a second factor) a pending token for useLoginTotp. */
export function useLogin() {
  const start = useStartSession();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api<LoginAnswer>('/auth/login', { method: 'POST', body, skipUnauthorizedRedirect: true }),
    onSuccess: (answer) => {
      if (!('secondFactor' in answer)) start(answer);
    },
  });
}

export function useLoginTotp() {
  const start = useStartSession();
  return useMutation({
    mutationFn: (body: { pendingToken: string; code: string }) =>
      api<SessionInfo>('/auth/login/totp', { method: 'POST', body, skipUnauthorizedRedirect: true }),
    onSuccess: start,
  });
}

export function useTotpSetup() {
  return useMutation({ mutationFn: () => api<TotpSetup>('/auth/totp/setup', { method: 'POST', body: {} }) });
}

/** Confirming enrolment unlocks the session's abilities: the session is replaced with the new answer. */
export function useTotpConfirm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<SessionInfo>('/auth/totp/confirm', { method: 'POST', body: { code } }),
    onSuccess: (info) => qc.setQueryData(sessionKey, info),
  });
}

function useEndSession(path: '/auth/logout' | '/auth/logout-all' | '/auth/password') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body?: unknown) => api<{ ok: true }>(path, { method: 'POST', body: body ?? {} }),
    onSuccess: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(sessionKey, null);
    },
  });
}

export const useLogout = () => useEndSession('/auth/logout');
export const useLogoutAll = () => useEndSession('/auth/logout-all');
/** Changing the password ends the session on the server; the user signs in again with the new one. */
export const useChangePassword = () => useEndSession('/auth/password');
