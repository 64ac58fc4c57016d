import { type ChildIdentity, referenceTaxonomies, SERVICE_BASKET } from '@madar/domain';
import pg from 'pg';
import { hashedSearchKeys } from '../src/modules/children/identity';
import type { KeyRing } from '../src/platform/crypto';

/**
 * Sizes of the query-plan seed: about 100k rows of case data over every territory, enough that
 * PostgreSQL's planner prefers an index wherever one fits (one territory holds 1–5 % of a table).
 */
export const PLAN_SEED = {
  children: 20_000,
  reports: 15_000,
  notifications: 20_000,
  accessLog: 20_000,
  auditLog: 20_000,
  transfers: 3_000,
  institutionsPerTerritory: 150,
  workersPerTerritory: 8,
} as const;

// Moroccan first and family names in both scripts, most frequent first: the seed draws them with a
// skew (power law) so that common names (Mohamed, Fatima, Alaoui) share blind-index keys with
// thousands of children, as they do in real life, and rare ones with a few.
const FIRST_NAMES: [string, string][] = [
  ['محمد', 'Mohamed'],
  ['فاطمة', 'Fatima'],
  ['يوسف', 'Youssef'],
  ['خديجة', 'Khadija'],
  ['أمين', 'Amine'],
  ['مريم', 'Meryem'],
  ['أيوب', 'Ayoub'],
  ['سلمى', 'Salma'],
  ['حمزة', 'Hamza'],
  ['هبة', 'Hiba'],
  ['إلياس', 'Ilyas'],
  ['آية', 'Aya'],
  ['عمر', 'Omar'],
  ['نور', 'Nour'],
  ['ياسين', 'Yassine'],
  ['إيمان', 'Imane'],
  ['عبد الله', 'Abdellah'],
  ['زينب', 'Zineb'],
  ['بلال', 'Bilal'],
  ['سارة', 'Sara'],
];
const FAMILY_NAMES: [string, string][] = [
  ['العلوي', 'Alaoui'],
  ['الإدريسي', 'Idrissi'],
  ['بنعلي', 'Benali'],
  ['التازي', 'Tazi'],
  ['الفاسي', 'Fassi'],
  ['بنجلون', 'Benjelloun'],
  ['الحسني', 'Hassani'],
  ['المرابط', 'Mrabet'],
  ['الزياني', 'Ziani'],
  ['بوزيان', 'Bouziane'],
  ['الشرقاوي', 'Cherkaoui'],
  ['الوزاني', 'Ouazzani'],
  ['البقالي', 'Bakkali'],
  ['الرحماني', 'Rahmani'],
  ['السوسي', 'Soussi'],
  ['أمزيان', 'Amziane'],
  ['الخطابي', 'Khattabi'],
  ['الكتاني', 'Kettani'],
  ['بنسعيد', 'Bensaid'],
  ['الطاهري', 'Taheri'],
];

export function seedName(first: number, family: number) {
  const [firstAr, firstLatin] = FIRST_NAMES[first]!;
  const [familyAr, familyLatin] = FAMILY_NAMES[family]!;
  return { firstAr, firstLatin, familyAr, familyLatin };
}

/** The hashed search keys of each (first name, family name) pair, computed by the application's code. */
function nameKeyRows(keyRing: KeyRing) {
  const pairs: number[] = [];
  const keys: string[] = [];
  FIRST_NAMES.forEach((_, f) => {
    FAMILY_NAMES.forEach((_, l) => {
      const n = seedName(f, l);
      const identity: ChildIdentity = {
        firstNameAr: n.firstAr,
        lastNameAr: n.familyAr,
        firstNameLatin: n.firstLatin,
        lastNameLatin: n.familyLatin,
        birthDate: null,
        birthDateEstimated: false,
        fatherName: null,
        motherName: null,
        birthRecordNumber: null,
        nationalId: null,
        address: null,
        phones: [],
      };
      for (const k of hashedSearchKeys(keyRing, 'pair', identity)) {
        pairs.push(f * FAMILY_NAMES.length + l);
        keys.push(k.key);
      }
    });
  });
  return { pairs, keys };
}

/** The hashed birth-date key of every day children of 0–18 may be born on. */
function dobKeyRows(keyRing: KeyRing) {
  const dates: string[] = [];
  const keys: string[] = [];
  for (let d = Date.UTC(2006, 0, 1); d <= Date.UTC(2026, 11, 31); d += 86_400_000) {
    const day = new Date(d).toISOString().slice(0, 10);
    dates.push(day);
    keys.push(keyRing.blindIndex('child.dob', day));
  }
  return { dates, keys };
}

