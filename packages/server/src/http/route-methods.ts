import type { FastifyInstance } from 'fastify';

interface KnownRoute {
  pattern: RegExp;
  method: string;
}

/** `/tasks/:id` → `^/tasks/[^/]+$`. */
function toPattern(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

/**
 * Remembers every registered route so the not-found handler can tell "no such path" (404)
 * from "the path exists for other methods" (405 with `Allow`). Fastify's router answers both
 * with not-found. Must be installed before any route is registered.
 */
export function trackRouteMethods(app: FastifyInstance): (path: string) => string[] {
  const routes: KnownRoute[] = [];
  app.addHook('onRoute', (route) => {
    // Catch-all routes (the dashboard's SPA fallback, the docs assets) would make every path
    // look known; only concrete routes decide between 404 and 405.
    if (route.url.includes('*')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ pattern: toPattern(route.url), method });
  });
  return (path) => {
    const allowed = routes.filter((route) => route.pattern.test(path)).map((r) => r.method);
    return [...new Set(allowed)].sort();
  };
}
