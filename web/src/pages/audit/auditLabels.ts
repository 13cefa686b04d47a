// Audit actions and target types known to the UI come from the translation file: translating a new action
// (audit.actions.<area>.<verb>) also adds it to the action filter.

import { translateDynamic } from '../../i18n';
import en from '../../i18n/en.json';

export const knownActions: string[] = Object.entries(en.audit.actions).flatMap(([area, verbs]) =>
  Object.keys(verbs).map((verb) => `${area}.${verb}`),
);

export const knownTargetTypes: string[] = Object.keys(en.audit.targetTypes);

export const actionLabel = (action: string) => translateDynamic(`audit.actions.${action}`, action);

export const targetTypeLabel = (type: string) => translateDynamic(`audit.targetTypes.${type}`, type);
