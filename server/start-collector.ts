import { loadConfig } from './config.js';
import { createServer, type KizunaServer } from './create-server.js';

/**
 * Reads the configuration from `env`, opens the store, listens, and writes where the demo, the console and the
 * ingest endpoint are — plus the operator token on the one start that generated it.
 */
export async function startCollector(env: NodeJS.ProcessEnv, write: (text: string) => void): Promise<KizunaServer & { url: string }> {
  const config = loadConfig(env);
  const server = await createServer(config.server);
  const { app, store, adminToken, demoCreated } = server;
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host;
  const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;

  const lines = [
    `Kizuna collector on ${url} (${store.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.server.dataDir}`})`,
    `  Demo site:  ${url}/${demoCreated ? '   (demo site created: write key pk_demo)' : ''}`,
    `  Console:    ${url}/console/`,
    `  Ingest:     ${url}/v1/batch`,
  ];
  if (adminToken.generated) {
    lines.push(`  Operator token (shown once${adminToken.file ? `; saved in ${adminToken.file}` : ''}):`, `    ${adminToken.generated}`);
  } else if (adminToken.source === 'env') {
    lines.push('  Operator token: KIZUNA_ADMIN_TOKEN');
  } else {
    lines.push(`  Operator token: generated on first start${adminToken.file ? `, kept in ${adminToken.file}` : ' (set KIZUNA_ADMIN_TOKEN to replace it)'}`);
  }
  write(`${lines.join('\n')}\n`);
  return { ...server, url };
}
