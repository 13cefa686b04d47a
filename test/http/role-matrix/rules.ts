// The role-matrix vocabulary: who calls, and the rule for one route. Each area keeps its routes' rules in a file
// of this folder; role-matrix.test.ts merges them with its own table.
export type Who = 'none' | 'employee' | 'manager' | 'auditor' | 'hr' | 'admin' | 'device';
export const EVERYONE: Who[] = ['employee', 'manager', 'auditor', 'hr', 'admin'];
export const DEVICE: Who[] = ['device'];

export interface Rule {
  /** Who may call it; 'public' also lets a visitor without a session in. */
  allow: Who[] | 'public';
  body?: unknown;
  /** The call ends the caller's session: log in again afterwards. */
  endsSession?: boolean;
  multipart?: boolean;
  /** A server-sent event stream: the response is read up to its headers only. */
  stream?: boolean;
  /** A query string the route requires, e.g. '?month=2025-10'. */
  query?: string;
}

export type RouteTable = Record<string, Rule>;
