import type { ReferralStatus } from '@madar/domain';
import { OPEN_REFERRAL_STATUSES } from '@madar/domain';
import { type Insertable, type SelectQueryBuilder, sql, type Updateable } from 'kysely';
import type { Db, DbOrTx } from '../../platform/db/database';
import type {
  PlanItemTable,
  ReferralAttachmentTable,
  ReferralCardTable,
  ReferralMessageTable,
} from '../../platform/db/schema';

// Dates leave the database as text: a DATE read as a JS Date shifts with the server's time zone.
const dueOnText = sql<string>`to_char(c.due_on, 'YYYY-MM-DD')`.as('due_on');
const OPEN = [...OPEN_REFERRAL_STATUSES];

// ---------------------------------------------------------------------------------------------
// What a card is made from
// ---------------------------------------------------------------------------------------------

export function findPlanItem(db: DbOrTx, id: string) {
  return db
    .selectFrom('plan_item as p')
    .select([
      'p.id',
      'p.case_id',
      'p.territory_code',
      'p.service_code',
      'p.sector_code',
      'p.status',
      'p.need_enc',
      sql<string>`to_char(p.due_on, 'YYYY-MM-DD')`.as('due_on'),
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export function findInstitution(db: DbOrTx, id: string) {
  return db
    .selectFrom('institution')
    .select(['id', 'name_ar', 'name_fr', 'sector_code', 'territory_code', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function offersService(db: DbOrTx, institutionId: string, serviceCode: string) {
  const row = await db
    .selectFrom('institution_service')
    .select('institution_id')
    .where('institution_id', '=', institutionId)
    .where('service_code', '=', serviceCode)
    .executeTakeFirst();
  return row !== undefined;
}

/** The next number of a territory's cards for a year; the row lock orders concurrent calls. */
export async function nextCardNumber(db: DbOrTx, territoryCode: string, year: number): Promise<number> {
  const row = await db
    .insertInto('referral_card_sequence')
    .values({ territory_code: territoryCode, year, last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['territory_code', 'year'])
        .doUpdateSet({ last_value: sql`referral_card_sequence.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export async function openCardOf(db: DbOrTx, planItemId: string) {
  const row = await db
    .selectFrom('referral_card')
    .select('id')
    .where('plan_item_id', '=', planItemId)
    .where('status', 'in', ['draft', ...OPEN])
    .executeTakeFirst();
  return row?.id ?? null;
}

export function latestAssessment(db: DbOrTx, caseId: string) {
  return db
    .selectFrom('assessment')
    .select(['assessed_at', 'instrument_version', 'danger_level', 'confirmed_orientation', 'result'])
    .where('case_id', '=', caseId)
    .orderBy('assessed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Institutions to suggest for a service: active ones of the territory that list it or belong to
 * its sector, and active ones elsewhere that list it; with their number of active focal points.
 */
export function suggestedInstitutions(
  db: DbOrTx,
  input: { territoryCode: string; serviceCode: string; sectorCode: string },
) {
  const offers = sql<boolean>`EXISTS (SELECT 1 FROM institution_service s WHERE s.institution_id = i.id AND s.service_code = ${input.serviceCode})`;
  return db
    .selectFrom('institution as i')
    .select([
      'i.id',
      'i.name_ar',
      'i.name_fr',
      'i.sector_code',
      'i.territory_code',
      'i.type',
      offers.as('offers'),
      sql<string>`(SELECT count(*) FROM app_user u WHERE u.institution_id = i.id AND u.active AND 'partner_focal_point' = ANY (u.roles))`.as(
        'focal_points',
      ),
    ])
    .where('i.active', '=', true)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('i.territory_code', '=', input.territoryCode),
          eb.or([eb('i.sector_code', '=', input.sectorCode), eb(offers, '=', true)]),
        ]),
        eb(offers, '=', true),
      ]),
    )
    .orderBy(sql`i.territory_code = ${input.territoryCode}`, 'desc')
    .orderBy(offers, 'desc')
    .orderBy('i.name_fr')
    .limit(200)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Cards
// ---------------------------------------------------------------------------------------------

export async function insertCard(db: DbOrTx, values: Insertable<ReferralCardTable> & { id: string }) {
  await db.insertInto('referral_card').values(values).execute();
}

const cardBase = (db: DbOrTx) => db.selectFrom('referral_card as c');

/** A card with what its pages show of the case, the child's code and the two institutions. */
function withCardColumns(q: ReturnType<typeof cardBase>) {
  return q
    .innerJoin('protection_case as p', 'p.id', 'c.case_id')
    .innerJoin('child as ch', 'ch.id', 'p.child_id')
    .innerJoin('institution as ri', 'ri.id', 'c.receiving_institution_id')
    .leftJoin('institution as si', 'si.id', 'c.sender_institution_id')
    .innerJoin('app_user as su', 'su.id', 'c.sender_user_id')
    .select([
      'c.id',
      'c.number',
      'c.case_id',
      'c.plan_item_id',
      'c.territory_code',
      'c.sender_institution_id',
      'c.sender_user_id',
      'c.receiving_institution_id',
      'c.service_code',
      'c.urgency',
      dueOnText,
      'c.status',
      'c.shared_sections',
      'c.share_identity',
      'c.note_enc',
      'c.measures_enc',
      'c.decline_reason_enc',
      'c.created_at',
      'c.updated_at',
      'c.sent_at',
      'c.sent_by',
      'c.received_at',
      'c.received_by',
      'c.started_at',
      'c.started_by',
      'c.completed_at',
      'c.completed_by',
      'c.declined_at',
      'c.declined_by',
      'c.cancelled_at',
      'c.cancelled_by',
      'c.overdue_notified_at',
      'c.escalated_at',
      'c.version',
      'ch.code as child_code',
      'ch.id as child_id',
      'ri.name_ar as receiving_name_ar',
      'ri.name_fr as receiving_name_fr',
      'ri.sector_code as receiving_sector_code',
      'ri.territory_code as receiving_territory_code',
      'si.name_ar as sender_name_ar',
      'si.name_fr as sender_name_fr',
      'si.sector_code as sender_sector_code',
      'si.territory_code as sender_territory_code',
      'su.full_name as sender_user_name',
      sql<string>`(SELECT count(*) FROM referral_message m WHERE m.card_id = c.id)`.as('message_count'),
    ]);
}

function cards(db: DbOrTx) {
  return withCardColumns(cardBase(db));
}

export type CardRow = NonNullable<Awaited<ReturnType<typeof findCard>>>;

export function findCard(db: DbOrTx, id: string) {
  return cards(db).where('c.id', '=', id).executeTakeFirst();
}

export interface CardFilter {
  box: 'inbox' | 'outbox' | 'case';
  territoryCode?: string;
  institutionId?: string;
  caseId?: string;
  status?: ReferralStatus;
  overdueOn?: string;
  limit: number;
  offset: number;
}

/** Open cards first, the most pressing due date first, then the newest (the boxes' index order). */
function inCardOrder<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>) {
  return query
    .orderBy(sql`CASE WHEN c.status IN ('sent', 'received', 'in_progress') THEN 0 ELSE 1 END`)
    .orderBy(sql`c.due_on`)
    .orderBy(sql`c.created_at DESC`)
    .orderBy(sql`c.id`);
}

/**
 * A box of cards: open ones first, the most pressing due date first, then the newest. The order is
 * that of the inbox and outbox indexes (migration 0007), so a page reads only its rows; the total
 * counts referral_card alone (every join is on a required foreign key and filters nothing).
 */
export async function listCards(db: Db, filter: CardFilter) {
  let q = cardBase(db);
  if (filter.box === 'inbox') {
    q = q.where('c.receiving_institution_id', '=', filter.institutionId!).where('c.status', '<>', 'draft');
  } else if (filter.box === 'outbox') {
    q = q.where('c.territory_code', '=', filter.territoryCode!);
  } else {
    q = q.where('c.case_id', '=', filter.caseId!);
  }
  if (filter.status) q = q.where('c.status', '=', filter.status);
  if (filter.overdueOn) q = q.where('c.status', 'in', OPEN).where('c.due_on', '<', filter.overdueOn);
  // The page is chosen on referral_card alone, then only its cards are joined to their case, child
  // and institutions: joining a busy institution's every card before sorting cost more than the page.
  const page = inCardOrder(q.select('c.id')).limit(filter.limit).offset(filter.offset);
  const [rows, count] = await Promise.all([
    inCardOrder(withCardColumns(cardBase(db).where('c.id', 'in', page))).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Moves a card on, if nobody moved it since the version the user saw and it is still in a status
 * the step starts from: the loser of two racing answers updates nothing.
 */
export function updateCardIfVersion(
  db: DbOrTx,
  id: string,
  version: number,
  from: readonly ReferralStatus[],
  values: Updateable<ReferralCardTable>,
) {
  return db
    .updateTable('referral_card')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', 'in', [...from])
    .returning('id')
    .executeTakeFirst();
}

/** The plan item follows its card; its version moves so a stale edit of the item gets a 409. */
export async function setPlanItemStatus(
  db: DbOrTx,
  id: string,
  change: {
    status: Updateable<PlanItemTable>['status'];
    onlyFrom?: readonly string[];
    institutionId?: string;
  },
) {
  let q = db
    .updateTable('plan_item')
    .set((eb) => ({
      status: change.status,
      not_delivered_reason: null,
      ...(change.institutionId ? { institution_id: change.institutionId } : {}),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id);
  if (change.onlyFrom) q = q.where('status', 'in', change.onlyFrom as never[]);
  await q.execute();
}

export async function userNames(db: DbOrTx, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'full_name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

// ---------------------------------------------------------------------------------------------
// Who hears of a card
// ---------------------------------------------------------------------------------------------

/** Active partner focal points of an institution: the receiving side. */
export async function focalPoints(db: DbOrTx, institutionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('active', '=', true)
    .where(sql<boolean>`'partner_focal_point' = ANY (roles)`)
    .execute();
  return rows.map((r) => r.id);
}

/** Active CAPE coordinators of a territory. */
export async function coordinators(db: DbOrTx, territoryCode: string): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('territory_code', '=', territoryCode)
    .where('active', '=', true)
    .where(sql<boolean>`'cape_coordinator' = ANY (roles)`)
    .execute();
  return rows.map((r) => r.id);
}

export async function assignedWorker(db: DbOrTx, caseId: string): Promise<string | null> {
  const row = await db
    .selectFrom('protection_case as p')
    .innerJoin('app_user as u', 'u.id', 'p.assigned_worker_id')
    .select('u.id')
    .where('p.id', '=', caseId)
    .where('u.active', '=', true)
    .executeTakeFirst();
  return row?.id ?? null;
}

// ---------------------------------------------------------------------------------------------
// Thread and documents
// ---------------------------------------------------------------------------------------------

export async function insertMessage(db: DbOrTx, values: Insertable<ReferralMessageTable> & { id: string }) {
  await db.insertInto('referral_message').values(values).execute();
}

function messages(db: DbOrTx) {
  return db
    .selectFrom('referral_message as m')
    .innerJoin('app_user as u', 'u.id', 'm.author_id')
    .select(['m.id', 'm.card_id', 'm.side', 'm.author_id', 'm.body_enc', 'm.created_at', 'u.full_name']);
}

export type MessageRow = Awaited<ReturnType<typeof listMessages>>[number];

export function listMessages(db: DbOrTx, cardId: string) {
  return messages(db).where('m.card_id', '=', cardId).orderBy('m.created_at').orderBy('m.id').execute();
}

export function findMessage(db: DbOrTx, id: string) {
  return messages(db).where('m.id', '=', id).executeTakeFirstOrThrow();
}

export async function insertAttachment(
  db: DbOrTx,
  values: Insertable<ReferralAttachmentTable> & { id: string },
) {
  await db.insertInto('referral_attachment').values(values).execute();
}

function attachments(db: DbOrTx) {
  return db
    .selectFrom('referral_attachment as a')
    .innerJoin('app_user as u', 'u.id', 'a.uploaded_by')
    .select([
      'a.id',
      'a.card_id',
      'a.side',
      'a.document_type',
      'a.title_enc',
      'a.storage_key',
      'a.content_type',
      'a.size_bytes',
      'a.sha256',
      'a.uploaded_by',
      'a.created_at',
      'u.full_name',
    ]);
}

export type AttachmentRow = NonNullable<Awaited<ReturnType<typeof findAttachment>>>;

export function findAttachment(db: DbOrTx, id: string) {
  return attachments(db).where('a.id', '=', id).executeTakeFirst();
}

export function listAttachments(db: DbOrTx, cardId: string) {
  return attachments(db).where('a.card_id', '=', cardId).orderBy('a.created_at').orderBy('a.id').execute();
}

// ---------------------------------------------------------------------------------------------
// Deadlines: each card is reminded once and escalated once, whatever the number of instances.
// ---------------------------------------------------------------------------------------------

const claimed = [
  'id',
  'number',
  'case_id',
  'territory_code',
  'receiving_institution_id',
  'sender_user_id',
  'status',
] as const;

/** Claims the open cards past their due date not reminded yet (the UPDATE is the lock). */
export function claimOverdueForReminder(db: DbOrTx, today: string) {
  return db
    .updateTable('referral_card')
    .set({ overdue_notified_at: new Date() })
    .where('status', 'in', OPEN)
    .where('due_on', '<', today)
    .where('overdue_notified_at', 'is', null)
    .returning(claimed)
    .execute();
}

/** Claims the open cards due before `dueBefore` (today less the threshold) not escalated yet. */
export function claimOverdueForEscalation(db: DbOrTx, dueBefore: string) {
  return db
    .updateTable('referral_card')
    .set({ escalated_at: new Date() })
    .where('status', 'in', OPEN)
    .where('due_on', '<', dueBefore)
    .where('escalated_at', 'is', null)
    .returning(claimed)
    .execute();
}

export async function childCodes(db: DbOrTx, caseIds: string[]) {
  if (caseIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('protection_case as p')
    .innerJoin('child as ch', 'ch.id', 'p.child_id')
    .select(['p.id', 'ch.code'])
    .where('p.id', 'in', caseIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

// ---------------------------------------------------------------------------------------------
// Circuit view: where children wait
// ---------------------------------------------------------------------------------------------

export interface CircuitSqlRow {
  sector_code: string | null;
  service_code: string | null;
  grouped: number;
  cards: string;
  completed: string;
  declined: string;
  cancelled: string;
  open_now: string;
  overdue_now: string;
  late: string;
  not_cancelled: string;
  median_ack: number | null;
  median_complete: number | null;
}

/**
 * Cards of a territory's cases sent in a period (days in Morocco), per receiving sector and service,
 * with the totals (the grouping set ()). Medians of hours in SQL; a card counts as late when it was
 * completed or declined after its due date, or is still open past it.
 */
export async function circuit(
  db: Db,
  input: { territoryCode: string; from: string; to: string; today: string },
) {
  const local = (column: string) => sql.raw(`(c.${column} AT TIME ZONE 'Africa/Casablanca')::date`);
  const open = sql`c.status IN ('sent', 'received', 'in_progress')`;
  const result = await sql<CircuitSqlRow>`
    SELECT ri.sector_code, c.service_code,
      GROUPING(ri.sector_code, c.service_code) AS grouped,
      count(*) AS cards,
      count(*) FILTER (WHERE c.status = 'completed') AS completed,
      count(*) FILTER (WHERE c.status = 'declined') AS declined,
      count(*) FILTER (WHERE c.status = 'cancelled') AS cancelled,
      count(*) FILTER (WHERE ${open}) AS open_now,
      count(*) FILTER (WHERE ${open} AND c.due_on < ${input.today}::date) AS overdue_now,
      count(*) FILTER (WHERE (${open} AND c.due_on < ${input.today}::date)
        OR (c.status = 'completed' AND ${local('completed_at')} > c.due_on)
        OR (c.status = 'declined' AND ${local('declined_at')} > c.due_on)) AS late,
      count(*) FILTER (WHERE c.status <> 'cancelled') AS not_cancelled,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.received_at - c.sent_at) / 3600)
        AS median_ack,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.completed_at - c.sent_at) / 3600)
        AS median_complete
    FROM referral_card c
    JOIN institution ri ON ri.id = c.receiving_institution_id
    WHERE c.territory_code = ${input.territoryCode}
      AND c.sent_at IS NOT NULL
      AND ${local('sent_at')} BETWEEN ${input.from}::date AND ${input.to}::date
      -- The same period as instants, so that referral_card_sent_idx reads only its range.
      AND c.sent_at >= (${input.from}::date::timestamp AT TIME ZONE 'Africa/Casablanca')
      AND c.sent_at < ((${input.to}::date + 1)::timestamp AT TIME ZONE 'Africa/Casablanca')
    GROUP BY GROUPING SETS ((ri.sector_code, c.service_code), ())
    ORDER BY grouped, ri.sector_code, c.service_code`.execute(db);
  return result.rows;
}

export function territoryExists(db: DbOrTx, code: string) {
  return db.selectFrom('territory').select('code').where('code', '=', code).executeTakeFirst();
}
