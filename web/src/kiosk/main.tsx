// The kiosk page: its own entry, full screen, no console around it.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../i18n';
import { KioskApp } from './KioskApp';
import './kiosk.css';

createRoot(document.getElementById('kiosk-root')!).render(
  <StrictMode>
    <KioskApp />
  </StrictMode>,
);
