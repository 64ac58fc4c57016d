import type { Db } from '../../platform/db/database';

export async function listAccess(
  db: Db,
  filter: {
    territoryCode: string | null;
    childCode?: string | undefined;
    login?: string | undefined;
    what?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  // Filters are on access_log itself (a user and a child by their unique login and code), so the
  // total counts one table through its indexes (migration 0007), without joining each row.
  let q = db.selectFrom('access_log as a');
  if (filter.territoryCode) q = q.where('a.territory_code', '=', filter.territoryCode);
  if (filter.childCode) {
    const code = filter.childCode.toUpperCase();
    q = q.where('a.child_id', 'in', (eb) =>
      eb.selectFrom('child').select('child.id').where('child.code', '=', code),
    );
  }
  if (filter.login) {
    const login = filter.login.toLowerCase();
    q = q.where('a.user_id', 'in', (eb) =>
      eb.selectFrom('app_user').select('app_user.id').where('app_user.login', '=', login),
    );
  }
  if (filter.what) q = q.where('a.what', '=', filter.what);
  if (filter.from) q = q.where('a.at', '>=', new Date(filter.from));
  if (filter.to) q = q.where('a.at', '<', new Date(filter.to));
  const [rows, count] = await Promise.all([
    q
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .leftJoin('child as c', 'c.id', 'a.child_id')
      .select([
        'a.at',
        'a.user_id',
        'u.login',
        'u.full_name',
        'a.what',
        'a.target_id',
        'a.child_id',
        'c.code',
        'a.case_id',
        'a.territory_code',
      ])
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
