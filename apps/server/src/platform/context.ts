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
}
