import type { ChildIdentity } from '@madar/domain';
import type pg from 'pg';

/**
 * What the scenarios need from the database: a busy territory (the most open cases), its CAPE
 * coordinator and social workers, the partner focal points receiving the most of its referral
 * cards, a sample of its cases and communes, and real children's names (read through the API as
 * the coordinator, as a user searching would know them).
 */
export interface Fixtures {
  territoryCode: string;
  openCases: number;
  coordinator: string;
  socialWorkers: { login: string; id: string }[];
  focalPoints: { login: string; institutionId: string; cards: number }[];
  caseIds: string[];
  childIds: string[];
  communeIds: string[];
}

export async function discover(
  pool: pg.Pool,
  options: { territory?: string; seed: number },
): Promise<Fixtures> {
  const territory = options.territory
    ? await pool.query<{ territory_code: string; n: string }>(
        `SELECT territory_code, count(*) AS n FROM protection_case
          WHERE territory_code = $1 AND closed_at IS NULL GROUP BY 1`,
        [options.territory],
      )
    : await pool.query<{ territory_code: string; n: string }>(
        `SELECT territory_code, count(*) AS n FROM protection_case
          WHERE closed_at IS NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
      );
  const busiest = territory.rows[0];
  if (!busiest) throw new Error('no open case in the database: generate data first');
  const territoryCode = busiest.territory_code;
  const staff = await pool.query<{ id: string; login: string; roles: string[] }>(
    `SELECT id, login, roles FROM app_user
      WHERE active AND territory_code = $1
        AND roles && ARRAY['cape_coordinator', 'social_worker']::text[]
      ORDER BY login`,
    [territoryCode],
  );
  const coordinator = staff.rows.find((u) => u.roles.includes('cape_coordinator'));
  if (!coordinator) throw new Error(`no CAPE coordinator in ${territoryCode}`);
  const socialWorkers = staff.rows
    .filter((u) => u.roles.includes('social_worker') && !u.roles.includes('cape_coordinator'))
    .slice(0, 4)
    .map((u) => ({ login: u.login, id: u.id }));
  // The partners this CAPE sends most cards to: their inboxes are the busiest of the territory.
  const focal = await pool.query<{ login: string; institution_id: string; cards: string }>(
    `WITH busiest AS (
       SELECT receiving_institution_id AS id, count(*) AS cards FROM referral_card
        WHERE territory_code = $1 AND status <> 'draft'
        GROUP BY 1 ORDER BY 2 DESC LIMIT 10)
     SELECT DISTINCT ON (b.id) u.login, b.id AS institution_id, b.cards
       FROM busiest b JOIN app_user u ON u.institution_id = b.id
      WHERE u.active AND 'partner_focal_point' = ANY (u.roles)
      ORDER BY b.id, u.login`,
    [territoryCode],
  );
  const focalPoints = focal.rows
    .map((r) => ({ login: r.login, institutionId: r.institution_id, cards: Number(r.cards) }))
    .sort((a, b) => b.cards - a.cards)
    .slice(0, 4);
  if (focalPoints.length === 0) throw new Error(`no partner focal point receives cards of ${territoryCode}`);
  // A deterministic sample (ordered by a hash of the id and the seed), so runs compare.
  const cases = await pool.query<{ id: string; child_id: string }>(
    `SELECT id, child_id FROM protection_case WHERE territory_code = $1
      ORDER BY md5(id::text || $2) LIMIT 400`,
    [territoryCode, String(options.seed)],
  );
  const communes = await pool.query<{ id: string }>(
    'SELECT id FROM commune WHERE territory_code = $1 ORDER BY id LIMIT 20',
    [territoryCode],
  );
  return {
    territoryCode,
    openCases: Number(busiest.n),
    coordinator: coordinator.login,
    socialWorkers,
    focalPoints,
    caseIds: cases.rows.map((r) => r.id),
    childIds: [...new Set(cases.rows.map((r) => r.child_id))],
    communeIds: communes.rows.map((r) => r.id),
  };
}

export interface Session {
  login: string;
  cookie: string;
}

/** Signs in through the API: the session is a real cookie, as a browser would hold it. */
export async function signIn(baseUrl: string, login: string, password: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  const body = (await response.json()) as { pendingStep?: string | null; code?: string };
  if (!response.ok) throw new Error(`sign-in of ${login} failed: ${response.status} ${body.code ?? ''}`);
  if (body.pendingStep) throw new Error(`sign-in of ${login} needs a step first: ${body.pendingStep}`);
  const cookie = /madar_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error(`sign-in of ${login}: no session cookie`);
  return { login, cookie: `madar_session=${cookie}` };
}

/** Names to search for: read through the API as the coordinator (each read is logged, as in real use). */
export async function namesOf(
  baseUrl: string,
  session: Session,
  childIds: string[],
): Promise<ChildIdentity[]> {
  const identities: ChildIdentity[] = [];
  for (const id of childIds) {
    const response = await fetch(`${baseUrl}/api/v1/children/${id}/identity`, {
      headers: { cookie: session.cookie },
    });
    if (!response.ok) throw new Error(`reading a child's identity failed: ${response.status}`);
    const body = (await response.json()) as { identity: ChildIdentity };
    identities.push(body.identity);
  }
  return identities;
}

const LATIN_VOWELS = new Set('aeiouy');

/**
 * One typo as people make them: a consonant dropped inside the family name (Bejelloun for Benjelloun)
 * or swapped with the next letter, never the first letter. Arabic: a letter dropped inside the word.
 */
export function withTypo(word: string, random: () => number): string {
  const letters = [...word];
  if (letters.length < 4) return word;
  const arabic = /[\u0600-\u06ff]/.test(word);
  const candidates = letters
    .map((ch, i) => ({ ch, i }))
    .filter(
      ({ ch, i }) => i > 0 && i < letters.length - 1 && (arabic || !LATIN_VOWELS.has(ch.toLowerCase())),
    );
  if (candidates.length === 0) return word;
  const { i } = candidates[Math.floor(random() * candidates.length)]!;
  if (!arabic && random() < 0.3) [letters[i], letters[i + 1]] = [letters[i + 1]!, letters[i]!];
  else letters.splice(i, 1);
  return letters.join('');
}
