/**
 * How `hubspoke synth` talks to an App it runs, in-process or as a child process (`hubspoke.json`):
 * through the environment, the way cdktf passes its output folder to a cdktf app
 * (CDKTF_OUTDIR), so the app's own code (`new App()`, `app.synth()`) needs no change.
 */

/** The output folder `hubspoke synth` chose (`--outdir`, or `output` of hubspoke.json); an App's default outdir. */
export const OUTDIR_VARIABLE = 'HUBSPOKE_OUTDIR';

/** A file `App.synth()` appends its printable summary to, for `hubspoke synth` to print. */
export const RESULT_FILE_VARIABLE = 'HUBSPOKE_RESULT_FILE';

/** Set to `1` by `hubspoke synth --force` (App prop `force`). */
export const FORCE_VARIABLE = 'HUBSPOKE_FORCE_OUTPUT';

/** Set to `1` by `hubspoke synth --strict` (App prop `strict`): warnings fail synth. */
export const STRICT_VARIABLE = 'HUBSPOKE_STRICT';

/** A set, non-empty variable of `env`, or undefined. */
export function fromEnvironment(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}
