import { startCollector } from './start-collector.js';

/** `npm start` / `node build/server/start.js`: start the collector and stop it cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const { app } = await startCollector(process.env, (text) => process.stdout.write(text));
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`kizuna: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
