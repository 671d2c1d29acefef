// Prints the CHANGELOG.md section of a release, after checking that the tag (vX.Y.Z) names the
// version in package.json. Used by .github/workflows/release.yml; exits 1 with a reason otherwise.
//   node scripts/release-notes.mjs v0.1.0 > notes.md
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The body of the `## <version>` section of a changelog, or undefined when there is none. */
export function releaseSection(changelog, version) {
  const lines = changelog.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === `## ${version}`);
  if (start < 0) return undefined;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i += 1) {
    if (/^## /.test(lines[i])) {
      end = i;
      break;
    }
  }
  const body = lines
    .slice(start + 1, end)
    .join('\n')
    .trim();
  return body.length > 0 ? `${body}\n` : undefined;
}

function main(argv) {
  const tag = argv[0];
  if (!tag || !/^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(tag)) {
    process.stderr.write('usage: node scripts/release-notes.mjs vX.Y.Z\n');
    return 2;
  }
  const version = tag.slice(1);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (pkg.version !== version) {
    process.stderr.write(
      `release-notes: tag ${tag} does not match package.json version ${pkg.version}; run "npx changeset version" and tag its commit\n`,
    );
    return 1;
  }
  const notes = releaseSection(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), version);
  if (notes === undefined) {
    process.stderr.write(`release-notes: CHANGELOG.md has no "## ${version}" section with content\n`);
    return 1;
  }
  process.stdout.write(notes);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2));
