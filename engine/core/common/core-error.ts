import type { LocalizedText } from './localized';

/** A typed error of the pure core: a stable code, a sentence in both languages, an optional JSON pointer. */
export class CoreError extends Error {
  constructor(
    readonly code: string,
    readonly text: LocalizedText,
    readonly pointer?: string,
  ) {
    super(`${code}: ${text.en}`);
    this.name = 'CoreError';
  }
}
