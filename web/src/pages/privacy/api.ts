// Types and calls of the privacy centre: consent notices and records, retention, purge, legal holds, requests.
import { api } from '../../api/client';
import type { Paged } from '../../api/types';

export const NOTICE_FIELDS = [
  'title',
  'purpose',
  'data',
  'storage',
  'retention',
  'access',
  'rights',
] as const;
export type NoticeField = (typeof NOTICE_FIELDS)[number];
export type NoticeText = Record<NoticeField, string>;
export type NoticeContent = { 'zh-CN': NoticeText; en: NoticeText };

export interface Notice {
  id: number;
  version: string;
  status: 'draft' | 'published';
  content: NoticeContent;
  createdAt: string;
  createdByName: string;
  updatedAt: string;
  publishedAt: string | null;
  publishedByName: string | null;
}

export type RecordState = 'current' | 'needs_renewal' | 'none' | 'withdrawn' | 'superseded';

export interface ConsentRecord {
  consentId: number;
  employeeId: number;
  employeeNo: string;
  employeeName: string;
  departmentName: string | null;
  noticeVersion: string;
  method: 'hr_paper' | 'self_service';
  acceptedAt: string;
  withdrawnAt: string | null;
  supersededAt: string | null;
  hasDocument: boolean;
  state: RecordState;
}

export interface ConsentRecords extends Paged<ConsentRecord> {
  currentVersion: string | null;
  summary: { current: number; needs_renewal: number; withdrawn: number; superseded: number; without: number };
}

export interface Consent {
  id: number;
  noticeVersion: string;
  method: 'hr_paper' | 'self_service';
  acceptedAt: string;
  withdrawnAt: string | null;
  supersededAt: string | null;
  active: boolean;
}

export interface MyConsent {
  notice: Notice | null;
  active: Consent | null;
  standing: 'current' | 'needs_renewal' | 'none';
  history: Consent[];
  alternatives: { qr: boolean; pin: boolean };
  templates: number;
}

export interface Retention {
  evidenceDays: number;
  keepEnrollmentPhotos: boolean;
  templateDaysAfterTermination: number;
  recordYears: number;
}

export const PURGE_KINDS = [
  'evidenceCrops',
  'enrollmentPhotos',
  'templates',
  'punches',
  'punchAttempts',
  'dayResults',
] as const;
export type PurgeCounts = Record<(typeof PURGE_KINDS)[number], number>;

export interface PurgeReport {
  id: number;
  startedAt: string;
  finishedAt: string;
  trigger: 'schedule' | 'manual';
  actorName: string;
  counts: PurgeCounts;
  heldEmployees: number;
}

export interface LegalHold {
  id: number;
  employeeId: number;
  employeeNo: string;
  employeeName: string;
  reason: string;
  createdAt: string;
  createdBy: string;
  releasedAt: string | null;
  releasedBy: string | null;
  active: boolean;
}

export interface PrivacyRequest {
  id: number;
  employeeId: number;
  kind: 'correction' | 'deletion';
  details: string;
  status: 'pending' | 'completed' | 'rejected';
  createdAt: string;
  createdBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
  resolution: string | null;
  actions: { templatesDeleted: number; evidenceCropsCleared: number } | null;
  employeeNo?: string;
  employeeName?: string;
}

export const privacyApi = {
  notices: () => api.get<Notice[]>('/api/consent/notices'),
  template: () => api.get<NoticeContent>('/api/consent/notices/template'),
  createNotice: (version: string, content: NoticeContent) =>
    api.post<Notice>('/api/consent/notices', { version, content }),
  updateNotice: (id: number, content: NoticeContent) =>
    api.put<Notice>(`/api/consent/notices/${id}`, { content }),
  deleteNotice: (id: number) => api.delete<{ ok: true }>(`/api/consent/notices/${id}`),
  publishNotice: (id: number) => api.post<Notice>(`/api/consent/notices/${id}/publish`),
  records: (query: { state?: RecordState; limit: number; offset: number }) =>
    api.get<ConsentRecords>('/api/consent/records', query),
  myConsent: () => api.get<MyConsent>('/api/me/consent'),
  acceptMyConsent: (noticeVersion: string) => api.post<MyConsent>('/api/me/consent', { noticeVersion }),
  withdrawMyConsent: () => api.post<MyConsent & { templatesDeleted: number }>('/api/me/consent/withdraw'),
  retention: () => api.get<Retention>('/api/privacy/retention'),
  updateRetention: (body: Partial<Retention>) => api.put<Retention>('/api/privacy/retention', body),
  preview: () => api.get<{ counts: PurgeCounts; heldEmployees: number }>('/api/privacy/purge/preview'),
  purge: () => api.post<PurgeReport>('/api/privacy/purge'),
  reports: (query: { limit: number; offset: number }) =>
    api.get<Paged<PurgeReport>>('/api/privacy/purge-reports', query),
  holds: (includeReleased: boolean) => api.get<LegalHold[]>('/api/privacy/legal-holds', { includeReleased }),
  placeHold: (employeeId: number, reason: string) =>
    api.post<LegalHold>('/api/privacy/legal-holds', { employeeId, reason }),
  releaseHold: (id: number) => api.delete<LegalHold>(`/api/privacy/legal-holds/${id}`),
  requests: (status?: PrivacyRequest['status']) =>
    api.get<PrivacyRequest[]>('/api/privacy/requests', { status }),
  decide: (
    id: number,
    body: { decision: 'completed' | 'rejected'; resolution: string; deleteFaceData?: boolean },
  ) => api.post<PrivacyRequest>(`/api/privacy/requests/${id}/decide`, body),
};
