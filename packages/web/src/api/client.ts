import type { ErrorBody } from '@tuanjian/contracts';

export type FieldError = { path: string; message: string };

/** What the API answers on failure: a code for programs, a Chinese message for people, and per-field details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly fields: FieldError[];

  constructor(status: number, body: Partial<ErrorBody>) {
    super(body.message ?? `请求失败（${status}）`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? 'http_error';
    this.requestId = body.requestId;
    this.fields = body.fields ?? [];
  }
}

// The CSRF token of the current session. Set by the session query (api/auth.ts) and sent on every write.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// One place decides what a 401 means for the app (redirect to /login); main.tsx registers it.
let onUnauthorized: ((message: string) => void) | null = null;
export function setUnauthorizedHandler(handler: (message: string) => void): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `/api/…?a=1` leaving out empty values, so optional filters can be passed as they are. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** Multipart uploads: the browser sets the content type with its boundary. */
  form?: FormData;
  /** Login answers 401 for a wrong password; that must not bounce the login page to itself. */
  skipUnauthorizedRedirect?: boolean;
  signal?: AbortSignal;
  /** Extra request headers, e.g. the Idempotency-Key of a record sent from a phone. */
  headers?: Record<string, string>;
};

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'network', message: '无法连接服务器，请检查网络后重试' });
  }

  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    const error = new ApiError(res.status, json && typeof json === 'object' ? (json as Partial<ErrorBody>) : {});
    if (res.status === 401 && !options.skipUnauthorizedRedirect) {
      setCsrfToken(null);
      onUnauthorized?.(error.message);
    }
    throw error;
  }
  return json as T;
}
