// Pairing first (the one-time code, typed or from the ?pair= link the console's QR opens), then the kiosk.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { deviceToken, forgetDeviceToken, setApiLanguage } from './api';
import { KioskScreen } from './KioskScreen';
import { PairingScreen } from './PairingScreen';

export function KioskApp() {
  const { t, i18n } = useTranslation();
  const [paired, setPaired] = useState(() => deviceToken() !== null);
  const language = currentLanguage();
  setApiLanguage(language);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('kiosk.title');
  }, [language, t]);
  const toggleLanguage = () => void i18n.changeLanguage(language === 'zh-CN' ? 'en' : 'zh-CN');
  if (!paired) return <PairingScreen onPaired={() => setPaired(true)} onToggleLanguage={toggleLanguage} />;
  return (
    <KioskScreen
      onToggleLanguage={toggleLanguage}
      onUnpaired={() => {
        forgetDeviceToken();
        setPaired(false);
      }}
    />
  );
}
