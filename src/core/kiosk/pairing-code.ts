// The one-time pairing code (配对码) an administrator reads off the console and types on the kiosk (or scans):
// eight digits shown as two groups, so it is easy to type on a tablet and read aloud.

export const PAIRING_CODE_DIGITS = 8;

/** Formats eight digits as "1234-5678". */
export function formatPairingCode(digits: string): string {
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
}

/** The eight digits of a typed code (spaces and dashes ignored), or null when it cannot be one. */
export function normalisePairingCode(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${PAIRING_CODE_DIGITS}}$`).test(digits) ? digits : null;
}
