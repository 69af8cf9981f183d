#!/usr/bin/env node
/**
 * Entry of the `synthorg` command. Kept free of static imports so the version check runs
 * before anything that needs Node 24 is loaded.
 */
const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);

if (major < REQUIRED_MAJOR) {
  process.stderr.write(
    `synthorg: Node.js ${REQUIRED_MAJOR} or newer is required, this is ${process.versions.node}` +
      ' (run it through `npx synthorg` from the project, which uses the pinned Node)\n',
  );
  process.exit(1);
}

const { run } = await import('./main.ts');
const code = await run(process.argv.slice(2));
// Commands that keep handles open on purpose (start --foreground, logs -f) never get here.
process.exitCode = code;
