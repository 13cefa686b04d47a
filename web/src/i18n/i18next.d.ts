// Translation keys are typed from the English messages (en.json and areas/*.en.json), so a misspelt key fails
// the type check; the key-parity test checks that the Chinese files have exactly the same keys.
import 'i18next';
import type { messagesEn } from './messages';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof messagesEn };
  }
}
