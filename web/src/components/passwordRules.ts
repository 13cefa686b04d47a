// The password policy as form rules, from the same pure function the server uses.
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { isStrongPassword } from '../../../src/core/access/password-policy.js';

export function newPasswordRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('validation.required') },
    {
      validator: (_rule, value: string | undefined) =>
        !value || isStrongPassword(value)
          ? Promise.resolve()
          : Promise.reject(new Error(t('validation.weakPassword'))),
    },
  ];
}

/** The "repeat the password" field must equal the field `other`. */
export function confirmRules(t: TFunction, other: string): FormRule[] {
  return [
    { required: true, message: t('validation.required') },
    ({ getFieldValue }) => ({
      validator: (_rule, value: string | undefined) =>
        !value || value === getFieldValue(other)
          ? Promise.resolve()
          : Promise.reject(new Error(t('validation.passwordsDiffer'))),
    }),
  ];
}
