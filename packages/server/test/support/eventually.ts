import type { Json } from './http.ts';

/**
 * Polls until `read` yields a value, `attempts` times 25 ms apart: a bound on waiting, not a
 * speed assertion. Throws naming `what` when it never happens.
 */
export async function eventually<T>(
  read: () => Promise<T | undefined>,
  what: string,
  attempts = 600,
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}

/**
 * Waits until `GET /tasks/{id}` (through `get`) shows `status`, or one of several; resolves to
 * the task.
 */
export function taskReaches(
  get: (path: string) => Promise<{ body: Json }>,
  id: string,
  status: string | string[],
  attempts?: number,
): Promise<Json> {
  const wanted = Array.isArray(status) ? status : [status];
  return eventually(
    async () => {
      const task = (await get(`/tasks/${id}`)).body.data as Json;
      return wanted.includes(task.status) ? task : undefined;
    },
    `task ${id} ${wanted.join('/')}`,
    attempts,
  );
}
