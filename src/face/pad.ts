// Framing an image with a border, for detectors that miss faces filling the whole frame.

import type { RgbImage } from './decode.js';

/** The image centred on a canvas `border` pixels wider on every side, the border filled by edge replication. */
export function padImage(image: RgbImage, border: number): RgbImage {
  const width = image.width + 2 * border;
  const height = image.height + 2 * border;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(image.height - 1, Math.max(0, y - border));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(image.width - 1, Math.max(0, x - border));
      const from = (sy * image.width + sx) * 3;
      const to = (y * width + x) * 3;
      data[to] = image.data[from];
      data[to + 1] = image.data[from + 1];
      data[to + 2] = image.data[from + 2];
    }
  }
  return { width, height, data };
}
