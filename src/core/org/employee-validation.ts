// Field checks shared by the employee form and the employee import.
export const isEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
export const isPhone = (s: string) => /^\+?[\d\s-]{5,20}$/.test(s);
export const isPin = (s: string) => /^\d{4,8}$/.test(s);
export const isEmployeeNo = (s: string) => s.length > 0 && s.length <= 32 && /^[\p{L}\p{N}_-]+$/u.test(s);
