import type { ServerSettings } from '../../../../server/src/index.ts';
import { startTestServer, type TestServer } from '../../../../server/test/support/test-server.ts';
import { WEB_DIST } from './dashboard-build.ts';

/** The real server (real SQLite file, port 0 unless given) serving the built dashboard. */
export function startDashboardServer(settings: Partial<ServerSettings> = {}): Promise<TestServer> {
  return startTestServer({ settings: { webDir: WEB_DIST, ...settings } });
}
