// Types and calls of the operations pages: system status, maintenance mode and log.
import { api } from '../../api/client';
import type { Paged } from '../../api/types';

export type Level = 'ok' | 'warning' | 'error';

export interface SystemStatus {
  checkedAt: string;
  level: Level;
  warnings: { code: string; level: Level; params: Record<string, string | number> }[];
  database: { ok: boolean; dialect: string; latencyMs: number; error: string | null };
  faceEngine: {
    loaded: boolean;
    backend: string | null;
    model: string;
    modelVersion: string;
    templates: number;
    indexed: number;
    stale: number;
    unreadable: number;
  };
  jobs: {
    job: string;
    status: 'running' | 'ok' | 'failed';
    slot: string;
    startedAt: string;
    finishedAt: string | null;
  }[];
  backup: {
    dir: string;
    count: number;
    last: { file: string; createdAt: string; bytes: number; ageHours: number } | null;
  };
  devices: {
    online: number;
    offline: number;
    pending: number;
    items: { id: number; name: string; state: string; lastSeenAt: string | null }[];
  };
  keys: { current: string; inFile: number };
  maintenance: MaintenanceNotice | null;
}

export interface MaintenanceNotice {
  id: number;
  title: string;
  message: string | null;
  startedAt: string;
  plannedEnd: string | null;
}

export type EntryKind = 'maintenance' | 'incident' | 'drill';

export interface MaintenanceEntry {
  id: number;
  kind: EntryKind;
  title: string;
  message: string | null;
  mode: boolean;
  startedAt: string;
  plannedEnd: string | null;
  endedAt: string | null;
  whatHappened: string;
  actions: string;
  createdByName: string;
  updatedAt: string;
}

export interface EntryBody {
  kind?: EntryKind;
  title?: string;
  startedAt?: string;
  endedAt?: string | null;
  whatHappened?: string;
  actions?: string;
}

export const operationsApi = {
  status: () => api.get<SystemStatus>('/api/operations/status'),
  notice: () => api.get<{ maintenance: MaintenanceNotice | null }>('/api/maintenance'),
  start: (body: { title: string; message?: string; plannedEnd?: string | null }) =>
    api.post<MaintenanceEntry>('/api/operations/maintenance/start', body),
  end: (body: { whatHappened?: string; actions?: string }) =>
    api.post<MaintenanceEntry>('/api/operations/maintenance/end', body),
  log: (query: { kind?: EntryKind; limit: number; offset: number }) =>
    api.get<Paged<MaintenanceEntry>>('/api/operations/maintenance-log', query),
  create: (body: EntryBody) => api.post<MaintenanceEntry>('/api/operations/maintenance-log', body),
  update: (id: number, body: EntryBody) =>
    api.put<MaintenanceEntry>(`/api/operations/maintenance-log/${id}`, body),
};
