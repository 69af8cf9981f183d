#!/usr/bin/env node
// The `synthorg` executable. Plain JavaScript on purpose: it must load on any Node, so that
// an older Node (one that cannot run our TypeScript) is handed over to the project's pinned
// Node 24 instead of failing with an unreadable module error.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);

/** `node_modules/node/bin/node` of the workspace (the `node` npm package), if installed. */
function pinnedNode() {
  try {
    const manifest = createRequire(import.meta.url).resolve('node/package.json');
    const binary = join(dirname(manifest), 'bin', 'node');
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

if (major >= REQUIRED_MAJOR) {
  await import('../src/bin.ts');
} else {
  const node = pinnedNode();
  if (!node) {
    process.stderr.write(
      `synthorg: Node.js ${REQUIRED_MAJOR} or newer is required, this is ${process.versions.node}; ` +
        'run `npm ci` in the project (it installs the pinned Node) or install Node 24\n',
    );
    process.exit(1);
  }
  const entry = new URL('../src/bin.ts', import.meta.url).pathname;
  const child = spawnSync(node, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
