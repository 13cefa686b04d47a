// One-time pairing codes: an administrator gets the code (and a QR image of the kiosk address with the code),
// the kiosk exchanges it once for its device token. Codes are stored hashed and expire.
import { createHash, randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import { formatPairingCode, PAIRING_CODE_DIGITS } from '../../core/kiosk/pairing-code.js';

export const PAIRING_MINUTES = 30;

export const hashPairingCode = (digits: string) =>
  createHash('sha256').update(`faceclock-pairing:${digits}`).digest('hex');

export function newPairingDigits(): string {
  let out = '';
  for (let i = 0; i < PAIRING_CODE_DIGITS; i++) out += String(randomInt(10));
  return out;
}

export interface PairingDto {
  /** "1234-5678", shown once. */
  code: string;
  expiresAt: string;
  /** The kiosk page with the code: open it on the tablet, or scan the QR. */
  url: string;
  /** PNG data URL of a QR code of `url`. */
  qrDataUrl: string;
}

export async function pairingDto(digits: string, expiresAt: string, origin: string): Promise<PairingDto> {
  const code = formatPairingCode(digits);
  const url = `${origin}/kiosk?pair=${code}`;
  const qrDataUrl = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 256 });
  return { code, expiresAt, url, qrDataUrl };
}
