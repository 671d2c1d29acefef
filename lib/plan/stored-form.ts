/**
 * The form in which IOS stores a configuration line. IOS does not keep the text that was typed: it
 * parses the command and regenerates it from the parsed state (what `show running-config`
 * prints), so words are separated by one space and trailing blanks vanish (docs/ios-semantics.md
 * #how-ios-stores-a-line). Two lines with the same stored form are the same command, and a plan
 * must never issue `no ip  classless` + `ip classless` for them: the `no` would disable the
 * feature on the router.
 */

/**
 * `line` as IOS stores it: indentation kept (it marks the sub-mode, one space per level), every
 * other run of whitespace (spaces, tabs) one space, no trailing whitespace.
 */
export function storedForm(line: string): string {
  const body = line.trimStart();
  const indent = line.length - body.length;
  const words = body.split(/\s+/).filter((w) => w !== '');
  return `${' '.repeat(indent)}${words.join(' ')}`;
}
