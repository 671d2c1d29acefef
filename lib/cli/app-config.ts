/**
 * `hubspoke.json`, the project file of a hubspoke app (like cdktf.json): the command that runs the
 * app and the output folder. `hubspoke synth` with no module argument reads it from the current
 * folder, runs `app` there with the output folder in HUBSPOKE_OUTDIR, and prints what the app's
 * `app.synth()` wrote.
 *
 * ```json
 * { "app": "npx tsx main.ts", "output": "cdk.out" }
 * ```
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';

/** The file name `hubspoke synth` looks for. */
export const APP_CONFIG_FILE = 'hubspoke.json';

/** Default output folder, relative to the folder of hubspoke.json. */
export const DEFAULT_OUTPUT = 'cdk.out';

const schema = lazy(() =>
  zod()
    .object({
      /** A JSON Schema reference for editors; not read. */
      $schema: zod().string().optional(),
      app: zod().string().trim().min(1, { message: 'must be the command that runs the app, e.g. "npx tsx main.ts"' }),
      output: zod().string().trim().min(1, { message: 'must name a folder' }).optional(),
    })
    .strict(),
);

/** A validated hubspoke.json. */
export interface AppConfig {
  /** Shell command that runs the app, in the folder of hubspoke.json. */
  readonly app: string;
  /** Absolute output folder (`output`, relative to the folder of hubspoke.json). */
  readonly output: string;
  /** The folder of hubspoke.json, where `app` runs. */
  readonly directory: string;
}

/** Parses hubspoke.json text; throws an Error naming the file and the first problem. */
export function parseAppConfig(text: string, file: string): AppConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const result = schema().safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.join('.');
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown key ${(issue as z.core.$ZodIssueUnrecognizedKeys).keys.map((k) => `"${k}"`).join(', ')} (hubspoke.json holds "app" and "output")`
        : issue.message;
    throw new Error(`${file}: ${where ? `"${where}" ` : ''}${message}`);
  }
  const directory = dirname(resolve(file));
  return { app: result.data.app, output: resolve(directory, result.data.output ?? DEFAULT_OUTPUT), directory };
}

/** hubspoke.json of `folder`, or undefined when there is none. Throws on an invalid file. */
export function readAppConfig(folder: string): AppConfig | undefined {
  const file = join(folder, APP_CONFIG_FILE);
  if (!existsSync(file)) return undefined;
  return parseAppConfig(readFileSync(file, 'utf8'), file);
}
