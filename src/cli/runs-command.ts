import Table from 'cli-table3';
import { openExistingStore } from './open-store.js';

export async function runsCommand(opts: { config?: string; db?: string }): Promise<void> {
  const store = openExistingStore(opts);
  try {
    const runs = await store.listRuns();
    if (runs.length === 0) {
      process.stdout.write('no runs yet\n');
      return;
    }
    const table = new Table({ head: ['run', 'status', 'started', 'finished', 'config hash', 'config'], style: { head: [], border: [] } });
    for (const r of runs) table.push([String(r.id), r.status, r.startedAt, r.finishedAt ?? '—', r.configHash.slice(0, 12), r.configPath]);
    process.stdout.write(`${table.toString()}\n`);
  } finally {
    await store.close();
  }
}
