import { buildServer } from './app.ts';
import { resolveServerSettings } from './settings/server-settings.ts';

/** Entry point of one API process: `node packages/server/src/main.ts`. */
async function main(): Promise<void> {
  const server = await buildServer({ settings: resolveServerSettings() });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.context.log.info({ event: 'api.app.signal', signal }, 'stopping');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.context.log.error({ event: 'api.app.shutdown_failed', err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await server.listen();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
