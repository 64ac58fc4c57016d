import { type ChildIdentity, casablancaDate, checkTransition, FINAL_PLAN_ITEM_STATUSES } from '@madar/domain';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { findInClear } from '../../test/clear-text';
import { Client, createTestApp, type TestApp } from '../../test/harness';
import { FAMILY_NAME_FREQUENCIES, STAFF_FAMILY_NAMES } from '../demo/names';
import { decryptIdentity } from '../modules/children/identity';
import { BENCH_PASSWORD, buildContext } from './context';
import { escapeText } from './encode';
import { type GenerationResult, generateNational } from './index';
import { Json, Numbered, Sealed, TABLE_ORDER, TABLES } from './rows';
import { dayOf, iso, simulateBatch } from './simulate';

const context = buildContext(5);
const spec = { seed: 5, batch: 3, batchSize: 400, children: 4000, today: '2026-11-23' };

describe('the simulation', () => {
  it('gives the same rows for the same seed, other rows for another', () => {
    const a = simulateBatch(context, spec);
    const b = simulateBatch(buildContext(5), spec);
    expect(a.rows.child.length).toBeGreaterThan(300);
    expect(b).toEqual(a);
    const other = simulateBatch(buildContext(6), { ...spec, seed: 6 });
    expect(other.rows.child.map((r) => r[0])).not.toEqual(a.rows.child.map((r) => r[0]));
  });

  it('writes plain cells the COPY text can carry unescaped', () => {
    const { rows } = simulateBatch(context, spec);
    for (const table of TABLE_ORDER) {
      for (const row of rows[table]) {
        expect(row).toHaveLength(TABLES[table].length);
        for (const cell of row) {
          if (typeof cell === 'string') expect(escapeText(cell), table).toBe(cell);
          else if (Array.isArray(cell)) for (const v of cell) expect(v, table).toMatch(/^[a-z_]+$/);
          else if (cell !== null && typeof cell === 'object') {
            expect(cell instanceof Sealed || cell instanceof Json || cell instanceof Numbered, table).toBe(
              true,
            );
          }
        }
      }
    }
  });

  it('formats instants and Moroccan dates as the database and the app do', () => {
    for (const at of [0, 1_700_000_000_123, 1_798_675_199_999.7, Date.parse('2026-03-29T23:30:00Z')]) {
      expect(iso(at)).toBe(new Date(Math.floor(at)).toISOString());
      expect(dayOf(at)).toBe(casablancaDate(new Date(at)));
    }
  });

  it('names staff with family names no child bears', () => {
    const children = new Set(FAMILY_NAME_FREQUENCIES.flatMap((n) => n.latin));
    expect(STAFF_FAMILY_NAMES.filter((n) => children.has(n))).toEqual([]);
  });
});

