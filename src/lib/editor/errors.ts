/**
 * The two ways the editor command fails, told apart by exit code: the editor called it wrongly
 * (exit 2), or the content does not allow what was asked (exit 1).
 */

/** A bad command, flag or value, or a missing one: usage is printed and the exit code is 2. */
export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** The content refuses the request (unknown incident, taken id, invalid file): exit code 1. */
export class EditorError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EditorError';
  }
}
