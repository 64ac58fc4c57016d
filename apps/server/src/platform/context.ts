import type { Config } from './config';
import type { KeyRing } from './crypto';
import type { Db } from './db/database';
import type { EventBus } from './events';
import type { DocumentStore } from './storage';

/** What every module receives: configuration, the database, the key ring and the document store. */
export interface AppContext {
  config: Config;
  db: Db;
  keyRing: KeyRing;
  documents: DocumentStore;
  /** Live events of every instance (LISTEN/NOTIFY), for the server-sent events stream. */
  events: EventBus;
  /**
   * The read replica of READ_DATABASE_URL, for reporting and search queries; absent, they use `db`.
   * Read through `forReading(ctx)`. A replica may lag the primary by a moment: nothing that is
   * written, nor read to decide a write, goes there.
   */
  readDb?: Db;
}

/** The database for read-only reporting and search queries: the replica when there is one. */
export function forReading(ctx: AppContext): Db {
  return ctx.readDb ?? ctx.db;
}
