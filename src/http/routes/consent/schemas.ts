// Schemas of the consent routes: a consent record, the notice and its text.
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../schemas.js';

export const Consent = Type.Object({
  id: Type.Integer(),
  employeeId: Type.Integer(),
  noticeVersion: Type.String(),
  method: Type.Union([Type.Literal('hr_paper'), Type.Literal('self_service')]),
  acceptedAt: Type.String(),
  recordedByUserId: Nullable(Type.Integer()),
  hasDocument: Type.Boolean(),
  withdrawnAt: Nullable(Type.String()),
  withdrawnByUserId: Nullable(Type.Integer()),
  supersededAt: Nullable(Type.String()),
  active: Type.Boolean(),
});

const Section = Type.String({ minLength: 1, maxLength: 8000 });
export const NoticeText = Type.Object({
  title: Section,
  purpose: Section,
  data: Section,
  storage: Section,
  retention: Section,
  access: Section,
  rights: Section,
});
export const NoticeContent = Type.Object({ 'zh-CN': NoticeText, en: NoticeText });

export const Notice = Type.Object({
  id: Type.Integer(),
  version: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  content: NoticeContent,
  createdAt: Type.String(),
  createdByName: Type.String(),
  updatedAt: Type.String(),
  publishedAt: Nullable(Type.String()),
  publishedByName: Nullable(Type.String()),
});

export const Standing = Type.Union([
  Type.Literal('current'),
  Type.Literal('needs_renewal'),
  Type.Literal('none'),
]);

export const MyConsent = Type.Object({
  notice: Nullable(Notice),
  active: Nullable(Consent),
  standing: Standing,
  history: Type.Array(Consent),
  alternatives: Type.Object({ qr: Type.Boolean(), pin: Type.Boolean() }),
  templates: Type.Integer(),
});

export const RecordState = Type.Union([
  Type.Literal('current'),
  Type.Literal('needs_renewal'),
  Type.Literal('none'),
  Type.Literal('withdrawn'),
  Type.Literal('superseded'),
]);

export const ConsentRecord = Type.Object({
  consentId: Type.Integer(),
  employeeId: Type.Integer(),
  employeeNo: Type.String(),
  employeeName: Type.String(),
  departmentName: Nullable(Type.String()),
  noticeVersion: Type.String(),
  method: Type.Union([Type.Literal('hr_paper'), Type.Literal('self_service')]),
  acceptedAt: Type.String(),
  withdrawnAt: Nullable(Type.String()),
  supersededAt: Nullable(Type.String()),
  hasDocument: Type.Boolean(),
  state: RecordState,
});
