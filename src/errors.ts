// The one error type that reaches the person as a single clear line (no stack trace).
// Anything else that escapes to the CLI is a bug and is reported as such.

export class KeelError extends Error {
  override readonly name = "KeelError";
  constructor(
    message: string,
    /** Process exit code the CLI uses when this error ends a command. */
    readonly exitCode = 1,
    /** A next step for the person, printed under the message. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

export const isKeelError = (e: unknown): e is KeelError => e instanceof KeelError;
