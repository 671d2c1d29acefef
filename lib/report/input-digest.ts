/**
 * The input digest in report headers: one SHA-256 over the config texts the proof read, so a
 * report can be matched to the exact configs it speaks about (without quoting them).
 *
 * Keys, passwords and secrets are masked before hashing: generated configs are predictable apart
 * from their keys, so a plain hash of the text would let anyone holding the report test guesses of
 * a weak pre-shared key offline. A key change therefore does not change the digest.
 */
import { createHash } from 'node:crypto';
import { redactSecrets } from './text-safety.js';

// Part of the digest's definition, not a display marker: digests of the same configs stay equal
// across hubspoke versions only while secrets are masked with the same text.
const DIGEST_MASK = '*****';

/** One input config: its file name as given and its text. */
export interface ConfigText {
  readonly file: string;
  readonly text: string;
}

/**
 * `sha256:<hex>` over the texts (secrets masked) in file-name order, each followed by a NUL byte (so moving text
 * from the end of one file to the start of the next changes the digest). File names are not
 * hashed: the same configs in another folder have the same digest.
 */
export function inputDigest(configs: readonly ConfigText[]): string {
  const hash = createHash('sha256');
  const sorted = [...configs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const c of sorted) {
    hash.update(redactSecrets(c.text, DIGEST_MASK), 'utf8');
    hash.update('\u0000', 'utf8');
  }
  return `sha256:${hash.digest('hex')}`;
}
