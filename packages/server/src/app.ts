import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import websocket from '@fastify/websocket';
import { SYNTHORG_VERSION, WS_LIMITS } from '@synthorg/shared';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { analyticsRoutes } from './analytics/analytics-routes.ts';
import type { AppContext, WorkServices } from './app-context.ts';
import { approvalRoutes } from './approvals/approval-routes.ts';
import { createApprovalService } from './approvals/approval-service.ts';
import { artifactRoutes } from './artifacts/artifact-routes.ts';
import { createArtifactService } from './artifacts/artifact-service.ts';
import { authRoutes } from './auth/auth-routes.ts';
import { createAuthService } from './auth/auth-service.ts';
import { decorateAuth } from './auth/guards.ts';
import { createTokenSigner } from './auth/jwt.ts';
import { resolveJwtSecret } from './auth/jwt-secret.ts';
import { createLoginLockout, DEFAULT_LOCKOUT } from './auth/login-lockout.ts';
import { setupStatusRoutes } from './auth/setup-status-routes.ts';
import { createUserRepository } from './auth/user-repository.ts';
import { userRoutes } from './auth/user-routes.ts';
import { createUserService } from './auth/user-service.ts';
import { budgetRoutes } from './budget/budget-routes.ts';
import { createBudgetService } from './budget/budget-service.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { doctorRoutes } from './doctor/doctor-routes.ts';
import { createEngine } from './engine/engine.ts';
import { engineRoutes } from './engine/engine-routes.ts';
import type { EventPublisher } from './events/event-publisher.ts';
import { healthRoutes } from './health/health-routes.ts';
import type { App } from './http/app-instance.ts';
import { installErrorHandling } from './http/error-handler.ts';
import { registerHttpPlugins } from './http/http-plugins.ts';
import { installTextGuard } from './http/text-guard.ts';
import { API_EVENTS } from './logging/events.ts';
import { createLogger, type Logger } from './logging/logger.ts';
import { meetingRoutes } from './meetings/meeting-routes.ts';
import { createMeetingService } from './meetings/meeting-service.ts';
import { messageRoutes } from './messages/message-routes.ts';
import { createMessageService } from './messages/message-service.ts';
import { agentRoutes } from './org/agent-routes.ts';
import { orgRoutes } from './org/org-routes.ts';
import { createOrgServices, type OrgServices } from './org/org-services.ts';
import { providerRoutes } from './org/provider-routes.ts';
import { projectRoutes } from './projects/project-routes.ts';
import { createProjectService } from './projects/project-service.ts';
import { createRedisSharedState, type SharedState } from './redis/redis-realtime.ts';
import { type LiveSettings, liveSettings } from './settings/live-settings.ts';
import { API_PREFIX, type ServerSettings, sqlitePathOf } from './settings/server-settings.ts';
import { settingsRoutes } from './settings/settings-routes.ts';
import { createSettingsService, type SettingsService } from './settings/settings-service.ts';
import { createSettingsStore, type SettingsStore } from './settings/settings-store.ts';
import type { AgentDirectory } from './tasks/agent-directory.ts';
import { taskRoutes } from './tasks/task-routes.ts';
import { createTaskService } from './tasks/task-service.ts';
import { webRoutes } from './web/web-routes.ts';
import { revocationsOverBus } from './ws/bus-revocations.ts';
import { createEventHub } from './ws/event-hub.ts';
import { createInProcessBus } from './ws/fan-out-bus.ts';
import { createFlushScheduler } from './ws/flush-scheduler.ts';
import { createMemoryHistory } from './ws/memory-history.ts';
import { createMemoryTicketStore } from './ws/memory-ticket-store.ts';
import { ticketRoutes } from './ws/ticket-routes.ts';
import { createTicketService } from './ws/ticket-service.ts';
import { createWsAuthenticator } from './ws/ws-auth.ts';
import { WS_EVENTS } from './ws/ws-events.ts';
import { createWsRegistry } from './ws/ws-registry.ts';
import { wsRoute } from './ws/ws-route.ts';

/** 2 MiB, as in the original API. */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

export interface AppOptions {
  settings: ServerSettings;
  /** Log sink; stdout when absent. Tests pass a capturing stream. */
  logDestination?: DestinationStream;
}

export interface SynthOrgServer {
  app: App;
  context: AppContext;
  /** Starts listening on the configured host and port; resolves to the base URL. */
  listen(): Promise<string>;
  /** Graceful stop: stops accepting, finishes in-flight work, closes storage. */
  close(): Promise<void>;
}

