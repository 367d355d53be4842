import type { DuplicateCandidate } from '@steward/contracts';

const BASE = '/api/v1';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const NO_CSRF_PATHS = new Set(['/auth/login', '/auth/signup']);

export type ErrorDetail = { path: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  readonly candidates: DuplicateCandidate[] | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    candidates?: DuplicateCandidate[],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.candidates = candidates;
  }
}

let csrfToken: string | null = null;

export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

const redirectToLogin = () => {
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname === '/login') return;
  window.location.assign(`/login?next=${encodeURIComponent(here)}`);
};

export type Query = Record<string, string | number | boolean | null | undefined | string[]>;

export const toQueryString = (query?: Query): string => {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
};

type RequestOptions = {
  query?: Query;
  body?: unknown;
  /** When false, a 401 is thrown to the caller instead of sending the user to the sign-in page. */
  redirectOn401?: boolean;
};

const parseError = async (res: Response): Promise<ApiError> => {
  const body: unknown = await res.json().catch(() => null);
  const error =
    body && typeof body === 'object' && 'error' in body
      ? (body as { error: Record<string, unknown> }).error
      : null;
  if (!error)
    return new ApiError(res.status, res.status >= 500 ? 'server_error' : 'http_error', res.statusText);
  return new ApiError(
    res.status,
    typeof error.code === 'string' ? error.code : 'http_error',
    typeof error.message === 'string' ? error.message : res.statusText,
    Array.isArray(error.details) ? (error.details as ErrorDetail[]) : [],
    Array.isArray(error.candidates) ? (error.candidates as DuplicateCandidate[]) : undefined,
  );
};

/** Fetches the session's CSRF token if we do not hold one yet (e.g. after a page reload). */
export const ensureCsrf = async () => {
  if (csrfToken) return;
  const res = await fetch(`${BASE}/auth/csrf`, { credentials: 'same-origin' });
  if (res.ok) csrfToken = ((await res.json()) as { csrfToken: string }).csrfToken;
};

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (MUTATING.has(method) && !NO_CSRF_PATHS.has(path)) {
    await ensureCsrf();
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Network error');
  }
  if (!res.ok) {
    const err = await parseError(res);
    if (res.status === 401 && options.redirectOn401 !== false) {
      csrfToken = null;
      redirectToLogin();
    }
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('POST', path, { ...opts, body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T = void>(path: string) => request<T>('DELETE', path),
};

export type Page<T> = { data: T[]; nextCursor: string | null };
