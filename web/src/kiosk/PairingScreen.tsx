// Pairing: the kiosk exchanges the one-time code from the console for its device token.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type KioskHttpError, kioskFetch, OfflineError, saveDeviceToken } from './api';

export function PairingScreen({
  onPaired,
  onToggleLanguage,
}: {
  onPaired: () => void;
  onToggleLanguage: () => void;
}) {
  const { t } = useTranslation();
  const fromLink = new URLSearchParams(window.location.search).get('pair') ?? '';
  const [code, setCode] = useState(fromLink);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tried = useRef(false);

  const pair = async (value: string) => {
    setBusy(true);
    setError(null);
    try {
      const res = await kioskFetch<{ token: string }>('POST', '/api/kiosk/pair', { code: value });
      saveDeviceToken(res.token);
      window.history.replaceState(null, '', '/kiosk');
      onPaired();
    } catch (err) {
      setError(err instanceof OfflineError ? t('kiosk.network.offline') : (err as KioskHttpError).message);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (fromLink && !tried.current) {
      tried.current = true;
      void pair(fromLink);
    }
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void pair(code);
  };

  return (
    <div className="kiosk kiosk-pairing">
      <button type="button" className="kiosk-lang" onClick={onToggleLanguage}>
        {t('kiosk.otherLanguage')}
      </button>
      <form className="kiosk-card" onSubmit={submit}>
        <h1>{t('kiosk.pairing.title')}</h1>
        <p>{t('kiosk.pairing.help')}</p>
        <label>
          {t('kiosk.pairing.code')}
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            placeholder="1234-5678"
          />
        </label>
        {error && (
          <p className="kiosk-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="kiosk-button primary" disabled={busy || code.trim() === ''}>
          {t('kiosk.pairing.submit')}
        </button>
      </form>
    </div>
  );
}
