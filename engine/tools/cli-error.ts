/** An error the CLI prints as one clear sentence (no stack trace) before exiting with status 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
