/**
 * Text safe to print on a terminal. File names and config words reach the text outputs, and a file
 * name may hold anything but `/` and NUL: an ESC sequence that recolours or clears the screen, a
 * newline followed by a fake `PROVEN` line, a right-to-left override. Such characters are shown as
 * escapes (`\x1b`, `\n`, `\u202e`) instead.
 */

// C0 controls, DEL, C1 controls, the Unicode line/paragraph separators and bidi controls.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escape(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One name (a file name, a hostname) as one line of printable text. */
export function printableName(name: string): string {
  return name.replace(UNSAFE, escape);
}

/** Multi-line text with every unsafe character but the line feed escaped. */
export function printableText(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE, escape);
}
