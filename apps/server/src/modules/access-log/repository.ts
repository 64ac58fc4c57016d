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
  let q = db
    .selectFrom('access_log as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .leftJoin('child as c', 'c.id', 'a.child_id');
  if (filter.territoryCode) q = q.where('a.territory_code', '=', filter.territoryCode);
  if (filter.childCode) q = q.where('c.code', '=', filter.childCode.toUpperCase());
  if (filter.login) q = q.where('u.login', '=', filter.login.toLowerCase());
  if (filter.what) q = q.where('a.what', '=', filter.what);
  if (filter.from) q = q.where('a.at', '>=', new Date(filter.from));
  if (filter.to) q = q.where('a.at', '<', new Date(filter.to));
  const [rows, count] = await Promise.all([
    q
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
