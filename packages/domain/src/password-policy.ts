/**
 * Password policy, shared so the web form can say what is wrong before the server does.
 * Length over composition rules (NIST SP 800-63B): long passphrases are easier to remember and
 * harder to guess than short ones with symbols; a small list of known-bad passwords is refused.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set([
  'password1234',
  'motdepasse123',
  'azerty123456',
  'qwerty123456',
  '123456789012',
  'azertyuiopqs',
  'administrator',
  'madar1234567',
  'maroc2026maroc',
  'morocco12345',
  'bienvenue123',
  'welcome12345',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_login' | 'too_repetitive';

export function checkPassword(password: string, context: { login?: string } = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) problems.push('too_common');
  if (context.login && context.login.length >= 3 && lower.includes(context.login.toLowerCase())) {
    problems.push('contains_login');
  }
  if (new Set(lower).size < 5) problems.push('too_repetitive');
  return problems;
}