// Stored values as wide as the real ones (an identity envelope is about 600 characters), so that
// tables take as many pages as they would and the planner weighs scans as it would in production.
const envelope = (bytes: number) => `translate(encode(gen_random_bytes(${bytes}), 'base64'), E'\\n', '')`;
const passwordHash = envelope(72);

const list = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]::text[]`;

/**
 * Fills a migrated database with realistic case data in a few seconds, in SQL (generate_series),
 * deterministic (setseed). Territories are drawn with a skew (a few large provinces, many small),
 * then stages, danger levels, statuses and dates with plausible spreads. Encrypted values are
 * random bytes of the size of real envelopes — the plans depend on their width, not their content,
 * and nothing here decrypts — but the blind-index keys are the application's own HMACs, so name and
 * birth-date searches hit them as they would.
 */
export async function seedForPlans(databaseUrl: string, keyRing: KeyRing): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const t = referenceTaxonomies;
  const stages = t.circuit_stages.map((s) => s.code).filter((s) => s !== 'closed');
  const harmForms = t.harm_forms.map((s) => s.code);
  const situations = t.child_situations.map((s) => s.code);
  const sources = t.report_sources.map((s) => s.code);
  const services = SERVICE_BASKET.map((s) => s.code);
  const names = nameKeyRows(keyRing);
  const dobs = dobKeyRows(keyRing);
  const pick = (array: string) => `(${array})[1 + floor(random() * cardinality(${array}))::int]`;
  // A few large provinces and many small ones.
  const skewedTerritory = 'floor((SELECT count(*) FROM seed_territory) * power(random(), 1.8))::int';
  try {
    await client.query('SELECT setseed(0.42)');
    await client.query(`
      CREATE TEMP TABLE seed_territory AS
        SELECT (row_number() OVER (ORDER BY code) - 1)::int AS i, code, case_code_prefix AS prefix
        FROM territory WHERE parent_code IS NULL;
      INSERT INTO dtipe (territory_code) SELECT code FROM seed_territory ON CONFLICT DO NOTHING;`);

    // Accounts: per territory a coordinator, social workers, an information officer, an auditor.
    await client.query(`
      CREATE TEMP TABLE seed_worker AS
        SELECT t.i AS t, k, gen_random_uuid() AS id, t.code
        FROM seed_territory t, generate_series(0, ${PLAN_SEED.workersPerTerritory - 1}) k;
      INSERT INTO app_user (id, login, full_name, territory_code, roles, password_hash, must_change_password)
        SELECT id, 'as' || k || '.' || code, 'Assistant ' || k, code, '{social_worker}', ${passwordHash}, false
        FROM seed_worker;
      INSERT INTO app_user (login, full_name, territory_code, roles, password_hash, must_change_password)
        SELECT r || '.' || code, r, code, ARRAY[r], ${passwordHash}, false
        FROM seed_territory, unnest(ARRAY['cape_coordinator', 'information_officer', 'dp_auditor']) r;`);

    // The actor map: institutions of every sector per territory, the services they offer, and a
    // focal point for one in four.
    await client.query(`
      CREATE TEMP TABLE seed_institution AS
        SELECT t.i AS t, k, gen_random_uuid() AS id, t.code
        FROM seed_territory t, generate_series(0, ${PLAN_SEED.institutionsPerTerritory - 1}) k;
      INSERT INTO institution (id, name_ar, name_fr, sector_code, type, territory_code, active)
        SELECT s.id, 'مؤسسة ' || s.k, 'Institution ' || s.k || ' ' || s.code,
          (${list(t.sectors.map((x) => x.code))})[1 + s.k % ${t.sectors.length}],
          'other', s.code, random() > 0.03
        FROM seed_institution s;
      INSERT INTO institution_service (institution_id, service_code)
        SELECT DISTINCT s.id, ${pick(list(services))} FROM seed_institution s, generate_series(1, 3);
      INSERT INTO app_user (login, full_name, territory_code, institution_id, roles, password_hash, must_change_password)
        SELECT 'focal.' || k || '.' || code, 'Focal ' || k, code, id, '{partner_focal_point}', ${passwordHash}, false
        FROM seed_institution WHERE k % 2 = 0;
      CREATE TEMP TABLE seed_service AS
        SELECT * FROM unnest(${list(services)}, ${list(SERVICE_BASKET.map((s) => s.sector))}) AS s(code, sector);`);

    await client.query(
      'CREATE TEMP TABLE seed_name_key AS SELECT * FROM unnest($1::int[], $2::text[]) AS k(pair, key)',
      [names.pairs, names.keys],
    );
    await client.query(
      'CREATE TEMP TABLE seed_dob_key AS SELECT * FROM unnest($1::date[], $2::text[]) AS k(day, key)',
      [dobs.dates, dobs.keys],
    );

    // Children: a territory, a worker of it, a name pair drawn with a skew, a birth date of 0–17.
    await client.query(`
      CREATE TEMP TABLE seed_child AS
        SELECT n, gen_random_uuid() AS id, t, (random() * ${PLAN_SEED.workersPerTerritory - 1})::int AS w,
          floor(${FIRST_NAMES.length} * power(random(), 2.2))::int * ${FAMILY_NAMES.length}
            + floor(${FAMILY_NAMES.length} * power(random(), 1.6))::int AS pair,
          current_date - (random() * 17.9 * 365)::int AS birth_date,
          now() - random() * interval '3 years' AS created_at
        FROM (SELECT n, ${skewedTerritory} AS t FROM generate_series(1, ${PLAN_SEED.children}) n OFFSET 0) tt;
      INSERT INTO child (id, code, territory_code, sex, birth_year, identity_enc, created_by, created_at)
        SELECT c.id, st.prefix || '-' || extract(year FROM c.created_at) || '-' || lpad(c.n::text, 6, '0'),
          st.code, CASE WHEN random() < 0.52 THEN 'male' WHEN random() < 0.98 THEN 'female' ELSE 'unknown' END,
          extract(year FROM c.birth_date)::int, ${envelope(430)}, w.id, c.created_at
        FROM seed_child c JOIN seed_territory st ON st.i = c.t JOIN seed_worker w ON w.t = c.t AND w.k = c.w;
      -- A few children found to be duplicates, merged into another.
      UPDATE child SET merged_into = (SELECT id FROM seed_child WHERE n = 1)
        WHERE id IN (SELECT id FROM seed_child WHERE n % 200 = 7);
      INSERT INTO child_search_key (key, child_id, field, territory_code)
        SELECT k.key, c.id, 'name', st.code FROM seed_child c JOIN seed_name_key k ON k.pair = c.pair
          JOIN seed_territory st ON st.i = c.t;
      INSERT INTO child_search_key (key, child_id, field, territory_code)
        SELECT k.key, c.id, 'dob', st.code FROM seed_child c JOIN seed_dob_key k ON k.day = c.birth_date
          JOIN seed_territory st ON st.i = c.t;`);

    // Cases: one per child, one child in five with an earlier, closed one. Open cases spread over
    // the stages; follow-up dates around today (about a third overdue); a few awaiting closure.
    await client.query(`
      CREATE TEMP TABLE seed_case AS
        SELECT gen_random_uuid() AS id, c.id AS child_id, c.t, c.w, c.created_at, false AS closed
        FROM seed_child c
        UNION ALL
        SELECT gen_random_uuid(), c.id, c.t, c.w, c.created_at - interval '1 year', true
        FROM seed_child c WHERE c.n % 5 = 0;
      INSERT INTO protection_case (id, child_id, territory_code, stage, assigned_worker_id, situations,
          harm_forms, danger_level, opened_at, closed_at, closure_reason, closure_request,
          next_follow_up_on, last_activity_at, created_by)
        SELECT s.id, s.child_id, st.code,
          CASE WHEN s.closed OR random() < 0.15 THEN 'closed' ELSE ${pick(list(stages))} END,
          CASE WHEN random() < 0.08 THEN NULL ELSE w.id END,
          ARRAY[${pick(list(situations))}],
          ARRAY(SELECT DISTINCT ${pick(list(harmForms))} FROM generate_series(1, 1 + (random() * 1.4)::int) WHERE s.id IS NOT NULL),
          CASE WHEN random() < 0.1 THEN NULL ELSE (ARRAY['no_danger','risk','risk','danger','danger','grave_imminent_danger'])[1 + floor(random() * 6)::int] END,
          s.created_at, NULL, NULL, NULL,
          current_date + (random() * 75 - 25)::int,
          s.created_at + random() * (now() - s.created_at),
          w.id
        FROM seed_case s JOIN seed_territory st ON st.i = s.t JOIN seed_worker w ON w.t = s.t AND w.k = s.w;
      UPDATE protection_case SET closed_at = last_activity_at, closure_reason = 'plan_goals_met',
          next_follow_up_on = NULL
        WHERE stage = 'closed';
      UPDATE protection_case SET closure_request = jsonb_build_object('reason', 'plan_goals_met')
        WHERE closed_at IS NULL AND random() < 0.03;`);

    // Reports: most triaged, some waiting in the triage queue, a few closed without a case.
    await client.query(`
      CREATE TEMP TABLE seed_report AS
        SELECT n, gen_random_uuid() AS id, t, (random() * ${PLAN_SEED.workersPerTerritory - 1})::int AS w,
          now() - random() * interval '3 years' AS received_at
        FROM (SELECT n, ${skewedTerritory} AS t FROM generate_series(1, ${PLAN_SEED.reports}) n OFFSET 0) tt;
      INSERT INTO report (id, territory_code, source_code, received_at, urgency, harm_forms, details_enc,
          status, created_by, created_at)
        SELECT r.id, st.code, ${pick(list(sources))}, r.received_at,
          (ARRAY['normal','normal','normal','urgent','urgent','immediate'])[1 + floor(random() * 6)::int],
          ARRAY[${pick(list(harmForms))}], ${envelope(200)},
          CASE WHEN random() < 0.06 THEN 'new' WHEN random() < 0.9 THEN 'triaged' ELSE 'closed' END,
          w.id, r.received_at
        FROM seed_report r JOIN seed_territory st ON st.i = r.t JOIN seed_worker w ON w.t = r.t AND w.k = r.w;
      INSERT INTO report_child (report_id, position, description_enc, sex)
        SELECT id, 0, ${envelope(100)}, 'unknown' FROM seed_report;`);

    // The case plans: two services per case on average, with dates around today; cards for the
    // services requested from an institution, in every state, mostly to one of the territory's.
    await client.query(`
      CREATE TEMP TABLE seed_plan AS
        SELECT gen_random_uuid() AS id, c.id AS case_id, c.territory_code, c.assigned_worker_id,
          c.created_by, c.opened_at, ${pick(list(services))} AS service_code,
          (ARRAY['planned','requested','requested','in_progress','in_progress','delivered','delivered','not_delivered'])[1 + floor(random() * 8)::int] AS status,
          current_date + (random() * 90 - 45)::int AS due_on
        FROM protection_case c, generate_series(1, 1 + (random() * 2.2 + 0 * length(c.stage))::int) g;
      INSERT INTO plan_item (id, case_id, territory_code, stage, service_code, sector_code, due_on, status,
          created_by, created_at)
        SELECT p.id, p.case_id, p.territory_code, 'care', p.service_code, s.sector,
          p.due_on, p.status, p.created_by, p.opened_at
        FROM seed_plan p JOIN seed_service s ON s.code = p.service_code;
      -- Mostly an institution of the case's territory, sometimes one of another province.
      CREATE TEMP TABLE seed_card_target AS
        SELECT p.id AS plan_id,
          CASE WHEN random() < 0.95 THEN st.i ELSE (st.i + 7) % (SELECT count(*) FROM seed_territory)::int END AS it,
          floor(random() * ${PLAN_SEED.institutionsPerTerritory})::int AS ik
        FROM seed_plan p JOIN seed_territory st ON st.code = p.territory_code
        WHERE p.status <> 'planned';
      CREATE TEMP TABLE seed_card AS
        SELECT row_number() OVER () AS n, p.*, i.id AS institution_id,
          CASE p.status
            WHEN 'requested' THEN (ARRAY['draft','sent','sent','received'])[1 + floor(random() * 4)::int]
            WHEN 'in_progress' THEN 'in_progress'
            WHEN 'delivered' THEN 'completed'
            WHEN 'not_delivered' THEN (ARRAY['declined','cancelled'])[1 + floor(random() * 2)::int]
          END AS card_status,
          p.opened_at + random() * interval '20 days' AS sent
        FROM seed_plan p
        JOIN seed_card_target g ON g.plan_id = p.id
        JOIN seed_institution i ON i.t = g.it AND i.k = g.ik;
      INSERT INTO referral_card (id, number, case_id, plan_item_id, territory_code, sender_user_id,
          receiving_institution_id, service_code, urgency, due_on, status, created_at, sent_at,
          received_at, started_at, completed_at, measures_enc, declined_at, decline_reason_enc, cancelled_at)
        SELECT gen_random_uuid(), 'RC-' || c.n, c.case_id, c.id, c.territory_code, c.created_by,
          c.institution_id, c.service_code,
          (ARRAY['normal','normal','urgent','immediate'])[1 + floor(random() * 4)::int], c.due_on, c.card_status,
          c.sent - interval '1 hour',
          CASE WHEN c.card_status <> 'draft' THEN c.sent END,
          CASE WHEN c.card_status IN ('received','in_progress','completed') THEN c.sent + random() * interval '4 days' END,
          CASE WHEN c.card_status IN ('in_progress','completed') THEN c.sent + interval '4 days' + random() * interval '4 days' END,
          CASE WHEN c.card_status = 'completed' THEN c.sent + interval '8 days' + random() * interval '30 days' END,
          CASE WHEN c.card_status = 'completed' THEN ${envelope(150)} END,
          CASE WHEN c.card_status = 'declined' THEN c.sent + random() * interval '10 days' END,
          CASE WHEN c.card_status = 'declined' THEN ${envelope(100)} END,
          CASE WHEN c.card_status = 'cancelled' THEN c.sent + random() * interval '10 days' END
        FROM seed_card c;
      -- The thread of a card: a message or two on most cards that left the CAPE.
      INSERT INTO referral_message (card_id, case_id, territory_code, author_id, side, body_enc, created_at)
        SELECT r.id, r.case_id, r.territory_code, r.sender_user_id,
          CASE WHEN g % 2 = 0 THEN 'receiver' ELSE 'sender' END, ${envelope(150)},
          r.sent_at + g * interval '1 day'
        FROM referral_card r, generate_series(1, 2) g
        WHERE r.sent_at IS NOT NULL AND (g = 1 OR r.status IN ('in_progress', 'completed'));`);

    // What users leave behind: notifications, views of children's data, the security log, transfers.
    await client.query(`
      CREATE TEMP TABLE seed_user AS
        SELECT (row_number() OVER (ORDER BY login) - 1)::int AS i, id, login, territory_code FROM app_user;
      INSERT INTO notification (user_id, kind, data, created_at, read_at)
        SELECT u.id, 'referral_updated', '{}'::jsonb, at, CASE WHEN random() < 0.7 THEN at + interval '1 hour' END
        FROM (SELECT floor((SELECT count(*) FROM seed_user) * power(random(), 1.5))::int AS u,
                now() - random() * interval '1 year' AS at
              FROM generate_series(1, ${PLAN_SEED.notifications}) OFFSET 0) g
        JOIN seed_user u ON u.i = g.u;
      INSERT INTO access_log (at, user_id, child_id, case_id, territory_code, what, target_id)
        SELECT now() - random() * interval '1 year', c.created_by, c.child_id, c.id, c.territory_code,
          (ARRAY['identity','file:social','file:medical','document','referral_card'])[1 + floor(random() * 5)::int], NULL
        FROM (SELECT 1 + floor(random() * (SELECT count(*) FROM seed_case))::int AS k
              FROM generate_series(1, ${PLAN_SEED.accessLog}) OFFSET 0) g
        JOIN (SELECT row_number() OVER (ORDER BY id) AS k, * FROM protection_case) c ON c.k = g.k;
      INSERT INTO audit_log (at, event, outcome, actor_user_id, actor_login, territory_code, ip, details)
        SELECT now() - random() * interval '1 year', e.event, e.outcome, u.id, u.login, u.territory_code,
          '203.0.113.' || (g.n % 250), '{}'::jsonb
        FROM (SELECT n, floor(random() * (SELECT count(*) FROM seed_user))::int AS u,
                floor(random() * 6)::int AS e FROM generate_series(1, ${PLAN_SEED.auditLog}) n OFFSET 0) g
        JOIN seed_user u ON u.i = g.u
        JOIN (VALUES (0, 'login_succeeded', 'success'), (1, 'login_succeeded', 'success'),
                     (2, 'logout', 'success'), (3, 'login_failed', 'failure'),
                     (4, 'permission_refused', 'failure'), (5, 'user_updated', 'success')) e(i, event, outcome)
          ON e.i = g.e;
      INSERT INTO case_transfer (case_id, from_territory, to_territory, status, reason_enc, requested_by,
          requested_at, decided_by, decided_at)
        SELECT c.id, c.territory_code, st.code, s.status, ${envelope(100)}, c.created_by, s.at,
          CASE WHEN s.status <> 'requested' THEN c.created_by END,
          CASE WHEN s.status <> 'requested' THEN s.at + interval '3 days' END
        FROM (SELECT * FROM protection_case ORDER BY id LIMIT ${PLAN_SEED.transfers}) c
        CROSS JOIN LATERAL (
          SELECT (ARRAY['requested','accepted','accepted','declined','cancelled'])[1 + floor(random() * 5)::int] AS status,
            now() - random() * interval '1 year' AS at, length(c.stage) AS unused) s
        JOIN seed_territory st ON st.code <> c.territory_code
          AND st.i = (SELECT i FROM seed_territory WHERE code = c.territory_code) % 50 + 1;`);
    // As autovacuum leaves a settled database: statistics, and the visibility map index-only scans need.
    await client.query('VACUUM (ANALYZE)');
  } finally {
    await client.end();
  }
}
