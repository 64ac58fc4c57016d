// `npm run rotate-keys`: after putting a new key first in MADAR_MASTER_KEYS (and keeping the old
// ones after it), moves every encrypted value and document to the new key.
import { loadConfig } from '../platform/config';
import { KeyRing } from '../platform/crypto';
import { createDb } from '../platform/db/database';
import { startEmbeddedPostgres } from '../platform/db/embedded';
import { rotateKeys } from '../platform/key-rotation';
import { createDocumentStore } from '../platform/storage';

const config = loadConfig();
const embedded = config.databaseUrl
  ? undefined
  : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
const { db } = createDb(config.databaseUrl ?? embedded!.connectionString);
const keyRing = new KeyRing(config.masterKeys, config.indexKey);
try {
  console.log(`Re-wrapping every encrypted value with master key "${keyRing.currentKeyId}"…`);
  await rotateKeys(db, keyRing, createDocumentStore(config.storage, keyRing), (line) =>
    console.log(`  ${line}`),
  );
  console.log('Done. Keys other than the first can now be removed from MADAR_MASTER_KEYS.');
} finally {
  await db.destroy();
  await embedded?.stop();
}
