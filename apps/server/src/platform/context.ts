import type { Config } from './config';
import type { KeyRing } from './crypto';
import type { Db } from './db/database';

/** What every module receives: configuration, the database and the key ring. */
export interface AppContext {
  config: Config;
  db: Db;
  keyRing: KeyRing;
}
