import { startTestServer, type TestServer } from '../../../../server/test/support/test-server.ts';
import { WEB_DIST } from './dashboard-build.ts';

/** The real server (real SQLite file, port 0 unless given) serving the built dashboard. */
export function startDashboardServer(
  options: { dataDir?: string; port?: number } = {},
): Promise<TestServer> {
  return startTestServer({
    settings: {
      webDir: WEB_DIST,
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.port ? { port: options.port } : {}),
    },
  });
}
