// Picks one employee by searching number or name on the server (the list can be long).
import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Employee, Paged } from '../api/types';

interface Props {
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** The label of the current value when it is not among the search results. */
  currentLabel?: string;
}

const labelOf = (e: Employee) => `${e.employeeNo} · ${e.name}`;

export function EmployeePicker({ value, onChange, currentLabel }: Props) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [searching, setSearching] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      setSearching(true);
      try {
        const page = await api.get<Paged<Employee>>('/api/employees', { q: q.trim(), limit: 20 });
        setOptions(page.items.map((e) => ({ value: e.id, label: labelOf(e) })));
      } catch {
        setOptions([]);
      } finally {
        setSearching(false);
      }
    }, 250);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: load the first page once
  useEffect(() => {
    search('');
    return () => clearTimeout(timer.current);
  }, []);

  const withCurrent =
    value && !options.some((o) => o.value === value)
      ? [{ value, label: currentLabel ?? `#${value}` }, ...options]
      : options;

  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      value={value ?? undefined}
      onChange={(v?: number) => onChange?.(v ?? null)}
      options={withCurrent}
      placeholder={t('users.employeePlaceholder')}
      notFoundContent={searching ? <Spin size="small" /> : t('common.noMatches')}
    />
  );
}
