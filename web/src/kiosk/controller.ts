// The kiosk's loop, outside React: camera frames → Human → the quality gate → (a challenge when needed) → the
// face crop to the server → a result card; the offline queue and its replay; heartbeats. The screen renders
// the `View` it publishes.
import type { FaceResult } from '@vladmandic/human';
import jsQR from 'jsqr';
import { version } from '../../../package.json';
import type { QualityThresholds } from '../../../src/core/face/quality-gate';
import { type Challenge, needsChallenge, pickChallenge } from '../../../src/core/kiosk/liveness';
import {
  type KioskConfig,
  KioskHttpError,
  kioskFetch,
  OfflineError,
  type PunchRequest,
  type PunchResponse,
  sendPunch,
} from './api';
import { cameraResolution, captureFace, captureFrame, openCamera } from './camera';
import { CHALLENGE_SECONDS, createChallenge } from './challenge';
import { type FaceEngine, loadHuman } from './human';
import { backoffMs, enqueuePunch, queuedCount, replayQueue } from './offline-queue';
import { judgeFaces } from './quality';

export type ResultCard =
  | { kind: 'punch'; response: PunchResponse }
  | { kind: 'queued' }
  | { kind: 'error'; message: string };

export type View =
  | { kind: 'loading'; step: 'config' | 'camera' | 'models' }
  | { kind: 'scanning'; hint: string | null }
  | { kind: 'challenge'; challenge: Challenge; deadline: number }
  | { kind: 'sending' }
  | { kind: 'result'; card: ResultCard }
  | { kind: 'pin' }
  | { kind: 'qr' }
  | { kind: 'unpaired'; code: string }
  | { kind: 'failed'; message: string };

export interface Status {
  online: boolean;
  queued: number;
  backend: string | null;
  config: KioskConfig | null;
}

const CONFIG_KEY = 'faceclock.kiosk.config';
export const RESULT_SECONDS = 3;
/** After a result the same face is not taken again until it has left, or this long has passed. */
const SAME_FACE_SECONDS = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newKey = () => crypto.randomUUID();
const isOffline = (e: unknown) => e instanceof OfflineError;

/** Timings the benchmark reads: first frame with a face → result card, per punch. */
interface KioskProbe {
  backend: string | null;
  faceToResultMs: number[];
  /** Passive scores of the last face judged. */
  lastScores: { antispoof: number | null; liveness: number | null } | null;
}
declare global {
  interface Window {
    __kiosk?: KioskProbe;
  }
}

