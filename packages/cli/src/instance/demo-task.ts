import type { SynthOrgServer } from '@synthorg/server';

/** The project the demo task is filed under; tasks name a project but need no project row. */
export const DEMO_PROJECT = 'proj-demo';

/** The task `start --demo` seeds; its title matches the `readme` entry of `builtin:demo`. */
export const DEMO_TASK = {
  title: 'Write project README',
  description:
    "Create README.md in the workspace describing a CLI tool 'todo' with sections Install, " +
    'Usage (add/list/done), License.',
  type: 'development' as const,
  priority: 'medium' as const,
  project: DEMO_PROJECT,
  estimated_complexity: 'medium' as const,
  budget_limit: 0.5,
  acceptance_criteria: [
    { description: 'README.md exists' },
    { description: 'has the sections Install, Usage and License' },
  ],
};

/**
 * Seeds the demo task unless the demo project already has a task (a restarted demo does not
 * pile up READMEs).
 * Returns the id of the seeded task, or undefined when one was there already.
 */
export async function seedDemoTask(server: SynthOrgServer): Promise<string | undefined> {
  const { tasks, log } = server.context;
  const existing = await tasks.list({ project: DEMO_PROJECT }, { offset: 0, limit: 1 });
  if (existing.total > 0) return undefined;
  const task = await tasks.create(DEMO_TASK, 'synthorg-demo');
  log.info({ event: 'cli.demo.task_seeded', task_id: task.id }, 'demo task seeded');
  return task.id;
}

/**
 * Seeds the demo task as soon as the first account exists, so the person who just created the
 * admin watches the agent pick it up live instead of finding it already done. Checks once a
 * second until then; returns a function that stops waiting (called on shutdown).
 */
export function seedDemoTaskOnceSetUp(server: SynthOrgServer, pollMs = 1000): () => void {
  const { users, log } = server.context;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = async () => {
    if (stopped) return;
    try {
      if ((await users.list()).length > 0) {
        await seedDemoTask(server);
        return;
      }
    } catch (error) {
      log.warn({ event: 'cli.demo.seed_failed', err: error }, 'demo task not seeded');
      return;
    }
    timer = setTimeout(attempt, pollMs);
  };
  void attempt();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
