import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';

import type { App } from '../http/app-instance.ts';

export interface WebRoutesOptions {
  /** The built dashboard (`packages/web/dist`). */
  webDir: string;
}

/** Paths that belong to the API or its docs: never answered with the dashboard. */
function isServerPath(pathname: string): boolean {
  return (
    pathname === '/api' ||
    pathname.startsWith('/api/') ||
    pathname === '/docs' ||
    pathname.startsWith('/docs/')
  );
}

function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built dashboard at `/`: hashed assets with a year of caching, other files as
 * they are, and `index.html` for any other page URL a browser asks for, so client-side routes
 * survive a reload. Unknown `/api/*` paths keep the JSON 404. Static files are exempt from
 * the API rate limit: one page load fetches several of them.
 */
export function webRoutes(options: WebRoutesOptions) {
  const root = resolve(options.webDir);

  return async function register(app: App): Promise<void> {
    await app.register(fastifyStatic, { root, serve: false });

    const serveIndex = (reply: FastifyReply) =>
      reply.header('Cache-Control', 'no-cache').sendFile('index.html', { cacheControl: false });

    app.get('/', { config: { rateLimit: false }, schema: { hide: true } }, (_request, reply) =>
      serveIndex(reply),
    );

    app.get(
      '/*',
      { config: { rateLimit: false }, schema: { hide: true } },
      async (request, reply) => {
        const pathname = decodeURIComponent(request.url.split('?')[0] ?? '/');
        if (isServerPath(pathname)) return reply.callNotFound();

        const file = resolve(root, `.${pathname}`);
        if (file.startsWith(root + sep) && (await isFile(file))) {
          const hashed = pathname.startsWith('/assets/');
          return reply.sendFile(file.slice(root.length + 1), {
            maxAge: hashed ? 365 * 24 * 3600 * 1000 : 0,
            immutable: hashed,
          });
        }
        if (request.method === 'GET' && acceptsHtml(request)) return serveIndex(reply);
        return reply.callNotFound();
      },
    );
  };
}
