// Every column that holds sealed values, with the purpose each row's value is bound to. Key rotation walks this
// list; a new sealed column must be added here, or rotating the key would leave it under the old key.
export interface SealedColumn {
  table: string;
  column: string;
  purpose: (id: number) => string;
  /**
   * A column that is 1 where the value is sealed, for a table that may still hold values stored before they were
   * sealed (those are left alone here; they are sealed at server start).
   */
  sealedFlag?: string;
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'face_templates', column: 'template', purpose: (id) => `face_template:${id}` },
  { table: 'face_templates', column: 'photo', purpose: (id) => `face_photo:${id}` },
  { table: 'punches', column: 'evidence', purpose: (id) => `punch_evidence:${id}` },
  { table: 'punch_attempts', column: 'evidence', purpose: (id) => `attempt_evidence:${id}` },
  { table: 'biometric_consents', column: 'document', purpose: (id) => `consent_document:${id}` },
  { table: 'notify_channels', column: 'secret', purpose: (id) => `webhook_secret:${id}` },
  {
    table: 'request_attachments',
    column: 'data',
    purpose: (id) => `request_attachments:${id}`,
    sealedFlag: 'sealed',
  },
  {
    table: 'appeal_attachments',
    column: 'data',
    purpose: (id) => `appeal_attachments:${id}`,
    sealedFlag: 'sealed',
  },
];
