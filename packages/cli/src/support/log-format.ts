export const LOG_LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
export type LogLevelName = keyof typeof LOG_LEVELS;

const NAMES = Object.fromEntries(Object.entries(LOG_LEVELS).map(([name, n]) => [n, name]));

interface ParsedLine {
  level?: number;
  time?: string;
  event?: string;
  msg?: string;
}

function parse(line: string): ParsedLine | null {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' ? (value as ParsedLine) : null;
  } catch {
    return null;
  }
}

/**
 * Whether a log line passes `--level`. Lines that are not JSON (a crash trace written to
 * stderr) always pass: they are what a user looks for first.
 */
export function passesLevel(line: string, minimum: number): boolean {
  const parsed = parse(line);
  return parsed === null || (parsed.level ?? 0) >= minimum;
}

/** One human-readable line: time, level, event and message. */
export function formatLine(line: string): string {
  const parsed = parse(line);
  if (parsed === null) return line;
  const level = (NAMES[parsed.level ?? 0] ?? String(parsed.level)).toUpperCase().padEnd(5);
  const time = parsed.time?.slice(11, 23) ?? '';
  return `${time} ${level} ${parsed.event ?? ''} ${parsed.msg ?? ''}`.trimEnd();
}
