// Image decoding for the face engine: JPEG, PNG or WebP bytes → upright sRGB RGB pixels.

import sharp, { type Metadata } from 'sharp';
import { FaceImageError } from './errors.js';

export interface DecodeLimits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Largest accepted image, in pixels (width × height) before any resizing. */
  maxPixels: number;
  /** Images whose longer side exceeds this are scaled down to it (faces stay far above chip size). */
  maxSide: number;
}

export const defaultDecodeLimits: DecodeLimits = {
  maxBytes: 15 * 1024 * 1024,
  maxPixels: 40_000_000,
  maxSide: 1920,
};

export interface RgbImage {
  width: number;
  height: number;
  /** Interleaved RGB, 3 bytes per pixel, row-major. */
  data: Uint8Array;
}

const acceptedFormats = new Set(['jpeg', 'png', 'webp']);

export async function decodeImage(
  bytes: Uint8Array,
  limits: DecodeLimits = defaultDecodeLimits,
): Promise<RgbImage> {
  if (bytes.byteLength === 0) throw new FaceImageError('image_empty', 'the image is empty');
  if (bytes.byteLength > limits.maxBytes) {
    throw new FaceImageError(
      'image_too_large',
      `the image is ${bytes.byteLength} bytes; at most ${limits.maxBytes} bytes are accepted`,
    );
  }
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new FaceImageError('image_unreadable', 'the file is not a readable image');
  }
  if (!metadata.format || !acceptedFormats.has(metadata.format)) {
    throw new FaceImageError(
      'image_unsupported_format',
      `images must be JPEG, PNG or WebP; this one is ${metadata.format ?? 'unknown'}`,
    );
  }
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (width * height > limits.maxPixels) {
    throw new FaceImageError(
      'image_too_many_pixels',
      `the image is ${width}×${height} pixels; at most ${limits.maxPixels} pixels are accepted`,
    );
  }
  if (width < 16 || height < 16) {
    throw new FaceImageError(
      'image_too_small',
      `the image is ${width}×${height} pixels; at least 16×16 is needed`,
    );
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: limits.maxPixels, pages: 1 })
      .rotate() // honours the EXIF orientation
      .resize({ width: limits.maxSide, height: limits.maxSide, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected channel count ${info.channels}`);
    return {
      width: info.width,
      height: info.height,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    };
  } catch {
    throw new FaceImageError('image_unreadable', 'the image could not be decoded');
  }
}
