import { PgBoss } from 'pg-boss';

export type JobHandler = () => Promise<void>;

/**
 * Background jobs on pg-boss: they live in PostgreSQL, survive restarts, and run once even when
 * several Madar instances share the database.
 */
export class Jobs {
  private readonly boss: PgBoss;
  private started = false;

  constructor(
    connectionString: string,
    private readonly onError: (error: Error) => void,
  ) {
    this.boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4 });
    this.boss.on('error', onError);
  }

  async start(): Promise<void> {
    await this.boss.start();
    this.started = true;
  }

  /** A recurring job on a cron schedule (UTC). */
  async schedule(name: string, cron: string, handler: JobHandler): Promise<void> {
    await this.boss.createQueue(name);
    await this.boss.schedule(name, cron);
    await this.boss.work(name, async () => {
      try {
        await handler();
      } catch (error) {
        this.onError(error as Error);
        throw error;
      }
    });
  }

  async stop(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: true, timeout: 10_000 });
  }
}
