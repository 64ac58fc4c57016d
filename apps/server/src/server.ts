import { buildApp } from './app';
import { seedDemoCases } from './demo/cases';
import { seedDemo } from './demo/seed';
import { ensureDefaultInstrument } from './modules/assessments/repository';
import { remindOverdueFollowUps } from './modules/follow-ups/service';
import { ensureDefaultProtocol } from './modules/plans/repository';
import { escalateOverdueReferrals, remindOverdueReferrals } from './modules/referrals/service';
import { loadReferenceData } from './modules/territories/repository';
import { purgeExpiredSessions } from './platform/auth/sessions';
import { type Config, loadConfig } from './platform/config';
import type { AppContext } from './platform/context';
import { KeyRing } from './platform/crypto';
import { createDb } from './platform/db/database';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './platform/db/embedded';
import { migrate } from './platform/db/migrate';
import { EventBus } from './platform/events';
import type { FastifyZodInstance } from './platform/http/zod';
import { Jobs } from './platform/jobs';
import { sendPendingEmails } from './platform/mail';
import { createDocumentStore } from './platform/storage';

export interface RunningServer {
  app: FastifyZodInstance;
  ctx: AppContext;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Madar: the database (embedded when no DATABASE_URL is given), migrations, reference
 * data, demo data in demo mode, background jobs, then the HTTP server. `stop()` finishes the
 * requests in flight before closing the database.
 */
export async function startServer(
  config: Config = loadConfig(),
  options: { logger?: boolean } = {},
): Promise<RunningServer> {
  let embedded: EmbeddedDatabase | undefined;
  let connectionString = config.databaseUrl;
  if (!connectionString) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
    connectionString = embedded.connectionString;
  }
  await migrate(connectionString);
  const { db } = createDb(connectionString);
  // Reporting and search queries go to the read replica when READ_DATABASE_URL names one.
  const readDb = config.readDatabaseUrl
    ? createDb(config.readDatabaseUrl, { applicationName: 'madar-read' }).db
    : undefined;
  const keyRing = new KeyRing(config.masterKeys, config.indexKey);
  const events = new EventBus(connectionString);
  await events.start();
  const ctx: AppContext = {
    config,
    db,
    keyRing,
    documents: createDocumentStore(config.storage, keyRing),
    events,
    ...(readDb ? { readDb } : {}),
  };
  await loadReferenceData(db);
  await ensureDefaultInstrument(db);
  await ensureDefaultProtocol(db);
  if (config.mode === 'demo' && config.demoSeed) {
    const seeded = await seedDemo(db);
    if (seeded.created) await seedDemoCases(ctx);
  }
  if (config.mode === 'production') {
    const demoUser = await db
      .selectFrom('app_user')
      .select('login')
      .where('is_demo', '=', true)
      .where('active', '=', true)
      .executeTakeFirst();
    if (demoUser) {
      await db.destroy();
      await readDb?.destroy();
      await embedded?.stop();
      throw new Error(
        'Production mode refuses to start while demo accounts are active: deactivate them first.',
      );
    }
  }

  const app = await buildApp(ctx, options);
  const jobs = new Jobs(connectionString, (error) =>
    app.log.error({ err: { message: error.message } }, 'job failed'),
  );
  await jobs.start();
  const smtpUrl = config.mail.smtpUrl;
  if (smtpUrl) {
    await jobs.schedule('send-emails', '* * * * *', async () => {
      await sendPendingEmails(db, { smtpUrl, from: config.mail.from });
    });
  }
  await jobs.schedule('purge-expired-sessions', '*/15 * * * *', async () => {
    await purgeExpiredSessions(db, config.sessionIdleSeconds);
  });
  // Every morning in Morocco (07:00 UTC): one notice per caseworker summing up their overdue
  // follow-ups, and one per CAPE coordinator summing up those of cases without a worker. It writes
  // (notices, and the per-day claims that keep a re-run from repeating them), so it runs on the
  // primary, never on the read replica.
  await jobs.schedule('follow-up-reminders', '0 7 * * *', async () => {
    const sent = await remindOverdueFollowUps(ctx);
    app.log.info(
      {
        job: 'follow-up-reminders',
        notices: sent.workers.length + sent.coordinators.length,
        workerNotices: sent.workers.length,
        coordinatorNotices: sent.coordinators.length,
      },
      'overdue follow-up reminders',
    );
  });
  // Referral cards past their due date: the receiving service is reminded, then, past
  // MADAR_REFERRAL_ESCALATION_DAYS, the CAPE coordinators are told. Each card once (claimed in SQL).
  await jobs.schedule('referral-reminders', '0 * * * *', async () => {
    await remindOverdueReferrals(ctx);
  });
  await jobs.schedule('referral-escalation', '30 * * * *', async () => {
    await escalateOverdueReferrals(ctx);
  });

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let stopping: Promise<void> | undefined;
  return {
    app,
    ctx,
    url: `http://localhost:${port}`,
    stop: () => {
      stopping ??= (async () => {
        await app.close();
        await jobs.stop();
        await events.stop();
        await db.destroy();
        await readDb?.destroy();
        await embedded?.stop();
      })();
      return stopping;
    },
  };
}
