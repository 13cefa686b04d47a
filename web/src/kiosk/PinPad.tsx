// The PIN pad: employee number and PIN typed on large on-screen keys (or a keyboard).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

export function PinPad({
  onSubmit,
  busy,
}: {
  onSubmit: (employeeNo: string, pin: string) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [employeeNo, setEmployeeNo] = useState('');
  const [pin, setPin] = useState('');
  const [field, setField] = useState<'employeeNo' | 'pin'>('employeeNo');
  const value = field === 'employeeNo' ? employeeNo : pin;
  const setValue = field === 'employeeNo' ? setEmployeeNo : setPin;

  const press = (key: (typeof KEYS)[number]) => {
    if (key === 'clear') setValue('');
    else if (key === 'back') setValue(value.slice(0, -1));
    else setValue((value + key).slice(0, field === 'pin' ? 8 : 20));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (employeeNo && pin) onSubmit(employeeNo.trim(), pin);
  };

  return (
    <form className="kiosk-pinpad" onSubmit={submit}>
      <label>
        {t('kiosk.pin.employeeNo')}
        <input
          value={employeeNo}
          onFocus={() => setField('employeeNo')}
          onChange={(e) => setEmployeeNo(e.target.value)}
          autoComplete="off"
          className={field === 'employeeNo' ? 'active' : ''}
        />
      </label>
      <label>
        {t('kiosk.pin.pin')}
        <input
          type="password"
          value={pin}
          onFocus={() => setField('pin')}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          inputMode="numeric"
          autoComplete="off"
          className={field === 'pin' ? 'active' : ''}
        />
      </label>
      <div className="kiosk-keys">
        {KEYS.map((key) => (
          <button key={key} type="button" className="kiosk-key" onClick={() => press(key)}>
            {key === 'clear' ? t('kiosk.pin.clear') : key === 'back' ? '⌫' : key}
          </button>
        ))}
      </div>
      <button type="submit" className="kiosk-button primary" disabled={busy || !employeeNo || !pin}>
        {t('kiosk.pin.submit')}
      </button>
    </form>
  );
}
