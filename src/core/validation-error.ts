import { ItsmError } from './itsm-error';

/** A path into the input: object keys and array indexes, outermost first. */
export type IssuePath = readonly (string | number)[];

/** One thing wrong with an input. */
export interface ValidationIssue {
  /** Where in the input, for example `['week', 'monday', 0, 'start']`. */
  readonly path: IssuePath;
  /** What is wrong, in words a developer can act on. */
  readonly message: string;
  /** The offending value, when it is a short primitive that is safe to echo back. */
  readonly value?: string | number | boolean | null;
}

/**
 * Bad input: a definition, argument or command that does not satisfy its schema. Nothing was
 * changed. `issues` lists every problem found, each with its path.
 *
 * @example
 * ```ts
 * const result = safeDefineCalendar({ timeZone: 'Mars/Olympus', week: {} });
 * if (!result.success) console.log(result.error.issues[0]?.path); // ['timeZone']
 * ```
 */
export class ValidationError extends ItsmError {
  declare readonly code: 'validation';
  /** Every problem found. Never empty. */
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], subject = 'input') {
    super('validation', formatMessage(subject, issues), { subject, issues });
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/**
 * Renders an issue's path the way a developer would write it, for messages and forms.
 *
 * @param path - an issue's `path`
 * @returns for example `week.monday[0].start`; `(root)` for the input itself
 *
 * @example
 * ```ts
 * formatPath(['week', 'monday', 0, 'start']); // => 'week.monday[0].start'
 * ```
 */
export function formatPath(path: IssuePath): string {
  let out = '';
  try {
    for (const key of path) {
      if (typeof key === 'number') out += `[${key}]`;
      else out += out === '' ? key : `.${key}`;
    }
  } catch {
    // No list, one that throws when read (a revoked proxy), or a key that is no string or
    // number: bad input, named.
    throw new ValidationError([issue(['path'], 'must be a list of keys and indexes (strings and numbers)')], 'argument');
  }
  return out === '' ? '(root)' : out;
}

function formatMessage(subject: string, issues: readonly ValidationIssue[]): string {
  const lines = issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const first = lines[0] ?? 'invalid';
  return lines.length === 1 ? `Invalid ${subject}: ${first}` : `Invalid ${subject}:\n  ${lines.join('\n  ')}`;
}

/** A value short and simple enough to repeat in an error without leaking a document. */
export function safeIssueValue(value: unknown): ValidationIssue['value'] | undefined {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.length <= 64) return value;
  return undefined;
}

/** Builds an issue, attaching the value only where {@link safeIssueValue} allows. */
export function issue(path: IssuePath, message: string, value?: unknown): ValidationIssue {
  const shown = arguments.length > 2 ? safeIssueValue(value) : undefined;
  return shown === undefined ? { path, message } : { path, message, value: shown };
}
