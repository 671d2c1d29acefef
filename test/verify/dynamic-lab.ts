// The hand-written dynamic-spokes fixture as editable texts (helper module, not a test file).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { edit, replaceLine, type Lab } from './labs.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'dynamic-spokes');
const FILES = ['hub.cfg', 'spoke1.cfg', 'spoke2.cfg', 'spoke3.cfg'] as const;

/** The fixture as texts. */
export function dynamicLab(): Lab {
  return Object.fromEntries(FILES.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

/** An IP SLA probe from `source` to `destination` that runs for ever, appended before `end`. */
export function withProbe(lab: Lab, file: string, source: string, destination: string): Lab {
  return edit(lab, file, (t) =>
    replaceLine(t, 'end', [
      'ip sla 1',
      ` icmp-echo ${destination} source-ip ${source}`,
      ' frequency 10',
      'ip sla schedule 1 life forever start-time now',
      'end',
    ]),
  );
}
