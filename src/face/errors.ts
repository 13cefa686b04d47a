// Errors of the face engine that a caller can act on, each with a stable code.

export type FaceImageErrorCode =
  | 'image_empty'
  | 'image_too_large'
  | 'image_too_many_pixels'
  | 'image_too_small'
  | 'image_unsupported_format'
  | 'image_unreadable';

export class FaceImageError extends Error {
  readonly code: FaceImageErrorCode;

  constructor(code: FaceImageErrorCode, message: string) {
    super(message);
    this.name = 'FaceImageError';
    this.code = code;
  }
}
