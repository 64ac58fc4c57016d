import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/accounts';
import { ConfigError, loadConfig } from './platform/config';
import { startServer } from './server';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const started = Date.now();
  const server = await startServer(config);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (config.mode === 'demo') {
    const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.login.length));
    console.log(
      [
        '',
        `  Madar is running at ${server.url}  (started in ${seconds} s)`,
        '',
        '  DEMO MODE — fictitious data, not for real children. Demo accounts (password for all):',
        `  password: ${DEMO_PASSWORD}`,
        ...DEMO_ACCOUNTS.map(
          (a) =>
            `    ${a.login.padEnd(width)}  ${a.roles.join(', ')}${a.territoryCode ? ` — ${a.territoryCode}` : ''}`,
        ),
        '',
        `  API documentation: ${server.url}/api/docs`,
        '',
      ].join('\n'),
    );
  } else {
    server.app.log.info({ url: server.url, seconds }, 'Madar started');
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.app.log.info({ signal }, 'shutting down: finishing requests in flight');
      server
        .stop()
        .then(() => process.exit(0))
        .catch(() => process.exit(1));
    });
  }
}

main().catch((error) => {
  console.error(`Madar could not start: ${(error as Error).message}`);
  process.exit(1);
});
