import type { Db } from '../../platform/db/database';

export async function listAuditEntries(
  db: Db,
  filter: {
    event?: string | undefined;
    outcome?: 'success' | 'failure' | undefined;
    actor?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    territoryCode: string | null;
    limit: number;
    offset: number;
  },
) {
  let q = db.selectFrom('audit_log');
  if (filter.territoryCode) q = q.where('territory_code', '=', filter.territoryCode);
  if (filter.event) q = q.where('event', '=', filter.event);
  if (filter.outcome) q = q.where('outcome', '=', filter.outcome);
  if (filter.actor) q = q.where('actor_login', '=', filter.actor.toLowerCase());
  if (filter.from) q = q.where('at', '>=', new Date(filter.from));
  if (filter.to) q = q.where('at', '<', new Date(filter.to));
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
