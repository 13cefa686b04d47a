// The face and consent API as the console uses it (src/http/routes/faces, src/http/routes/consent).
import { api } from '../../api/client';

export interface QualitySummary {
  eyeDistancePx: number;
  sharpness: number;
  brightness: number;
  yawDeg: number;
  pitchDeg: number;
  rollDeg: number;
  eyeOpenness: number;
}

export interface FaceTemplate {
  id: number;
  createdAt: string;
  source: 'upload' | 'webcam' | 'bulk' | 'kiosk';
  quality: Partial<QualitySummary>;
  model: string;
  modelVersion: string;
  current: boolean;
  hasPhoto: boolean;
}

export interface FaceList {
  employeeId: number;
  count: number;
  staleCount: number;
  templates: FaceTemplate[];
}

export interface PhotoResult {
  index: number;
  filename: string | null;
  status: 'enrolled' | 'refused';
  faceId?: number;
  reason?: string;
  message?: string;
  qualityReasons?: string[];
}

export interface EnrollResult {
  enrolled: number;
  refused: number;
  templateCount: number;
  results: PhotoResult[];
}

export interface Consent {
  id: number;
  noticeVersion: string;
  method: 'hr_paper' | 'self_service';
  acceptedAt: string;
  hasDocument: boolean;
  withdrawnAt: string | null;
  active: boolean;
}

export interface ConsentState {
  active: Consent | null;
  history: Consent[];
}

export interface FaceStatus {
  model: { name: string; version: string; dimension: number };
  engine: { loaded: boolean; backend: string | null };
  calibration: { threshold: number; margin: number };
  qualityThresholds: Record<string, number>;
  templates: number;
  employees: number;
  employeesWithConsent: number;
  stale: { templates: number; employees: number };
  keepEnrollmentPhotos: boolean;
}

export interface Candidate {
  employeeId: number;
  employeeNo: string;
  name: string;
  score: number;
}

export interface IdentifyResult {
  decision: {
    outcome: 'match' | 'unknown' | 'refused';
    reason?: string;
    message?: string;
    employeeNo?: string;
    name?: string;
    score?: number;
  };
  candidates: Candidate[];
  threshold: number;
  margin: number;
  templates: number;
  quality: { ok: boolean; reasons: string[]; messages: string[]; faceCount: number };
}

export type BulkStatus = 'enrolled' | 'refused' | 'unknown_employee' | 'no_consent' | 'skipped';

export interface BulkItem {
  file: string;
  employeeNo: string | null;
  status: BulkStatus;
  reason?: string;
  params?: Record<string, string | number>;
}

export interface BulkReport {
  total: number;
  counts: Record<BulkStatus, number>;
  items: BulkItem[];
}

export interface Task<R = unknown> {
  id: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  total: number;
  percent: number | null;
  result: R | null;
  error: string | null;
}

export function photosForm(photos: { blob: Blob; name: string }[], source: 'upload' | 'webcam') {
  const form = new FormData();
  form.append('source', source);
  for (const p of photos) form.append('photo', p.blob, p.name);
  return form;
}

export const faceApi = {
  status: () => api.get<FaceStatus>('/api/faces/status'),
  list: (employeeId: number) => api.get<FaceList>(`/api/employees/${employeeId}/faces`),
  enroll: (employeeId: number, form: FormData) =>
    api.post<EnrollResult>(`/api/employees/${employeeId}/faces`, form),
  remove: (employeeId: number, faceId: number) => api.delete(`/api/employees/${employeeId}/faces/${faceId}`),
  removeAll: (employeeId: number) => api.delete<{ deleted: number }>(`/api/employees/${employeeId}/faces`),
  consent: (employeeId: number) => api.get<ConsentState>(`/api/employees/${employeeId}/consent`),
  recordConsent: (employeeId: number, form: FormData) =>
    api.post<Consent>(`/api/employees/${employeeId}/consent`, form),
  withdrawConsent: (employeeId: number) =>
    api.post<{ templatesDeleted: number }>(`/api/employees/${employeeId}/consent/withdraw`),
  identify: (photo: Blob, name: string) => {
    const form = new FormData();
    form.append('photo', photo, name);
    return api.post<IdentifyResult>('/api/faces/identify', form);
  },
  bulk: (zip: File) => api.upload<Task<BulkReport>>('/api/faces/bulk', zip),
  task: (id: number) => api.get<Task<BulkReport>>(`/api/tasks/${id}`),
  reenroll: () =>
    api.post<Task<{ reenrolled: number; refused: number; withoutPhoto: number }>>(
      '/api/faces/reenroll?wait=true',
    ),
};
