// Reading multipart uploads for the face routes: every file part into memory up to a size limit (an oversized
// photo is reported, not thrown, so the other photos of the request still count), the text fields beside them.
import type { FastifyRequest } from 'fastify';
import type { Permission } from '../../../core/access/roles.js';
import { invalid } from '../../../core/errors.js';
import { authorize } from '../../../services/authorize.js';

export interface UploadedFile {
  field: string;
  filename: string;
  bytes: Buffer;
  /** Cut at the size limit: the file was larger. */
  truncated: boolean;
}

export async function readUpload(
  request: FastifyRequest,
  limits: { fileSize: number; files: number },
): Promise<{ files: UploadedFile[]; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw invalid('send the upload as multipart/form-data');
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  // An oversized file is cut and flagged rather than failing the whole request.
  const options = {
    limits: { fileSize: limits.fileSize, files: limits.files, fields: 20 },
    throwFileSizeLimit: false,
  };
  for await (const part of request.parts(options as Parameters<FastifyRequest['parts']>[0])) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of part.file) chunks.push(chunk as Buffer);
    files.push({
      field: part.fieldname,
      filename: part.filename,
      bytes: Buffer.concat(chunks),
      truncated: part.file.truncated,
    });
  }
  return { files, fields };
}

/** Checks the caller's permission before an upload is read, so a refused caller's upload costs nothing. */
export const requirePermission = (permission: Permission) => async (request: FastifyRequest) => {
  authorize(request.actor, permission);
};