export class KioskController {
  view: View = { kind: 'loading', step: 'config' };
  status: Status = { online: true, queued: 0, backend: null, config: null };
  private engine: FaceEngine | null = null;
  private running = false;
  private resultTimer: ReturnType<typeof setTimeout> | undefined;
  private firstFaceAt: number | null = null;
  private cooldownUntil = 0;
  private lastFaceAt = 0;
  private replayFailures = 0;
  private replayTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private stream: MediaStream | null = null;
  private challenge: ReturnType<typeof createChallenge> | null = null;
  private challengeKey: string | null = null;
  private probe: KioskProbe = { backend: null, faceToResultMs: [], lastScores: null };

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly publish: (view: View, status: Status) => void,
  ) {
    window.__kiosk = this.probe;
  }

  private set(view: View) {
    this.view = view;
    this.publish(view, { ...this.status });
  }

  private setStatus(patch: Partial<Status>) {
    this.status = { ...this.status, ...patch };
    this.publish(this.view, { ...this.status });
  }

  async start() {
    this.running = true;
    try {
      this.set({ kind: 'loading', step: 'config' });
      await this.loadConfig();
      this.setLoading('camera');
      this.stream = await openCamera(this.video);
      this.setLoading('models');
      this.engine = await loadHuman();
      this.probe.backend = this.engine.backend;
      this.setStatus({ backend: this.engine.backend, queued: await queuedCount() });
    } catch (error) {
      if (error instanceof KioskHttpError && error.status === 401)
        return this.set({ kind: 'unpaired', code: error.code });
      return this.set({ kind: 'failed', message: (error as Error).message });
    }
    // The PIN pad or QR scan may have been opened while the models loaded.
    if (this.view.kind === 'loading') this.set({ kind: 'scanning', hint: null });
    void this.heartbeat();
    this.heartbeatTimer = setInterval(
      () => void this.heartbeat(),
      (this.status.config?.heartbeatSeconds ?? 60) * 1000,
    );
    void this.loop();
  }

  private setLoading(step: 'camera' | 'models') {
    if (this.view.kind === 'loading') this.set({ kind: 'loading', step });
  }

  stop() {
    this.running = false;
    clearTimeout(this.resultTimer);
    clearTimeout(this.replayTimer);
    clearInterval(this.heartbeatTimer);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
  }

  private async loadConfig() {
    try {
      const config = await kioskFetch<KioskConfig>('GET', '/api/kiosk/config');
      localStorage.setItem(CONFIG_KEY, JSON.stringify(config));
      this.setStatus({ config, online: true });
    } catch (error) {
      const cached = localStorage.getItem(CONFIG_KEY);
      if (!(error instanceof OfflineError) || !cached) throw error;
      this.setStatus({ config: JSON.parse(cached) as KioskConfig, online: false });
      this.scheduleReplay();
    }
  }

  private async heartbeat() {
    try {
      const config = await kioskFetch<KioskConfig>('POST', '/api/kiosk/heartbeat', {
        sentAt: new Date().toISOString(),
        appVersion: version,
        faceBackend: this.status.backend ?? undefined,
        camera: this.video.videoWidth ? cameraResolution(this.video) : undefined,
      });
      localStorage.setItem(CONFIG_KEY, JSON.stringify(config));
      this.setStatus({ config, online: true });
      if (this.status.queued > 0) void this.replay();
    } catch (error) {
      this.handleError(error);
    }
  }

  private handleError(error: unknown): boolean {
    if (error instanceof OfflineError) {
      if (this.status.online) this.setStatus({ online: false });
      this.scheduleReplay();
      return true;
    }
    if (error instanceof KioskHttpError && error.status === 401) {
      this.stop();
      this.set({ kind: 'unpaired', code: error.code });
      return true;
    }
    return false;
  }

  private scheduleReplay() {
    if (this.replayTimer !== undefined) return;
    this.replayTimer = setTimeout(() => {
      this.replayTimer = undefined;
      void this.replay();
    }, backoffMs(this.replayFailures));
  }

  /** Sends queued punches in order once the server answers again; backs off while it does not. */
  private async replay() {
    const keep = (e: unknown) => isOffline(e) || (e instanceof KioskHttpError && e.status === 401);
    let failed = false;
    await replayQueue(async (request) => {
      try {
        return await sendPunch({ ...request, fromQueue: true });
      } catch (error) {
        if (keep(error)) failed = true;
        throw error;
      }
    }, keep);
    const queued = await queuedCount();
    if (failed || queued > 0) {
      this.replayFailures++;
      this.setStatus({ queued, online: false });
      this.scheduleReplay();
    } else {
      this.replayFailures = 0;
      this.setStatus({ queued: 0, online: true });
    }
  }

  showAlternatives(kind: 'pin' | 'qr') {
    clearTimeout(this.resultTimer);
    this.set({ kind });
  }

  backToFace() {
    this.cooldownUntil = 0;
    this.set({ kind: 'scanning', hint: null });
  }

  private showResult(card: ResultCard) {
    if (this.firstFaceAt !== null) this.probe.faceToResultMs.push(performance.now() - this.firstFaceAt);
    this.firstFaceAt = null;
    this.set({ kind: 'result', card });
    clearTimeout(this.resultTimer);
    this.resultTimer = setTimeout(() => {
      this.cooldownUntil = Date.now() + SAME_FACE_SECONDS * 1000;
      if (this.view.kind === 'result') this.set({ kind: 'scanning', hint: null });
    }, RESULT_SECONDS * 1000);
  }

  private async loop() {
    while (this.running) {
      const kind = this.view.kind;
      try {
        if (kind === 'scanning' || kind === 'challenge') await this.faceFrame();
        else if (kind === 'qr') await this.qrFrame();
        else await sleep(100);
      } catch (error) {
        console.error(error);
        await sleep(500);
      }
      await sleep(kind === 'qr' ? 120 : 30);
    }
  }

  private async faceFrame() {
    const engine = this.engine!;
    const config = this.status.config!;
    const capturedAt = new Date();
    const faces = await engine.detect(this.video);
    const now = Date.now();
    if (faces.length === 0) {
      if (now - this.lastFaceAt > 1000) this.cooldownUntil = 0; // the person left
      this.firstFaceAt = null;
      if (this.view.kind === 'scanning') this.set({ kind: 'scanning', hint: null });
      if (this.view.kind === 'challenge' && now > this.view.deadline)
        await this.challengeFailed(null, capturedAt);
      return;
    }
    this.lastFaceAt = now;
    if (now < this.cooldownUntil) return;
    this.firstFaceAt ??= performance.now();
    const judged = judgeFaces(faces, this.video, config.quality as unknown as QualityThresholds);
    if (!judged) return;
    this.probe.lastScores = judged.scores;
    if (this.view.kind === 'challenge') return this.challengeFrame(judged.face, capturedAt);
    if (!judged.gate.ok) {
      this.set({ kind: 'scanning', hint: judged.gate.reasons[0] });
      return;
    }
    // Offline the kiosk's own passive scores decide; online the server may still ask for a challenge.
    if (
      needsChallenge(config.challengeMode, judged.scores, {
        sureAntispoof: config.sureAntispoof,
        sureLiveness: config.sureLiveness,
      })
    ) {
      return this.startChallenge();
    }
    await this.sendFace(judged.face, capturedAt, judged.scores, null);
  }

  private startChallenge() {
    const kind = pickChallenge(Math.random());
    this.challenge = createChallenge(kind);
    this.challengeKey = newKey();
    this.set({ kind: 'challenge', challenge: kind, deadline: Date.now() + CHALLENGE_SECONDS * 1000 });
  }

  private async challengeFrame(face: FaceResult, capturedAt: Date) {
    if (this.view.kind !== 'challenge' || !this.challenge) return;
    const state = this.challenge.frame(face);
    const scores = { antispoof: face.real ?? null, liveness: face.live ?? null };
    if (state === 'done') {
      await this.sendFace(face, capturedAt, scores, { kind: this.challenge.kind, passed: true });
    } else if (Date.now() > this.view.deadline) {
      await this.challengeFailed(face, capturedAt);
    }
  }

  /** A challenge not done in time: the attempt is sent (with the last face seen) so it counts as a failure. */
  private async challengeFailed(face: FaceResult | null, capturedAt: Date) {
    const kind = this.challenge?.kind ?? 'blink';
    this.challenge = null;
    if (!face) {
      this.set({ kind: 'scanning', hint: null });
      return;
    }
    await this.sendFace(
      face,
      capturedAt,
      { antispoof: face.real ?? null, liveness: face.live ?? null },
      {
        kind,
        passed: false,
      },
    );
  }

  private async sendFace(
    face: FaceResult,
    capturedAt: Date,
    scores: { antispoof: number | null; liveness: number | null },
    challenge: PunchRequest['challenge'],
  ) {
    const photo = await captureFace(this.video, face.box as [number, number, number, number]);
    this.challenge = null;
    await this.send({
      method: 'face',
      idempotencyKey: this.challengeKey ?? newKey(),
      capturedAt: capturedAt.toISOString(),
      sentAt: capturedAt.toISOString(),
      photo,
      clientScores: { ...scores, detection: face.boxScore ?? null },
      challenge,
    });
    this.challengeKey = null;
  }

  /** Sends a punch; offline it goes to the queue. */
  async send(request: PunchRequest) {
    this.set({ kind: 'sending' });
    try {
      const response = await sendPunch(request);
      this.setStatus({ online: true });
      if (response.outcome === 'challenge') return this.startChallenge();
      this.showResult({ kind: 'punch', response });
    } catch (error) {
      if (error instanceof OfflineError) {
        await enqueuePunch(request);
        this.setStatus({ online: false, queued: await queuedCount() });
        this.scheduleReplay();
        this.showResult({ kind: 'queued' });
        return;
      }
      if (this.handleError(error)) return;
      this.showResult({ kind: 'error', message: (error as Error).message });
    }
  }

  /** A PIN punch: the employee number and PIN, with a photo from the camera as evidence. */
  async sendPin(employeeNo: string, pin: string) {
    const capturedAt = new Date().toISOString();
    const photo = await captureFrame(this.video);
    await this.send({
      method: 'pin',
      idempotencyKey: newKey(),
      capturedAt,
      sentAt: capturedAt,
      photo,
      employeeNo,
      pin,
    });
  }

  private qrCanvas: HTMLCanvasElement | null = null;

  private async qrFrame() {
    if (!this.video.videoWidth) return;
    this.qrCanvas ??= document.createElement('canvas');
    const scale = Math.min(1, 640 / this.video.videoWidth);
    const w = Math.round(this.video.videoWidth * scale);
    const h = Math.round(this.video.videoHeight * scale);
    this.qrCanvas.width = w;
    this.qrCanvas.height = h;
    const g = this.qrCanvas.getContext('2d', { willReadFrequently: true })!;
    g.drawImage(this.video, 0, 0, w, h);
    const code = jsQR(g.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' });
    if (!code?.data.startsWith('FCQ1.')) return;
    const capturedAt = new Date().toISOString();
    const photo = await captureFrame(this.video);
    await this.send({
      method: 'qr',
      idempotencyKey: newKey(),
      capturedAt,
      sentAt: capturedAt,
      photo,
      qr: code.data,
    });
  }
}
