// Who is logged in. At start-up: does the server still need its one-time setup, and is there a session?
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, configureClient, setCsrfToken } from '../api/client';
import type { Me, Permission } from '../api/types';

type Status = 'loading' | 'setup' | 'anonymous' | 'ready' | 'unreachable';

interface AuthValue {
  status: Status;
  me: Me | null;
  /** Set after a login whose password was reset by an administrator. */
  mustChangePassword: boolean;
  /** The session ended because the user logged out (not because it expired): the next login starts afresh. */
  loggedOut: boolean;
  can: (permission: Permission) => boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** Forget the session locally after the user ended it ("log out everywhere"). */
  clear: () => void;
  passwordChanged: () => void;
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [mustChangePassword, setMustChangePassword] = useState(false);
  const [loggedOut, setLoggedOut] = useState(false);

  const accept = useCallback((next: Me) => {
    setCsrfToken(next.csrfToken);
    setMe(next);
    setLoggedOut(false);
    setStatus('ready');
  }, []);

  const expire = useCallback(() => {
    setCsrfToken('');
    setMe(null);
    setMustChangePassword(false);
    setStatus('anonymous');
  }, []);

  const clear = useCallback(() => {
    setLoggedOut(true);
    expire();
  }, [expire]);

  const refresh = useCallback(async () => {
    try {
      const { needsSetup } = await api.get<{ needsSetup: boolean }>('/api/setup/status');
      if (needsSetup) {
        setStatus('setup');
        return;
      }
      accept(await api.get<Me>('/api/auth/me'));
    } catch (err) {
      if ((err as { status?: number }).status === 401) expire();
      else setStatus('unreachable');
    }
  }, [accept, expire]);

  useEffect(() => {
    configureClient({ onUnauthorized: expire });
    void refresh();
  }, [refresh, expire]);

  const value = useMemo<AuthValue>(
    () => ({
      status,
      me,
      mustChangePassword,
      loggedOut,
      can: (permission) => !!me?.permissions.includes(permission),
      login: async (username, password) => {
        const next = await api.post<Me>('/api/auth/login', { username, password });
        setMustChangePassword(!!next.mustChangePassword);
        accept(next);
        return next;
      },
      logout: async () => {
        try {
          await api.post('/api/auth/logout');
        } finally {
          clear();
        }
      },
      clear,
      passwordChanged: () => setMustChangePassword(false),
      refresh,
    }),
    [status, me, mustChangePassword, loggedOut, accept, clear, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
