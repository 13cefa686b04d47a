// Short success and error messages after an action; errors show the server's message (in the UI language).
import { App } from 'antd';
import { useMemo } from 'react';
import { toApiError } from './useLoad';

export function useNotify() {
  const { message } = App.useApp();
  return useMemo(
    () => ({
      ok: (text: string) => void message.success(text),
      fail: (err: unknown) => void message.error(toApiError(err).message),
    }),
    [message],
  );
}
