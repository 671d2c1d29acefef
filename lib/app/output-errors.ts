/**
 * Errors of writing synth output, worded with the path and what to do about it: a raw `EACCES`
 * or `ENOTEMPTY` from deep inside a synth tells the user neither.
 */

/** Writing a stack's output failed; nothing was replaced. The CLI exits 2 for it. */
export class OutputError extends Error {
  /** Stable code: `HS-OUTPUT`. */
  readonly code = 'HS-OUTPUT';
  /** The path the problem is about. */
  readonly path: string;
  /** The file system's error code, when one caused it (`EACCES`, `ENOSPC`, ...). @default - none */
  readonly fsCode?: string;

  constructor(path: string, message: string, fsCode?: string) {
    super(message);
    this.name = 'OutputError';
    this.path = path;
    if (fsCode !== undefined) this.fsCode = fsCode;
  }
}

const REMEDIES: Readonly<Record<string, string>> = {
  EACCES: 'no permission; fix the permissions of the folder or choose another outdir',
  EPERM: 'the operation is not permitted; fix the permissions of the folder or choose another outdir',
  EROFS: 'the file system is read-only; choose another outdir',
  ENOSPC: 'the disk is full; free some space and synthesize again',
  EDQUOT: 'the disk quota is exhausted; free some space and synthesize again',
  ENAMETOOLONG: 'the path is too long for the file system; use a shorter outdir or stack id',
  ENOTDIR: 'a file is in the way where a folder must be; move it or choose another outdir',
  EEXIST: 'a file is in the way where a folder must be; move it or choose another outdir',
  EISDIR: 'a folder is in the way where a file must be; move it or choose another outdir',
  EMFILE: 'too many open files; raise the limit (ulimit -n) and synthesize again',
  EBUSY: 'the path is in use by another program; close it and synthesize again',
};

/** An `OutputError` for a file system error `e` met while `doing` something to `path`. */
export function outputError(e: unknown, doing: string, path: string): OutputError {
  if (e instanceof OutputError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const remedy = code !== undefined ? REMEDIES[code] : undefined;
  const why = remedy ?? (e as Error).message;
  return new OutputError(
    path,
    `cannot ${doing} ${path}${code ? ` (${code})` : ''}: ${why}; the previous output is unchanged`,
    code,
  );
}

/**
 * Names Windows reserves for devices, with or without an extension (`con`, `nul.cfg`, `COM1`):
 * a file with such a name cannot be created or opened there.
 */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.[^.]*)?$/i;

/** Why `name` cannot be a file or folder name on every supported system, or undefined. */
export function fileNameProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\\'))
    return 'is not a plain file name';
  if (WINDOWS_RESERVED.test(name)) return 'is a device name reserved on Windows (CON, PRN, AUX, NUL, COM0-9, LPT0-9)';
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) return `is longer than ${MAX_NAME_BYTES} bytes`;
  // Control characters, and characters Windows forbids in names.
  if (/[\u0000-\u001f\u007f<>:"|?*]/.test(name))
    return 'holds a character file systems refuse (control characters, < > : " | ? *)';
  return undefined;
}

/**
 * Longest file or folder name written. File systems allow 255 bytes; the temporary and rollback
 * folders beside a stack folder add up to 24 characters to its name.
 */
export const MAX_NAME_BYTES = 200;
