// Reason codes (quality gate, image errors, duplicates, bulk lines) in the UI language.
import type { TFunction } from 'i18next';

const KNOWN = new Set([
  'no_face',
  'multiple_faces',
  'face_too_small',
  'too_blurred',
  'too_dark',
  'too_bright',
  'pose_too_far',
  'eyes_closed',
  'suspected_spoof',
  'image_empty',
  'image_too_large',
  'image_too_many_pixels',
  'image_too_small',
  'image_unsupported_format',
  'image_unreadable',
  'duplicate_identity',
  'duplicate_identity_hidden',
  'unknown_employee_no',
  'consent_required',
  'employee_terminated',
  'not_an_image_file',
  'below_threshold',
  'ambiguous',
  'no_templates',
]);

/** snake_case API codes → the camelCase keys of the translation files. */
export const camelKey = (code: string) => code.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function reasonText(t: TFunction, code: string, params: Record<string, string | number> = {}): string {
  if (!KNOWN.has(code)) return code;
  return t(`faces.reasons.${camelKey(code)}` as 'faces.reasons.noFace', params);
}
