// The unread count behind the bell: polled every minute, refreshed at once when a page marks notices read.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';

const listeners = new Set<() => void>();

export function refreshUnreadCount() {
  for (const l of listeners) l();
}

export function useUnreadCount(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api.get<{ unread: number }>('/api/notifications/unread-count').then(
        (r) => alive && setCount(r.unread),
        () => undefined,
      );
    void load();
    const timer = setInterval(load, 60_000);
    listeners.add(load);
    return () => {
      alive = false;
      clearInterval(timer);
      listeners.delete(load);
    };
  }, []);
  return count;
}
