// A small fetch wrapper for /api: same-origin cookies, the CSRF token on writes, the UI language for server
// messages, and JSON errors thrown as ApiError.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ClientState {
  csrfToken: string;
  locale: () => string;
  /** Called when a request made with a session answers 401 (the session ended). */
  onUnauthorized: () => void;
  /** The message shown when the server cannot be reached. */
  networkMessage: () => string;
}

const state: ClientState = {
  csrfToken: '',
  locale: () => 'en',
  onUnauthorized: () => {},
  networkMessage: () => 'The server cannot be reached.',
};

export function configureClient(options: Partial<ClientState>) {
  Object.assign(state, options);
}

export function setCsrfToken(token: string) {
  state.csrfToken = token;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${url}?${text}` : url;
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-locale': state.locale() };
  if (method !== 'GET' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', state.networkMessage());
  }
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  const data: unknown = isJson ? await res.json() : undefined;
  if (!res.ok) {
    const err = (data ?? {}) as { code?: string; message?: string; details?: unknown };
    if (res.status === 401 && err.code === 'unauthenticated') state.onUnauthorized();
    throw new ApiError(res.status, err.code ?? 'http_error', err.message ?? res.statusText, err.details);
  }
  return data as T;
}

export const api = {
  get: <T>(url: string, query?: Query) => request<T>('GET', withQuery(url, query)),
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, body),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
  /** Sends one file as multipart/form-data in the field "file". */
  upload: <T>(url: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<T>('POST', url, form);
  },
};
