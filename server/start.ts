import { loadConfig } from './config.js';
import { createServer } from './create-server.js';

/** `npm start`: reads the environment, opens the store, listens, says where everything is. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { app, store, adminToken, demoCreated } = await createServer(config.server);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host;
  const base = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;

  const lines = [
    `Kizuna collector on ${base} (${store.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.server.dataDir}`})`,
    `  Demo site:  ${base}/${demoCreated ? '   (demo site created: write key pk_demo)' : ''}`,
    `  Console:    ${base}/console/`,
    `  Ingest:     ${base}/v1/batch`,
  ];
  if (adminToken.generated) {
    lines.push(`  Operator token (shown once${adminToken.file ? `; saved in ${adminToken.file}` : ''}):`, `    ${adminToken.generated}`);
  } else if (adminToken.source === 'env') {
    lines.push('  Operator token: KIZUNA_ADMIN_TOKEN');
  } else {
    lines.push(`  Operator token: generated on first start${adminToken.file ? `, kept in ${adminToken.file}` : ' (set KIZUNA_ADMIN_TOKEN to replace it)'}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);

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
