import { generateSecret, generateURI, verify } from 'otplib';

const ISSUER = 'Madar';

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, login: string): string {
  return generateURI({ issuer: ISSUER, label: login, secret });
}

/**
 * Verifies a code, accepting one step of clock drift either way, and refusing a code whose time
 * step was already used (replay protection): returns the step to remember, or null.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  lastStep: number | null,
): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
