import { sql } from 'kysely';
import pg from 'pg';
import type { DbOrTx } from './db/database';

/** A live event for some users: small (ids and codes only), it fits PostgreSQL's 8 kB NOTIFY limit. */
export interface LiveEvent {
  type: string;
  userIds: string[];
  data: Record<string, string | number | boolean | null>;
}

const CHANNEL = 'madar_events';

/**
 * Publishes an event through PostgreSQL. Inside a transaction the NOTIFY is delivered at commit and
 * dropped on rollback, so nobody hears of what was not saved; every Madar instance LISTENing on the
 * database receives it, so a user connected to any instance is told.
 */
export async function publish(db: DbOrTx, event: LiveEvent): Promise<void> {
  if (event.userIds.length === 0) return;
  await sql`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(event)})`.execute(db);
}

type Listener = (event: LiveEvent) => void;

/** Receives the events of every instance (LISTEN) and hands them to this instance's subscribers. */
export class EventBus {
  private client: pg.Client | null = null;
  private readonly listeners = new Set<Listener>();
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly onError: (error: Error) => void = () => {},
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'madar-events',
    });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      let event: LiveEvent;
      try {
        event = JSON.parse(message.payload) as LiveEvent;
      } catch {
        return;
      }
      for (const listener of this.listeners) listener(event);
    });
    // A lost connection is retried: live updates come back without a restart.
    client.on('error', (error) => {
      this.onError(error);
      this.reconnectSoon();
    });
    client.on('end', () => this.reconnectSoon());
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  private reconnectSoon(): void {
    if (this.stopped || this.retry) return;
    this.client = null;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect().catch((error: Error) => {
        this.onError(error);
        this.reconnectSoon();
      });
    }, 2000);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
