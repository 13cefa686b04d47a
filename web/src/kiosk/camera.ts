// The camera, and JPEG captures from it: the face crop with a margin around the face, or the whole frame as
// the evidence photo of a PIN or QR punch.

export async function openCamera(video: HTMLVideoElement): Promise<MediaStream> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: false,
  });
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  await video.play();
  return stream;
}

export const cameraResolution = (video: HTMLVideoElement) => `${video.videoWidth}x${video.videoHeight}`;

function toJpegBase64(canvas: HTMLCanvasElement, quality: number): Promise<string> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => {
        if (!blob) return reject(new Error('capture failed'));
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
      },
      'image/jpeg',
      quality,
    );
  });
}

/** The face box grown by `margin` of its size on every side, clipped to the frame, at most 480 px wide. */
export function captureFace(
  video: HTMLVideoElement,
  box: readonly [number, number, number, number],
  margin = 0.6,
): Promise<string> {
  const [x, y, w, h] = box;
  const x0 = Math.max(0, x - w * margin);
  const y0 = Math.max(0, y - h * margin);
  const x1 = Math.min(video.videoWidth, x + w * (1 + margin));
  const y1 = Math.min(video.videoHeight, y + h * (1 + margin));
  const scale = Math.min(1, 480 / (x1 - x0));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round((x1 - x0) * scale);
  canvas.height = Math.round((y1 - y0) * scale);
  canvas.getContext('2d')!.drawImage(video, x0, y0, x1 - x0, y1 - y0, 0, 0, canvas.width, canvas.height);
  return toJpegBase64(canvas, 0.92);
}

export function captureFrame(video: HTMLVideoElement, maxWidth = 640): Promise<string> {
  const scale = Math.min(1, maxWidth / video.videoWidth);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
  return toJpegBase64(canvas, 0.85);
}
