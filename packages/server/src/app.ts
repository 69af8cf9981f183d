import { randomUUID } from 'node:crypto';
import { SYNTHORG_VERSION } from '@synthorg/shared';
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
import { createLoginLockout } from './auth/login-lockout.ts';
import { createSessionRevocations } from './auth/session-revocations.ts';
import { setupStatusRoutes } from './auth/setup-status-routes.ts';
import { createUserRepository } from './auth/user-repository.ts';
import { userRoutes } from './auth/user-routes.ts';
import { createUserService } from './auth/user-service.ts';
import { budgetRoutes } from './budget/budget-routes.ts';
import { createBudgetService } from './budget/budget-service.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import type { EventPublisher } from './events/event-publisher.ts';
import { healthRoutes } from './health/health-routes.ts';
import type { App } from './http/app-instance.ts';
import { installErrorHandling } from './http/error-handler.ts';
import { registerHttpPlugins } from './http/http-plugins.ts';
import { API_EVENTS } from './logging/events.ts';
import { createLogger, type Logger } from './logging/logger.ts';
import { meetingRoutes } from './meetings/meeting-routes.ts';
import { createMeetingService } from './meetings/meeting-service.ts';
import { messageRoutes } from './messages/message-routes.ts';
import { createMessageService } from './messages/message-service.ts';
import { agentRoutes } from './org/agent-routes.ts';
import { orgRoutes } from './org/org-routes.ts';
import { createOrgServices } from './org/org-services.ts';
import { providerRoutes } from './org/provider-routes.ts';
import { projectRoutes } from './projects/project-routes.ts';
import { createProjectService } from './projects/project-service.ts';
import { API_PREFIX, type ServerSettings, sqlitePathOf } from './settings/server-settings.ts';
import { createSettingsStore, type SettingsStore } from './settings/settings-store.ts';
import { taskRoutes } from './tasks/task-routes.ts';
import { createTaskService } from './tasks/task-service.ts';
import { webRoutes } from './web/web-routes.ts';
import { createEventHub } from './ws/event-hub.ts';

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

/** The work domain: tasks, approvals, budget, messages, meetings, projects, artifacts. */
function buildWorkServices(
  base: { database: DatabaseHandle; log: Logger; settingsStore: SettingsStore },
  events: EventPublisher,
): WorkServices {
  const { db } = base.database;
  const deps = { db, events, log: base.log };
  const tasks = createTaskService(deps);
  const taskBudgetLimit = async (id: string) => (await tasks.find(id))?.budget_limit;
  return {
    tasks,
    approvals: createApprovalService(deps),
    budget: createBudgetService({ ...deps, settingsStore: base.settingsStore, taskBudgetLimit }),
    messages: createMessageService(deps),
    meetings: createMeetingService(deps),
    projects: createProjectService(deps),
    artifacts: createArtifactService(deps),
  };
}

async function registerWorkRoutes(app: App, work: WorkServices): Promise<void> {
  for (const routes of [
    taskRoutes(work.tasks),
    approvalRoutes(work.approvals),
    budgetRoutes(work.budget),
    messageRoutes(work.messages),
    meetingRoutes(work.meetings),
    projectRoutes(work.projects),
    artifactRoutes(work.artifacts),
    analyticsRoutes(work),
  ]) {
    await app.register(routes, { prefix: API_PREFIX });
  }
}

async function buildContext(options: AppOptions): Promise<AppContext> {
  const { settings } = options;
  const log = createLogger({ level: settings.logLevel, destination: options.logDestination });
  const database = openDatabase({ url: settings.databaseUrl, sqlitePath: sqlitePathOf(settings) });
  try {
    await migrateToLatest(database.db, log);
    const settingsStore = createSettingsStore(database.db);
    const secret = await resolveJwtSecret(settings.jwtSecret, settingsStore, log);
    const userRepository = createUserRepository(database.db);
    const sessionRevocations = createSessionRevocations();
    const auth = createAuthService({
      users: userRepository,
      signer: createTokenSigner(secret),
      lockout: createLoginLockout(),
      revocations: sessionRevocations,
      log,
    });
    const users = createUserService({
      users: userRepository,
      revocations: sessionRevocations,
      log,
    });
    const events = createEventHub(log);
    const org = createOrgServices(
      { db: database.db, log, events },
      { dataDir: settings.dataDir, env: process.env, configPath: settings.configPath },
    );
    await org.bootstrap();
    const work = buildWorkServices({ database, log, settingsStore }, events);
    return {
      ...{ settings, log, database, settingsStore, auth, users, sessionRevocations, events, org },
      ...work,
    };
  } catch (error) {
    await database.close();
    throw error;
  }
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
  }).withTypeProvider<ZodTypeProvider>() as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  await registerHttpPlugins(app, settings);
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
  await registerWorkRoutes(app, context);
  const userCount = createUserRepository(database.db);
  await app.register(setupStatusRoutes({ countUsers: () => userCount.count() }), {
    prefix: API_PREFIX,
  });

  const purgeTimer = setInterval(() => {
    context.auth.purgeExpiredRevocations().catch((err: unknown) => {
      log.warn({ event: API_EVENTS.maintenanceFailed, task: 'revocation_purge', err }, 'purge');
    });
  }, REVOCATION_PURGE_MS).unref();

  const approvalSweep = setInterval(() => {
    context.approvals.expireDue().catch((err: unknown) => {
      log.warn({ event: API_EVENTS.maintenanceFailed, task: 'approval_expiry', err }, 'sweep');
    });
  }, APPROVAL_SWEEP_MS).unref();

  if (settings.webDir) await app.register(webRoutes({ webDir: settings.webDir }));

  app.addHook('onClose', async () => {
    clearInterval(purgeTimer);
    clearInterval(approvalSweep);
    log.info({ event: API_EVENTS.appShutdown }, 'shutting down');
    await database.close();
  });

  return {
    app,
    context,
    async listen() {
      const address = await app.listen({ host: settings.host, port: settings.port });
      log.info(
        { event: API_EVENTS.appStartup, version: SYNTHORG_VERSION, address, db: database.dialect },
        'listening',
      );
      return address;
    },
    close: () => app.close(),
  };
}
