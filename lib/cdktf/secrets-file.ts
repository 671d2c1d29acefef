/**
 * The secrets channel: a Terraform variable-definitions file that synth writes next to the stack's
 * `cdk.tf.json`, never inside it.
 *
 * Terraform loads every `*.auto.tfvars.json` in its working directory, and cdktf runs Terraform in
 * `<outdir>/stacks/<stack>/`, so `cdktf deploy` (or `terraform apply` there) picks the values up
 * with nothing else to configure. The file is created with mode 0600 (owner read/write) before any
 * byte is written to it, then renamed into place, so no reader ever sees a partial file or a
 * world-readable one. Users who prefer the environment set `TF_VAR_<name>` instead and turn the
 * file off; derived keys exist only here, because Terraform has no HKDF to compute them.
 */
import { chmodSync, mkdirSync, openSync, closeSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** File name of the secrets file inside the stack's working directory. */
export const SECRETS_FILE_NAME = 'hubspoke.secrets.auto.tfvars.json';

/**
 * Writes `values` (variable name -> value) as a tfvars JSON file with mode 0600, atomically.
 * Keys are sorted so the same input gives the same bytes.
 */
export function writeSecretsFile(file: string, values: ReadonlyMap<string, string>): void {
  const sorted = [...values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const text = JSON.stringify(Object.fromEntries(sorted), null, 2) + '\n';
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${SECRETS_FILE_NAME}.${process.pid}.tmp`);
  // 'wx': fail rather than follow a pre-planted file or symlink; 0o600 applies at creation.
  rmSync(tmp, { force: true });
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  // The umask cannot widen 0600, but be explicit in case the process runs with an odd one.
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