describe('a generated database', () => {
  const today = casablancaDate();
  const options = { children: 300, seed: 11, batchSize: 100, today, env: { MADAR_DATA_DIR: '.madar-test' } };
  let bulk: TestApp;
  let checked: TestApp;
  let result: GenerationResult;

  beforeAll(async () => {
    [bulk, checked] = await Promise.all([createTestApp(), createTestApp()]);
    // Bulk path: a worker thread, indexes dropped and rebuilt, foreign-key triggers off.
    result = await generateNational({ ...options, databaseUrl: bulk.databaseUrl, workers: 1 });
    // Checked path: every row checked by PostgreSQL as it arrives, and interrupted after a batch.
    const first = await generateNational({
      ...options,
      databaseUrl: checked.databaseUrl,
      workers: 0,
      bulk: false,
      stopAfterBatches: 1,
    });
    expect(first.finished).toBe(false);
    await generateNational({
      ...options,
      databaseUrl: checked.databaseUrl,
      workers: 0,
      bulk: false,
      resume: true,
    });
  }, 120_000);

  it('is the same whether loaded in bulk at once or checked row by row and resumed', async () => {
    expect(result.counts.child).toBeGreaterThan(250);
    expect(result.counts.referral_card).toBeGreaterThan(300);
    for (const table of TABLE_ORDER) {
      const columns = TABLES[table].filter((c) => !c.endsWith('_enc'));
      const query = sql<
        Record<string, unknown>
      >`SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM ${sql.table(table)}
        ORDER BY ${sql.join(columns.map((c) => sql`${sql.ref(c)}::text`))}`;
      const [a, b] = await Promise.all([query.execute(bulk.ctx.db), query.execute(checked.ctx.db)]);
      expect(b.rows.length, table).toBe(a.rows.length);
      expect(b.rows, table).toEqual(a.rows);
    }
    // Envelopes differ (fresh keys and IVs), what they hold does not.
    const identities = async (t: TestApp) =>
      (await t.ctx.db.selectFrom('child').select(['id', 'identity_enc']).orderBy('id').execute()).map((c) =>
        decryptIdentity(t.ctx.keyRing, c.id, c.identity_enc),
      );
    expect(await identities(checked)).toEqual(await identities(bulk));
    // A second run on a finished database changes nothing.
    const again = await generateNational({ ...options, databaseUrl: bulk.databaseUrl, workers: 0 });
    expect(again.alreadyDone).toBe(true);
  });

  it("is read by the application: a child's identity, and search by name in both scripts", async () => {
    const rows = await checked.ctx.db
      .selectFrom('child')
      .select(['id', 'territory_code', 'identity_enc'])
      .where('merged_into', 'is', null)
      .execute();
    const named = rows
      .map((r) => ({ ...r, identity: decryptIdentity(checked.ctx.keyRing, r.id, r.identity_enc) }))
      .find(
        (r) =>
          r.identity.firstNameAr &&
          r.identity.lastNameAr &&
          r.identity.firstNameLatin &&
          r.identity.lastNameLatin,
      )!;
    expect(named).toBeDefined();
    // The generated accounts sign in with the bench password (no two-factor step in demo mode).
    const coordinator = new Client(checked.app, 'fr');
    expect((await coordinator.login(`coordinateur.${named.territory_code}`, BENCH_PASSWORD)).statusCode).toBe(
      200,
    );
    const identity = await coordinator.get(`/api/v1/children/${named.id}/identity`);
    expect(identity.statusCode).toBe(200);
    expect(identity.json().identity).toEqual(named.identity);
    for (const name of [
      `${named.identity.firstNameAr} ${named.identity.lastNameAr}`,
      `${named.identity.firstNameLatin} ${named.identity.lastNameLatin}`,
    ]) {
      const found = await coordinator.post('/api/v1/children/search', { name, limit: 50 });
      expect(found.statusCode, name).toBe(200);
      expect(
        found.json().items.map((i: { child: { id: string } }) => i.child.id),
        name,
      ).toContain(named.id);
    }
    const cases = await coordinator.get('/api/v1/cases?includeClosed=true&limit=20');
    expect(cases.statusCode).toBe(200);
    expect(cases.json().total).toBeGreaterThan(0);
  });

  it('moves every case along the circuit by its rules', async () => {
    const cases = await checked.ctx.db
      .selectFrom('protection_case')
      .select(['id', 'stage', 'closed_at', 'closure_reason'])
      .execute();
    const transitions = await checked.ctx.db
      .selectFrom('case_transition')
      .selectAll()
      .orderBy('case_id')
      .orderBy('at')
      .orderBy('id')
      .execute();
    const byCase = new Map<string, typeof transitions>();
    for (const t of transitions) byCase.set(t.case_id, [...(byCase.get(t.case_id) ?? []), t]);
    for (const kase of cases) {
      const steps = byCase.get(kase.id) ?? [];
      expect(steps[0]?.from_stage ?? 'none', kase.id).toBe('none');
      expect(steps[0]?.to_stage).toBe('detection');
      for (let k = 1; k < steps.length; k++) {
        const step = steps[k]!;
        expect(step.from_stage).toBe(steps[k - 1]!.to_stage);
        const check = checkTransition({
          from: step.from_stage!,
          to: step.to_stage,
          reason: step.reason_enc ? 'recorded' : null,
          closureReason: step.closure_reason,
          openServicesCount: 0,
          confirmOpenServices: true,
          approvedByCoordinator: step.to_stage === 'closed' ? step.approved_by !== null : false,
        });
        expect(check, `${kase.id}: ${step.from_stage} → ${step.to_stage}`).toMatchObject({ ok: true });
      }
      expect(steps.at(-1)!.to_stage).toBe(kase.stage);
      expect(kase.closed_at !== null).toBe(kase.stage === 'closed');
      if (kase.stage === 'closed') expect(kase.closure_reason).toBe(steps.at(-1)!.closure_reason);
    }
  });

  it('times referral cards in order, and their plan items follow them', async () => {
    const cards = await checked.ctx.db
      .selectFrom('referral_card as r')
      .innerJoin('plan_item as p', 'p.id', 'r.plan_item_id')
      .selectAll('r')
      .select(['p.status as item_status', 'p.created_at as item_created_at'])
      .execute();
    const statuses = new Set(cards.map((c) => c.status));
    expect([...statuses].sort()).toEqual(
      ['cancelled', 'completed', 'declined', 'draft', 'in_progress', 'received', 'sent'].filter((s) =>
        statuses.has(s as never),
      ),
    );
    expect(statuses.has('completed') && statuses.has('sent')).toBe(true);
    const ms = (d: Date | null) => d?.getTime() ?? null;
    for (const c of cards) {
      const order = [c.created_at, c.sent_at, c.received_at, c.started_at, c.completed_at ?? c.declined_at]
        .map(ms)
        .filter((t): t is number => t !== null);
      expect(
        [...order].sort((a, b) => a - b),
        c.number,
      ).toEqual(order);
      if (c.cancelled_at) expect(c.cancelled_at.getTime()).toBeGreaterThanOrEqual(c.created_at.getTime());
      expect(c.updated_at.getTime()).toBeGreaterThanOrEqual(Math.max(...order));
      expect(c.created_at.getTime()).toBeGreaterThanOrEqual(c.item_created_at.getTime());
      if (c.status === 'sent' || c.status === 'received') expect(c.item_status, c.number).toBe('requested');
      if (c.status === 'in_progress') expect(c.item_status).toBe('in_progress');
      if (c.status === 'completed') expect(c.item_status).toBe('delivered');
      if (c.escalated_at) expect(c.overdue_notified_at).not.toBeNull();
    }
    const items = await checked.ctx.db
      .selectFrom('plan_item')
      .select(['status', 'not_delivered_reason'])
      .execute();
    for (const item of items) {
      expect(item.not_delivered_reason !== null).toBe(item.status === 'not_delivered');
    }
    expect(items.some((i) => FINAL_PLAN_ITEM_STATUSES.includes(i.status))).toBe(true);
  });

  it('numbers children and cards from the sequences, without gaps', async () => {
    for (const [table, sequence, pattern] of [
      ['child', 'child_code_sequence', /^([A-Z0-9]+)-(\d{4})-(\d{5})$/],
      ['referral_card', 'referral_card_sequence', /^RC-([A-Z0-9]+)-(\d{4})-(\d{5})$/],
    ] as const) {
      const codes = await sql<{
        code: string;
      }>`SELECT ${sql.ref(table === 'child' ? 'code' : 'number')} AS code FROM ${sql.table(table)}`.execute(
        checked.ctx.db,
      );
      const numbers = new Map<string, number[]>();
      for (const { code } of codes.rows) {
        const [, prefix, year, n] = pattern.exec(code)!;
        numbers.set(`${prefix}|${year}`, [...(numbers.get(`${prefix}|${year}`) ?? []), Number(n)]);
      }
      const last = await sql<{ prefix: string; year: number; last_value: number }>`
        SELECT t.case_code_prefix AS prefix, s.year, s.last_value FROM ${sql.table(sequence)} s
        JOIN territory t ON t.code = s.territory_code`.execute(checked.ctx.db);
      expect(last.rows.length).toBe(numbers.size);
      for (const row of last.rows) {
        const got = numbers.get(`${row.prefix}|${row.year}`)!.sort((a, b) => a - b);
        expect(got, `${table} ${row.prefix} ${row.year}`).toEqual(
          Array.from({ length: row.last_value }, (_, k) => k + 1),
        );
      }
    }
  });

  it('holds no child name, phone or address in clear, in any table', async () => {
    const children = await checked.ctx.db.selectFrom('child').select(['id', 'identity_enc']).execute();
    const needles: string[] = [];
    for (const child of children) {
      const identity: ChildIdentity = decryptIdentity(checked.ctx.keyRing, child.id, child.identity_enc);
      if (identity.firstNameAr && identity.lastNameAr)
        needles.push(`${identity.firstNameAr} ${identity.lastNameAr}`);
      if (identity.firstNameLatin && identity.lastNameLatin)
        needles.push(`${identity.firstNameLatin} ${identity.lastNameLatin}`);
      if (identity.fatherName) needles.push(identity.fatherName);
      if (identity.address) needles.push(identity.address);
      needles.push(...identity.phones);
    }
    expect(needles.length).toBeGreaterThan(500);
    expect(await findInClear(checked.ctx.db, needles)).toEqual([]);
  });
});
