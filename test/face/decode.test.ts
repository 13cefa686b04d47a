import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp, { type Sharp } from 'sharp';
import { decodeImage, defaultDecodeLimits } from '../../src/face/decode.js';
import { FaceImageError, type FaceImageErrorCode } from '../../src/face/errors.js';

/** A 40×20 image, red on the left half and blue on the right. */
async function halves(): Promise<Sharp> {
  const raw = Buffer.alloc(40 * 20 * 3);
  for (let y = 0; y < 20; y++) {
    for (let x = 0; x < 40; x++) raw.set(x < 20 ? [255, 0, 0] : [0, 0, 255], (y * 40 + x) * 3);
  }
  return sharp(raw, { raw: { width: 40, height: 20, channels: 3 } });
}

function rejectsWith(code: FaceImageErrorCode) {
  return (e: unknown) => e instanceof FaceImageError && e.code === code;
}

describe('image decoding', () => {
  it('decodes JPEG, PNG (with alpha) and WebP to RGB pixels', async () => {
    const encoded = [
      await (await halves()).jpeg({ quality: 95 }).toBuffer(),
      await (await halves()).ensureAlpha().png().toBuffer(),
      await (await halves()).webp({ lossless: true }).toBuffer(),
    ];
    for (const bytes of encoded) {
      const img = await decodeImage(bytes);
      assert.deepEqual([img.width, img.height, img.data.length], [40, 20, 40 * 20 * 3]);
      const left = img.data.subarray((10 * 40 + 5) * 3, (10 * 40 + 5) * 3 + 3);
      const right = img.data.subarray((10 * 40 + 35) * 3, (10 * 40 + 35) * 3 + 3);
      assert.ok(left[0] > 200 && left[2] < 60, `left is red: ${left}`);
      assert.ok(right[2] > 200 && right[0] < 60, `right is blue: ${right}`);
    }
  });

  it('turns grey images into three channels', async () => {
    const grey = await sharp({ create: { width: 30, height: 30, channels: 3, background: '#777' } })
      .greyscale()
      .png()
      .toBuffer();
    const img = await decodeImage(grey);
    assert.equal(img.data.length, 30 * 30 * 3);
  });

  it('honours the EXIF orientation', async () => {
    // Stored 20 wide and 40 high, with orientation 6 (turn a quarter clockwise to view).
    const sideways = await (await halves()).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const img = await decodeImage(sideways);
    assert.deepEqual([img.width, img.height], [40, 20]);
    assert.ok(img.data[(10 * 40 + 5) * 3] > 200, 'red is back on the left');
  });

  it('scales large images down to the longest side allowed', async () => {
    const big = await sharp({ create: { width: 4000, height: 1000, channels: 3, background: '#345' } })
      .jpeg()
      .toBuffer();
    const img = await decodeImage(big);
    assert.deepEqual([img.width, img.height], [defaultDecodeLimits.maxSide, defaultDecodeLimits.maxSide / 4]);
  });

  it('refuses files over the byte or pixel limit, other formats and garbage, each with its code', async () => {
    const png = await (await halves()).png().toBuffer();
    await assert.rejects(
      decodeImage(png, { ...defaultDecodeLimits, maxBytes: 100 }),
      rejectsWith('image_too_large'),
    );
    await assert.rejects(
      decodeImage(png, { ...defaultDecodeLimits, maxPixels: 799 }),
      rejectsWith('image_too_many_pixels'),
    );
    const gif = await (await halves()).gif().toBuffer();
    await assert.rejects(decodeImage(gif), rejectsWith('image_unsupported_format'));
    await assert.rejects(decodeImage(new Uint8Array([1, 2, 3, 4])), rejectsWith('image_unreadable'));
    await assert.rejects(decodeImage(new Uint8Array()), rejectsWith('image_empty'));
    const speck = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    await assert.rejects(decodeImage(speck), rejectsWith('image_too_small'));
  });

  it('says what the limit is', async () => {
    const png = await (await halves()).png().toBuffer();
    await assert.rejects(decodeImage(png, { ...defaultDecodeLimits, maxBytes: 100 }), /at most 100 bytes/);
  });
});
