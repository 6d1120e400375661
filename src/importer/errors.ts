/** Why a file cannot be imported. The CLI prints the message and exits with code 2. */
export type ImportErrorCode = 'empty' | 'binary' | 'too_large' | 'corrupt' | 'unsupported' | 'zip_bomb' | 'bad_directory';

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ImportError';
  }
}

/** Largest input accepted, in bytes (20 MB). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;
