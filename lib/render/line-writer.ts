/**
 * Accumulates output lines and their source map side by side. Rendering a hub with a million ACL
 * lines must stay linear, so lines go into two parallel arrays and are joined once at the end.
 */
export class LineWriter {
  private readonly lines: string[] = [];
  private readonly origins: (string | undefined)[] = [];

  /** Appends one line produced by the element whose construct path is `origin`. */
  line(text: string, origin?: string): void {
    this.lines.push(text);
    this.origins.push(origin);
  }

  /** Appends a `!` separator unless the previous line already is one (IOS prints them between blocks). */
  separator(): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '!') this.line('!');
  }

  /** Number of lines written so far. */
  get length(): number {
    return this.lines.length;
  }

  /** The text (lines joined with `\n`, ending with a newline) and the per-line origins. */
  finish(): { text: string; sourceMap: readonly (string | undefined)[] } {
    const text = this.lines.length === 0 ? '' : this.lines.join('\n') + '\n';
    return { text, sourceMap: this.origins };
  }
}

// Line breaks, and every other control character a terminal or the parser acts on (backspace,
// ESC, NEL, the Unicode separators): the props refuse them, IR built by hand may still hold them.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/**
 * Replaces characters that would break a configuration line or change how it reads in free text
 * such as descriptions and remarks: one IR value must stay one printable IOS line.
 */
export function oneLine(text: string): string {
  return text.replace(UNPRINTABLE, ' ');
}
