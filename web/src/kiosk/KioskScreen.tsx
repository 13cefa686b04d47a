// The kiosk screen: camera preview with a face guide, large clock, site name and network state; the challenge,
// the result card (3 s, spoken and with a tone) and the alternatives (PIN pad, QR scan).
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { KioskMaintenanceNotice } from '../pages/operations/KioskMaintenanceNotice';
import type { PunchResponse } from './api';
import {
  type KioskController as Controller,
  KioskController,
  type ResultCard,
  type Status,
  type View,
} from './controller';
import { playTone, speak } from './feedback';
import { PinPad } from './PinPad';
import { formatDate, formatTime, useNow } from './useClock';

export function KioskScreen({
  onToggleLanguage,
  onUnpaired,
}: {
  onToggleLanguage: () => void;
  onUnpaired: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const videoRef = useRef<HTMLVideoElement>(null);
  const controller = useRef<Controller | null>(null);
  const [view, setView] = useState<View>({ kind: 'loading', step: 'config' });
  const [status, setStatus] = useState<Status>({ online: true, queued: 0, backend: null, config: null });
  const now = useNow();
  const zone = status.config?.site?.timeZone;

  useEffect(() => {
    const c = new KioskController(videoRef.current!, (v, s) => {
      setView(v);
      setStatus(s);
    });
    controller.current = c;
    void c.start();
    return () => c.stop();
  }, []);

  const card = view.kind === 'result' ? view.card : null;
  useEffect(() => {
    if (!card) return;
    const { text, ok } = announce(card, t, language, zone);
    playTone(ok ? 'ok' : 'error');
    speak(text, language);
  }, [card, t, language, zone]);

  const alternatives = view.kind === 'pin' || view.kind === 'qr';
  return (
    <div className="kiosk">
      <header className="kiosk-header">
        <div>
          <div className="kiosk-site">{status.config?.site?.name ?? t('kiosk.noSite')}</div>
          <div className="kiosk-device">{status.config?.device.name}</div>
        </div>
        <div className="kiosk-clock">
          <div className="kiosk-time" role="timer">
            {formatTime(now, language, zone, true)}
          </div>
          <div className="kiosk-date">{formatDate(now, language, zone)}</div>
        </div>
        <div className="kiosk-header-side">
          <span className={`kiosk-network ${status.online ? 'online' : 'offline'}`} role="status">
            {status.online ? t('kiosk.network.online') : t('kiosk.network.offline')}
            {status.queued > 0 && ` · ${t('kiosk.network.queued', { count: status.queued })}`}
          </span>
          <button type="button" className="kiosk-lang" onClick={onToggleLanguage}>
            {t('kiosk.otherLanguage')}
          </button>
        </div>
      </header>
      <KioskMaintenanceNotice />

      <main className="kiosk-main">
        <div className="kiosk-camera">
          <video ref={videoRef} className="kiosk-video" muted playsInline />
          <div className={`kiosk-guide ${view.kind === 'challenge' ? 'challenge' : ''}`} aria-hidden />
          <Prompt view={view} />
        </div>
        <aside className="kiosk-side">
          {alternatives ? (
            <div className="kiosk-alternatives">
              <div className="kiosk-tabs" role="tablist">
                <button
                  type="button"
                  role="tab"
                  aria-selected={view.kind === 'pin'}
                  onClick={() => controller.current?.showAlternatives('pin')}
                >
                  {t('kiosk.alternatives.pin')}
                </button>
                <button
                  type="button"
                  role="tab"
                  aria-selected={view.kind === 'qr'}
                  onClick={() => controller.current?.showAlternatives('qr')}
                >
                  {t('kiosk.alternatives.qr')}
                </button>
              </div>
              {view.kind === 'pin' ? (
                <PinPad busy={false} onSubmit={(no, pin) => void controller.current?.sendPin(no, pin)} />
              ) : (
                <p className="kiosk-hint">{t('kiosk.qr.help')}</p>
              )}
              <button type="button" className="kiosk-button" onClick={() => controller.current?.backToFace()}>
                {t('kiosk.alternatives.back')}
              </button>
            </div>
          ) : (
            <div className="kiosk-side-help">
              <p>{t('kiosk.help')}</p>
              <button
                type="button"
                className="kiosk-button"
                onClick={() => controller.current?.showAlternatives('pin')}
              >
                {t('kiosk.alternatives.open')}
              </button>
            </div>
          )}
        </aside>
      </main>

      {card && (
        <ResultView
          card={card}
          zone={zone}
          onAlternatives={() => controller.current?.showAlternatives('pin')}
        />
      )}
      {view.kind === 'unpaired' && (
        <div className="kiosk-overlay" role="alert">
          <div className="kiosk-card error">
            <h2>{view.code === 'device_revoked' ? t('kiosk.revoked') : t('kiosk.unpaired')}</h2>
            <button type="button" className="kiosk-button primary" onClick={onUnpaired}>
              {t('kiosk.pairAgain')}
            </button>
          </div>
        </div>
      )}
      {view.kind === 'failed' && (
        <div className="kiosk-overlay" role="alert">
          <div className="kiosk-card error">
            <h2>{t('kiosk.failed')}</h2>
            <p>{view.message}</p>
            <button type="button" className="kiosk-button primary" onClick={() => window.location.reload()}>
              {t('kiosk.reload')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function Prompt({ view }: { view: View }) {
  const { t } = useTranslation();
  const [, tick] = useState(0);
  useEffect(() => {
    if (view.kind !== 'challenge') return;
    const timer = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(timer);
  }, [view.kind]);
  let text: string;
  let extra = '';
  switch (view.kind) {
    case 'loading':
      text = t(`kiosk.loading.${view.step}`);
      break;
    case 'scanning':
      text = view.hint ? t(`kiosk.quality.${view.hint}` as 'kiosk.quality.no_face') : t('kiosk.lookAtCamera');
      break;
    case 'challenge':
      text = t(`kiosk.challenge.${view.challenge}`);
      extra = `challenge ${view.challenge}`;
      break;
    case 'sending':
      text = t('kiosk.checking');
      break;
    case 'qr':
      text = t('kiosk.qr.show');
      break;
    default:
      return null;
  }
  const secondsLeft =
    view.kind === 'challenge' ? Math.max(0, Math.ceil((view.deadline - Date.now()) / 1000)) : null;
  return (
    <div className={`kiosk-prompt ${extra}`} role="status">
      {view.kind === 'challenge' && <span className={`kiosk-challenge-icon ${view.challenge}`} aria-hidden />}
      <span>{text}</span>
      {secondsLeft !== null && <span className="kiosk-countdown">{secondsLeft}</span>}
    </div>
  );
}

type T = TFunction;

function announce(
  card: ResultCard,
  t: T,
  language: string,
  zone: string | undefined,
): { text: string; ok: boolean } {
  if (card.kind === 'queued') return { text: t('kiosk.result.queued'), ok: true };
  if (card.kind === 'error') return { text: card.message, ok: false };
  const r = card.response;
  if (r.outcome === 'recorded' && r.employee && r.punch) {
    const direction = t(r.punch.direction === 'in' ? 'kiosk.result.in' : 'kiosk.result.out');
    return {
      text: t('kiosk.result.spoken', {
        name: r.employee.name,
        direction,
        time: formatTime(new Date(r.punch.at), language, zone),
      }),
      ok: true,
    };
  }
  return { text: r.message ?? t('kiosk.result.notRecognised'), ok: false };
}

/** "On time", "Late 12 min" or "Early leave 20 min", from the day's recomputed result. */
function standing(day: NonNullable<PunchResponse['attendance']>, direction: 'in' | 'out', t: T): string {
  if (direction === 'in' && day.lateMinutes > 0) return t('kiosk.result.late', { minutes: day.lateMinutes });
  if (direction === 'out' && day.earlyLeaveMinutes > 0) {
    return t('kiosk.result.earlyLeave', { minutes: day.earlyLeaveMinutes });
  }
  return t('kiosk.result.onTime');
}

function ResultView({
  card,
  zone,
  onAlternatives,
}: {
  card: ResultCard;
  zone: string | undefined;
  onAlternatives: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (card.kind === 'queued') {
    return (
      <div className="kiosk-overlay">
        <div className="kiosk-card warn" role="alert" data-result="queued">
          <h2>{t('kiosk.result.queued')}</h2>
        </div>
      </div>
    );
  }
  if (card.kind === 'error') {
    return (
      <div className="kiosk-overlay">
        <div className="kiosk-card error" role="alert" data-result="error">
          <h2>{card.message}</h2>
        </div>
      </div>
    );
  }
  const r = card.response;
  if (r.outcome === 'recorded' && r.employee && r.punch) {
    return (
      <div className="kiosk-overlay">
        <div className="kiosk-card ok" role="alert" data-result="recorded">
          <div className={`kiosk-direction ${r.punch.direction}`}>
            {t(r.punch.direction === 'in' ? 'kiosk.result.in' : 'kiosk.result.out')}
          </div>
          <h2 className="kiosk-name">{r.employee.name}</h2>
          <div className="kiosk-employee-no">{r.employee.employeeNo}</div>
          <div className="kiosk-result-time">{formatTime(new Date(r.punch.at), language, zone)}</div>
          <p>{t('kiosk.result.recorded')}</p>
          {r.attendance && <p className="kiosk-standing">{standing(r.attendance, r.punch.direction, t)}</p>}
        </div>
      </div>
    );
  }
  const unknown = r.outcome === 'unknown';
  return (
    <div className="kiosk-overlay">
      <div
        className={`kiosk-card ${r.outcome === 'repeat' ? 'warn' : 'error'}`}
        role="alert"
        data-result={r.outcome}
      >
        {r.employee && <h2 className="kiosk-name">{r.employee.name}</h2>}
        <h2>{unknown ? t('kiosk.result.notRecognised') : r.message}</h2>
        {r.outcome !== 'repeat' && (
          <button type="button" className="kiosk-button primary" onClick={onAlternatives}>
            {t('kiosk.alternatives.open')}
          </button>
        )}
      </div>
    </div>
  );
}