/** Revoked tokens are purged this often once they have expired anyway. */
const REVOCATION_PURGE_MS = 60 * 60 * 1000;
/** Overdue approvals are expired (and `approval.expired` published) at least this often. */
const APPROVAL_SWEEP_MS = 30 * 1000;
/** Periodic meeting types get this period's meeting within this long (and at startup). */
const MEETING_SCHEDULE_MS = 60 * 1000;

/** The work domain: tasks, approvals, budget, messages, meetings, projects, artifacts. */
function buildWorkServices(
  base: {
    database: DatabaseHandle;
    log: Logger;
    settingsStore: SettingsStore;
    settings: SettingsService;
  },
  events: EventPublisher,
  org: OrgServices,
): WorkServices {
  const { agents, company } = org;
  const { db } = base.database;
  const deps = { db, events, log: base.log };
  const tasks = createTaskService({ ...deps, agents });
  const taskBudgetLimit = async (id: string) => (await tasks.find(id))?.budget_limit;
  const { settingsStore, settings } = base;
  return {
    tasks,
    approvals: createApprovalService(deps),
    budget: createBudgetService({ ...deps, settingsStore, settings, taskBudgetLimit, agents }),
    messages: createMessageService({ ...deps, agents }),
    meetings: createMeetingService({
      ...deps,
      org: {
        meetings: company.meetings,
        agents: () => agents.list(),
        departments: company.departments,
      },
    }),
    projects: createProjectService({ ...deps, agents }),
    artifacts: createArtifactService(deps),
  };
}

async function registerWorkRoutes(
  app: App,
  work: WorkServices,
  agents: AgentDirectory,
): Promise<void> {
  for (const routes of [
    taskRoutes(work.tasks, work.approvals),
    approvalRoutes(work.approvals),
    budgetRoutes(work.budget),
    messageRoutes(work.messages),
    meetingRoutes(work.meetings),
    projectRoutes(work.projects),
    artifactRoutes(work.artifacts),
    analyticsRoutes({ ...work, agents }),
  ]) {
    await app.register(routes, { prefix: API_PREFIX });
  }
}
/** Expired, never-redeemed WebSocket tickets are purged this often. */
const TICKET_PURGE_MS = 60 * 1000;
/** Frames above this are cut by the socket library (1009); up to it we answer "too large". */
const WS_MAX_PAYLOAD_BYTES = 64 * 1024;

/** One instance keeps its shared state in memory; with a Redis URL, every instance in Redis. */
function sharedStateOf(settings: ServerSettings, log: Logger, live: LiveSettings): SharedState {
  // Read on every login attempt, so the `security` settings apply at once.
  const lockout = {
    get maxFailuresPerUser() {
      return live.lockoutMaxFailuresPerUser();
    },
    get maxFailuresPerAddress() {
      return live.lockoutMaxFailuresPerAddress();
    },
    get windowMs() {
      return live.lockoutWindowMs();
    },
  };
  if (settings.redisUrl) {
    return createRedisSharedState({
      url: settings.redisUrl,
      prefix: settings.redisPrefix,
      historyCapacity: WS_LIMITS.historyPerChannel,
      log,
      lockout,
    });
  }
  return {
    mode: 'memory',
    history: createMemoryHistory(WS_LIMITS.historyPerChannel),
    bus: createInProcessBus(),
    tickets: createMemoryTicketStore(),
    lockout: createLoginLockout(withGetters({ ...DEFAULT_LOCKOUT }, lockout)),
    close: async () => {},
  };
}

/** `target` with the getters of `source` copied over (a spread would read them once). */
function withGetters<T extends object>(target: T, source: Partial<T>): T {
  return Object.defineProperties(target, Object.getOwnPropertyDescriptors(source));
}

/** The runtime settings, loaded before anything that applies them is built. */
async function loadSettings(settings: ServerSettings, database: DatabaseHandle, log: Logger) {
  await migrateToLatest(database.db, log);
  const runtimeSettings = await createSettingsService({ db: database.db, server: settings, log });
  const live = liveSettings(runtimeSettings, settings.fixedOrigins);
  // The logger was built from the environment; a stored level applies from now on.
  log.level = live.logLevel();
  runtimeSettings.onChange((namespace, key) => {
    if (namespace === 'observability' && key === 'log_level') log.level = live.logLevel();
  });
  return { runtimeSettings, live };
}

