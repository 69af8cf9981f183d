import { join } from 'node:path';

/** Where everything of one instance lives inside its data dir. */
export interface DataDirLayout {
  root: string;
  /** Company configuration (YAML). */
  config: string;
  /** SQLite database (absent when `SYNTHORG_DATABASE_URL` selects PostgreSQL). */
  database: string;
  logs: string;
  logFile: string;
  /** Runtime state: the instance lock and the one-time doctor token. */
  run: string;
  lockFile: string;
  doctorToken: string;
  backups: string;
}

export function layoutOf(dataDir: string): DataDirLayout {
  const run = join(dataDir, 'run');
  const logs = join(dataDir, 'logs');
  return {
    root: dataDir,
    config: join(dataDir, 'company.yaml'),
    database: join(dataDir, 'synthorg.db'),
    logs,
    logFile: join(logs, 'synthorg.log'),
    run,
    lockFile: join(run, 'instance.json'),
    doctorToken: join(run, 'doctor-token'),
    backups: join(dataDir, 'backups'),
  };
}
