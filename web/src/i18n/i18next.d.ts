// Translation keys are typed from en.json, so a misspelt key fails the type check; the key-parity test checks
// that zh-CN.json has exactly the same keys.
import 'i18next';
import type en from './en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
