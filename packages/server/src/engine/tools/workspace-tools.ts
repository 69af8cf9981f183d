import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

import { z } from 'zod';

import type { AnyTool, Tool } from './tool-types.ts';

/** Files larger than this are returned truncated, so one read cannot flood the context. */
const MAX_READ_BYTES = 256 * 1024;
const MAX_WRITE_BYTES = 1024 * 1024;
const MAX_LIST_ENTRIES = 500;

const ok = (content: string) => ({ content, isError: false });
const fail = (content: string) => ({ content, isError: true });

const readFileTool: Tool<{ path: string }> = {
  name: 'read_file',
  description: 'Read a text file from your workspace.',
  category: 'file_system',
  actionType: 'code:read',
  parameters: z.object({ path: z.string().min(1).describe('Path relative to the workspace') }),
  async execute({ path }, { workspace }) {
    const target = await workspace.resolve(path);
    const data = await readFile(target).catch(() => undefined);
    if (!data) return fail(`No such file: ${path}`);
    const text = data.subarray(0, MAX_READ_BYTES).toString('utf8');
    return ok(
      data.length > MAX_READ_BYTES ? `${text}\n[truncated at ${MAX_READ_BYTES} bytes]` : text,
    );
  },
};

const writeFileTool: Tool<{ path: string; content: string }> = {
  name: 'write_file',
  description: 'Create or overwrite a text file in your workspace; parent folders are created.',
  category: 'file_system',
  actionType: 'code:write',
  parameters: z.object({
    path: z.string().min(1).describe('Path relative to the workspace'),
    content: z.string().max(MAX_WRITE_BYTES).describe('The full new content'),
  }),
  async execute({ path, content }, { workspace }) {
    const target = await workspace.resolve(path);
    await mkdir(dirname(target), { recursive: true });
    // Resolve again: creating the folders must not have opened a way out.
    await workspace.resolve(path);
    await writeFile(target, content, 'utf8');
    return ok(`Wrote ${Buffer.byteLength(content)} bytes to ${path}`);
  },
};

const editFileTool: Tool<{ path: string; old_text: string; new_text: string }> = {
  name: 'edit_file',
  description: 'Replace one exact occurrence of old_text with new_text in a workspace file.',
  category: 'file_system',
  actionType: 'code:write',
  parameters: z.object({
    path: z.string().min(1),
    old_text: z.string().min(1),
    new_text: z.string(),
  }),
  async execute({ path, old_text, new_text }, { workspace }) {
    const target = await workspace.resolve(path);
    const text = await readFile(target, 'utf8').catch(() => undefined);
    if (text === undefined) return fail(`No such file: ${path}`);
    const first = text.indexOf(old_text);
    if (first === -1) return fail(`old_text not found in ${path}`);
    if (text.indexOf(old_text, first + 1) !== -1) {
      return fail(`old_text occurs more than once in ${path}; include more context`);
    }
    await writeFile(target, text.slice(0, first) + new_text + text.slice(first + old_text.length));
    return ok(`Edited ${path}`);
  },
};

async function walk(root: string, dir: string, recursive: boolean, out: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (out.length >= MAX_LIST_ENTRIES) return;
    const full = join(dir, entry.name);
    const shown = relative(root, full);
    out.push(entry.isDirectory() ? `${shown}/` : shown);
    if (recursive && entry.isDirectory() && !entry.isSymbolicLink()) {
      await walk(root, full, recursive, out);
    }
  }
}

const listDirectoryTool: Tool<{ path: string; recursive: boolean }> = {
  name: 'list_directory',
  description: 'List the files in a workspace folder.',
  category: 'file_system',
  actionType: 'code:read',
  parameters: z.object({ path: z.string().default('.'), recursive: z.boolean().default(false) }),
  async execute({ path, recursive }, { workspace }) {
    const target = await workspace.resolve(path);
    const info = await stat(target).catch(() => undefined);
    if (!info?.isDirectory()) return fail(`No such folder: ${path}`);
    const entries: string[] = [];
    await walk(workspace.root, target, recursive, entries);
    return ok(entries.length > 0 ? entries.sort().join('\n') : '(empty)');
  },
};

/** The workspace file tools every agent gets by default. */
export function workspaceTools(): AnyTool[] {
  return [readFileTool, writeFileTool, editFileTool, listDirectoryTool];
}
