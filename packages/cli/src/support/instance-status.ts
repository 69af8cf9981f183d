import { type InstanceStatus, instanceStatusSchema, SYNTHORG_VERSION } from '@synthorg/shared';

import { isRecordLive, readInstanceRecord } from './instance-lock.ts';
import { type ProbeResult, probeHealth } from './probe.ts';
import { fetchSetupPending } from './setup-state.ts';

type ListenerState = NonNullable<InstanceStatus['health']>['api'];

function stateOf(probe: ProbeResult): ListenerState {
  return probe.reachable ? probe.health.status : 'unreachable';
}

/** Loopback form of a recorded URL, so probes never depend on how `localhost` resolves. */
function loopback(url: string): string {
  return url.replace('://localhost:', '://127.0.0.1:');
}

/** The status of the instance owning `dataDir`, validated against the shared schema. */
export async function collectStatus(dataDir: string): Promise<InstanceStatus> {
  const record = readInstanceRecord(dataDir);
  const running = record !== null && isRecordLive(record);
  const base = {
    data_dir: dataDir,
    running,
    stale_lock: record !== null && !running,
    pid: running ? record.pid : null,
    started_at: running ? record.started_at : null,
    cli_version: SYNTHORG_VERSION,
    urls: null,
    health: null,
    setup_pending: null,
    healthy: false,
  };
  if (!running || !record.api_url || !record.dashboard_url) {
    return instanceStatusSchema.parse(base);
  }
  const [api, dashboard] = await Promise.all([
    probeHealth(record.api_url),
    probeHealth(loopback(record.dashboard_url)),
  ]);
  const health = {
    api: stateOf(api),
    dashboard: stateOf(dashboard),
    detail: api.reachable ? api.health : null,
  };
  return instanceStatusSchema.parse({
    ...base,
    urls: { api: record.api_url, dashboard: record.dashboard_url },
    health,
    setup_pending: await fetchSetupPending(record.api_url),
    healthy: health.api === 'ok' && health.dashboard === 'ok',
  });
}
