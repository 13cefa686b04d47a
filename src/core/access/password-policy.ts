// Password rule: at least 10 characters with both letters and digits.
export function isStrongPassword(password: string): boolean {
  return password.length >= 10 && /\p{L}/u.test(password) && /\d/.test(password);
}
