import { type Document, isNode, LineCounter, parseDocument } from 'yaml';

import { ConfigError, type ConfigIssue } from './config-error.ts';

/** A parsed YAML file that can still say where each value came from. */
export interface LocatedYaml {
  file: string;
  value: unknown;
  /** The issue for `path`, placed at the deepest node of the path that exists. */
  locate(path: ReadonlyArray<PropertyKey>, message: string): ConfigIssue;
}

function nodeAt(doc: Document, path: ReadonlyArray<PropertyKey>): unknown {
  for (let depth = path.length; depth >= 0; depth--) {
    const keys = path.slice(0, depth).map((key) => (typeof key === 'symbol' ? String(key) : key));
    const node = depth === 0 ? doc.contents : doc.getIn(keys, true);
    if (isNode(node) && node.range) return node;
  }
  return undefined;
}

/**
 * Parses YAML keeping positions. A syntax error becomes a `ConfigError` naming the line;
 * duplicate keys are errors, because the second silently winning hides mistakes.
 */
export function parseLocatedYaml(text: string, file: string): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        const message = error.message.split('\n')[0] ?? error.message;
        return { file, line, column: col, path: '', message };
      }),
    );
  }
  return {
    file,
    value: doc.toJS({ maxAliasCount: 100 }),
    locate(path, message) {
      const node = nodeAt(doc, path);
      const dotted = path.map(String).join('.');
      if (!isNode(node) || !node.range) return { file, path: dotted, message };
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { file, line, column: col, path: dotted, message };
    },
  };
}