async function buildContext(options: AppOptions): Promise<AppContext> {
  const { settings } = options;
  const log = createLogger({ level: settings.logLevel, destination: options.logDestination });
  const database = openDatabase({ url: settings.databaseUrl, sqlitePath: sqlitePathOf(settings) });
  let shared: SharedState | undefined;
  try {
    const { runtimeSettings, live } = await loadSettings(settings, database, log);
    shared = sharedStateOf(settings, log, live);
    const settingsStore = createSettingsStore(database.db);
    const secret = await resolveJwtSecret(settings.jwtSecret, settingsStore, log);
    const userRepository = createUserRepository(database.db);
    const sessionRevocations = revocationsOverBus(shared.bus, log);
    const auth = createAuthService({
      users: userRepository,
      signer: createTokenSigner(secret),
      lockout: shared.lockout,
      revocations: sessionRevocations,
      log,
      tokenLifetimeSeconds: live.tokenLifetimeSeconds,
      minPasswordLength: live.minPasswordLength,
    });
    const users = createUserService({
      users: userRepository,
      revocations: sessionRevocations,
      log,
      minPasswordLength: live.minPasswordLength,
    });
    const events = createEventHub({ history: shared.history, bus: shared.bus, log });
    runtimeSettings.connect(events);
    const tickets = createTicketService({ store: shared.tickets, ttlMs: live.wsTicketTtlMs, log });
    const org = createOrgServices(
      { db: database.db, log, events },
      { dataDir: settings.dataDir, env: process.env, configPath: settings.configPath },
      // A newly stored (or reloaded) company changes the YAML layer of the settings.
      { afterApply: () => runtimeSettings.refresh(), companyName: live.companyName },
    );
    const work = buildWorkServices(
      { database, log, settingsStore, settings: runtimeSettings },
      events,
      org,
    );
    await org.bootstrap();
    const engine = createEngine({
      db: database.db,
      events,
      log,
      tasks: work.tasks,
      budget: work.budget,
      approvals: work.approvals,
      company: async () => ((await org.company.exists()) ? org.company.get() : undefined),
      providers: async () => ({
        config: await org.providers.resolvedConfig(process.env),
        configDir: settings.configPath ? dirname(settings.configPath) : settings.dataDir,
      }),
      agentStatus: {
        set: async (name, status) => {
          await org.agents.setStatus((await org.agents.get(name)).id, status);
        },
      },
      dataDir: settings.dataDir,
      // A restart-required setting: the value stored when this process started.
      runner: {
        ...settings.engine,
        pollIntervalMs: runtimeSettings.activeValue<number>('coordination', 'poll_interval_ms'),
      },
      liveLimits: () => ({
        maxConcurrentRuns: live.maxConcurrentRuns(),
        maxRunsPerAgent: live.maxRunsPerAgent(),
        maxTurns: live.maxTurns(),
      }),
    });
    return {
      ...{ settings, log, database, settingsStore, auth, users, sessionRevocations, events, org },
      runtimeSettings,
      live,
      tickets,
      shared,
      ...work,
      engine,
    };
  } catch (error) {
    await shared?.close();
    await database.close();
    throw error;
  }
}

/** Every ~interval, runs `task` and logs (never throws) a failure. */
function every(ms: number, log: AppContext['log'], name: string, task: () => Promise<unknown>) {
  return setInterval(() => {
    task().catch((err: unknown) => {
      log.warn({ event: API_EVENTS.maintenanceFailed, task: name, err }, 'maintenance failed');
    });
  }, ms).unref();
}

/** Tickets, `/ws` and its sockets: closed with 4011 on revocation and 1001 on shutdown. */
async function registerRealtime(app: App, context: AppContext): Promise<void> {
  const { settings, log, auth, events, tickets } = context;
  const registry = createWsRegistry({ heartbeatMs: settings.wsHeartbeatMs, log });
  context.sessionRevocations.subscribe((revocation) => registry.revoke(revocation));
  const authenticator = createWsAuthenticator({
    tickets,
    sessionActive: (owner) =>
      auth.isSessionActive(owner.userId, {
        id: owner.tokenId,
        passwordSignature: owner.passwordSignature,
      }),
  });

  await app.register(websocket, {
    options: { maxPayload: WS_MAX_PAYLOAD_BYTES, perMessageDeflate: false },
    errorHandler: (err, socket) => {
      log.warn({ event: WS_EVENTS.transportError, err }, 'socket error');
      socket.terminate();
    },
    preClose: async () => {
      events.publish('system.shutdown', {});
      await events.settled();
      await registry.shutdown();
      app.websocketServer.close();
    },
  });
  await app.register(ticketRoutes(tickets), { prefix: API_PREFIX });
  await app.register(
    wsRoute({
      hub: events,
      registry,
      authenticator,
      scheduler: createFlushScheduler(),
      authTimeoutMs: settings.wsAuthTimeoutMs,
      sendCapBytes: settings.wsSendCapBytes,
      allowedOrigins: context.live.allowedOrigins,
      log,
    }),
    { prefix: API_PREFIX },
  );
}

