import { ensureDashboardBuilt } from './dashboard-build.ts';

/** Once per test run, before any file: the browser tests need a current `dist`. */
export default async function setup(): Promise<void> {
  await ensureDashboardBuilt();
}
