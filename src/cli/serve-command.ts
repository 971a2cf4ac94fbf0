import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { loadConfig } from '../config/load.js';
import { RicegradeError } from '../errors.js';
import { readPriceCatalog } from '../prices/catalog.js';
import { createDashboard } from '../server/dashboard.js';
import type { Price } from '../types.js';
import { openExistingStore } from './open-store.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export async function serveCommand(opts: { config?: string; db?: string; port: string; host: string; token?: string; prices?: string }): Promise<void> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RicegradeError('ARGUMENT_INVALID', `--port: expected a port number, got "${opts.port}"`);
  if (!LOOPBACK.test(opts.host) && !opts.token) {
    throw new RicegradeError('ARGUMENT_INVALID', `--host ${opts.host}: binding beyond loopback exposes your results; add --token SECRET (every request must then carry it)`);
  }
  const store = openExistingStore(opts);
  const config = new Map<string, Price>();
  if (opts.config && existsSync(opts.config)) for (const m of loadConfig(opts.config).models) if (m.price) config.set(m.name, m.price);
  const app = createDashboard({ store, token: opts.token, sources: { config, catalog: opts.prices ? readPriceCatalog(resolve(opts.prices)) : undefined } });
  const server = serve({ fetch: app.fetch, port, hostname: opts.host }, (info) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    process.stdout.write(`ricegrade dashboard on http://${host}:${info.port}/${opts.token ? '?token=…' : ''} (Ctrl-C to stop)\n`);
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    process.stderr.write(`error: cannot listen on ${opts.host}:${port}: ${err.code ?? err.message}\n`);
    process.exit(err.code === 'EADDRINUSE' ? 2 : 1);
  });
  const stop = () => {
    server.close();
    void store.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