/**
 * The composition root: builds every service from the settings and wires the route plugins.
 * This is the only place that knows all the parts.
 */
export async function buildServer(options: AppOptions): Promise<SynthOrgServer> {
  const startedAt = Date.now();
  const context = await buildContext(options);
  const { settings, log, database } = context;

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    // Our own access log (http-plugins.ts) replaces Fastify's, so the query string is redacted.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    forceCloseConnections: true,
    // Ids may be up to 128 characters; Fastify's default of 100 would answer 414 outside the
    // envelope before our validation runs.
    routerOptions: { maxParamLength: 512 },
    // A `__proto__` key is dropped rather than refused as "not JSON": the body is valid JSON and
    // the key can never reach an object's prototype.
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
  }).withTypeProvider<ZodTypeProvider>() as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installTextGuard(app);
  await registerHttpPlugins(app, {
    allowedOrigins: context.live.allowedOrigins,
    rateLimitMax: context.live.rateLimitMax,
    rateLimitWindowMs: context.live.rateLimitWindowMs,
    ...(context.shared.rateLimitStore && { rateLimitStore: context.shared.rateLimitStore }),
  });
  decorateAuth(app, context.auth);

  await app.register(
    healthRoutes({
      persistence: database.ping,
      messageBus: () => context.events.healthy(),
      startedAt,
    }),
    { prefix: API_PREFIX },
  );
  await app.register(
    authRoutes({ auth: context.auth, limitPerMinute: settings.authRateLimitPerMinute }),
    { prefix: API_PREFIX },
  );
  await app.register(userRoutes(context.users), { prefix: API_PREFIX });
  for (const routes of [
    orgRoutes(context.org),
    agentRoutes(context.org.agents),
    providerRoutes(context.org.providers),
  ]) {
    await app.register(routes, { prefix: API_PREFIX });
  }
  await registerWorkRoutes(app, context, context.org.agents);
  await app.register(engineRoutes(context.engine), { prefix: API_PREFIX });
  const userCount = createUserRepository(database.db);
  await app.register(
    setupStatusRoutes({
      countUsers: () => userCount.count(),
      minPasswordLength: context.live.minPasswordLength,
    }),
    { prefix: API_PREFIX },
  );
  await app.register(settingsRoutes(context.runtimeSettings), { prefix: API_PREFIX });
  await app.register(doctorRoutes({ ...context, dataDir: settings.dataDir, users: userCount }), {
    prefix: API_PREFIX,
  });
  await registerRealtime(app, context);

  const timers = [
    every(REVOCATION_PURGE_MS, log, 'revocation_purge', context.auth.purgeExpiredRevocations),
    every(TICKET_PURGE_MS, log, 'ticket_purge', context.tickets.purgeExpired),
    every(APPROVAL_SWEEP_MS, log, 'approval_expiry', context.approvals.expireDue),
    every(MEETING_SCHEDULE_MS, log, 'meeting_schedule', () => context.meetings.scheduleDue()),
  ];

  // The first meeting pass runs when listening starts; closing waits for it.
  let meetingPass: Promise<unknown> = Promise.resolve();
  if (settings.webDir) await app.register(webRoutes({ webDir: settings.webDir }));

  app.addHook('onClose', async () => {
    for (const timer of timers) clearInterval(timer);
    await meetingPass;
    log.info({ event: API_EVENTS.appShutdown }, 'shutting down');
    // Runs checkpoint before storage closes, so a restart resumes them.
    await context.engine.stop();
    await context.events.close();
    await context.tickets.close();
    await context.shared.close();
    await database.close();
  });

  return {
    app,
    context,
    async listen() {
      const address = await app.listen({ host: settings.host, port: settings.port });
      if (settings.engine.enabled) await context.engine.start();
      meetingPass = context.meetings.scheduleDue().catch((err: unknown) => {
        log.warn({ event: API_EVENTS.maintenanceFailed, task: 'meeting_schedule', err }, 'failed');
      });
      log.info(
        { event: API_EVENTS.appStartup, version: SYNTHORG_VERSION, address, db: database.dialect },
        'listening',
      );
      context.events.publish('system.startup', { version: SYNTHORG_VERSION });
      return address;
    },
    close: () => app.close(),
  };
}
