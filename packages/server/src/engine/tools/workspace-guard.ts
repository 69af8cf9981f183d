import { lstat, mkdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep, win32 } from 'node:path';

/** Raised when a path would leave the workspace; the loop logs it and tells the model. */
export class WorkspaceViolation extends Error {
  readonly path: string;
  readonly reason: 'absolute' | 'traversal' | 'symlink' | 'invalid';

  constructor(path: string, reason: WorkspaceViolation['reason']) {
    super(`path '${path}' refused: ${reason}`);
    this.name = 'WorkspaceViolation';
    this.path = path;
    this.reason = reason;
  }
}

export interface WorkspaceGuard {
  readonly root: string;
  /** The absolute path for a workspace-relative one, or a `WorkspaceViolation`. */
  resolve(path: string): Promise<string>;
}

function checkSyntax(path: string): void {
  if (path.includes('\0') || path.length > 1024) throw new WorkspaceViolation(path, 'invalid');
  if (isAbsolute(path) || win32.isAbsolute(path) || /^[a-zA-Z]:/.test(path)) {
    throw new WorkspaceViolation(path, 'absolute');
  }
  // Any `..` segment is refused, even one that would stay inside: agents never need it.
  if (path.split(/[\\/]/).includes('..')) throw new WorkspaceViolation(path, 'traversal');
}

/** Refuses a symlink anywhere between the root and the target, existing parts only. */
async function checkNoSymlinks(root: string, target: string, original: string): Promise<void> {
  let current = root;
  for (const segment of relative(root, target).split(sep).filter(Boolean)) {
    current = join(current, segment);
    const stat = await lstat(current).catch(() => undefined);
    if (!stat) return;
    if (stat.isSymbolicLink()) throw new WorkspaceViolation(original, 'symlink');
  }
}

/**
 * Confines file tools to one directory. Absolute paths, `..` segments and symlinks (which
 * could point anywhere) are refused before any file is touched.
 */
export async function createWorkspaceGuard(directory: string): Promise<WorkspaceGuard> {
  await mkdir(directory, { recursive: true });
  const root = await realpath(directory);
  return {
    root,
    async resolve(path) {
      checkSyntax(path);
      const target = join(root, path);
      const inside = relative(root, target);
      if (inside.startsWith('..') || isAbsolute(inside)) {
        throw new WorkspaceViolation(path, 'traversal');
      }
      await checkNoSymlinks(root, target, path);
      return target;
    },
  };
}
