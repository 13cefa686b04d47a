// Webcam capture with live quality feedback computed in this browser by Human and the server's own quality
// gate (the kiosk's loader and checks), so that only photos the server will accept are taken. Frames stay in
// memory; nothing is stored in the browser.
import { CameraOutlined, PoweroffOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualityThresholds } from '../../../../src/core/face/quality-gate';
import { type FaceEngine, loadHuman } from '../../kiosk/human';
import { judgeFaces } from '../../kiosk/quality';
import { reasonText } from './reasons';

interface Props {
  thresholds: Record<string, number>;
  onCapture: (photo: Blob) => void;
  /** Disables the capture button (e.g. while an upload runs). */
  busy?: boolean;
}

interface Feedback {
  ok: boolean;
  reason: string | null;
  measures: { eyes: number; sharpness: number; brightness: number } | null;
}

let sharedEngine: Promise<FaceEngine> | null = null;

export function WebcamCapture({ thresholds, onCapture, busy }: Props) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [running, setRunning] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [backend, setBackend] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let stream: MediaStream | null = null;
    (async () => {
      setLoading(true);
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 720 } },
          audio: false,
        });
        const v = video.current!;
        v.srcObject = stream;
        v.muted = true;
        v.playsInline = true;
        await v.play();
        sharedEngine ??= loadHuman().catch((err: unknown) => {
          sharedEngine = null;
          throw err;
        });
        const engine = await sharedEngine;
        setBackend(engine.backend);
        setLoading(false);
        while (!stopped) {
          const faces = await engine.detect(v);
          const judged = judgeFaces(faces, v, thresholds as unknown as QualityThresholds);
          if (stopped) break;
          setFeedback(
            judged
              ? {
                  ok: judged.gate.ok,
                  reason: judged.gate.reasons[0] ?? null,
                  measures: {
                    eyes: Math.round(judged.measures.eyeDistancePx),
                    sharpness: Math.round(judged.measures.sharpness),
                    brightness: Math.round(judged.measures.brightness),
                  },
                }
              : { ok: false, reason: 'no_face', measures: null },
          );
          await new Promise((r) => setTimeout(r, 120));
        }
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
        setRunning(false);
        setLoading(false);
      }
    })();
    return () => {
      stopped = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
      setFeedback(null);
    };
  }, [running, thresholds]);

  const capture = () => {
    const v = video.current;
    if (!v?.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    canvas.toBlob((blob) => blob && onCapture(blob), 'image/jpeg', 0.92);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={t('faces.webcam.noCamera', { error })} />}
      <div
        style={{
          position: 'relative',
          background: '#111',
          borderRadius: 8,
          overflow: 'hidden',
          aspectRatio: '16 / 9',
          maxWidth: 560,
          display: running ? 'block' : 'none',
        }}
      >
        {/* biome-ignore lint/a11y/useMediaCaption: a live camera picture has no captions */}
        <video
          ref={video}
          style={{ width: '100%', height: '100%', objectFit: 'cover', transform: 'scaleX(-1)' }}
        />
        {feedback && (
          <Tag
            color={feedback.ok ? 'success' : 'warning'}
            style={{ position: 'absolute', left: 12, bottom: 12, fontSize: 14, padding: '4px 10px' }}
            data-testid="webcam-feedback"
          >
            {feedback.ok ? t('faces.webcam.ready') : reasonText(t, feedback.reason ?? 'no_face')}
          </Tag>
        )}
      </div>
      {running && loading && <Typography.Text type="secondary">{t('faces.webcam.loading')}</Typography.Text>}
      {running && backend && (
        <Typography.Text type="secondary">
          {t('faces.webcam.backend', { backend })}
          {feedback?.measures ? ` · ${t('faces.webcam.measures', feedback.measures)}` : ''}
        </Typography.Text>
      )}
      <Space>
        {!running ? (
          <Button
            icon={<CameraOutlined />}
            onClick={() => {
              setError(null);
              setRunning(true);
            }}
          >
            {t('faces.webcam.start')}
          </Button>
        ) : (
          <>
            <Button
              type="primary"
              icon={<CameraOutlined />}
              disabled={!feedback?.ok || busy}
              onClick={capture}
            >
              {t('faces.webcam.capture')}
            </Button>
            <Button icon={<PoweroffOutlined />} onClick={() => setRunning(false)}>
              {t('faces.webcam.stop')}
            </Button>
          </>
        )}
      </Space>
    </Space>
  );
}
