/**
 * The input digest in report headers: one SHA-256 over the config texts the proof read, so a
 * report can be matched to the exact configs it speaks about (without quoting them).
 */
import { createHash } from 'node:crypto';

/** One input config: its file name as given and its text. */
export interface ConfigText {
  readonly file: string;
  readonly text: string;
}

/**
 * `sha256:<hex>` over the texts in file-name order, each followed by a NUL byte (so moving text
 * from the end of one file to the start of the next changes the digest). File names are not
 * hashed: the same configs in another folder have the same digest.
 */
export function inputDigest(configs: readonly ConfigText[]): string {
  const hash = createHash('sha256');
  const sorted = [...configs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const c of sorted) {
    hash.update(c.text, 'utf8');
    hash.update('\u0000', 'utf8');
  }
  return `sha256:${hash.digest('hex')}`;
}
