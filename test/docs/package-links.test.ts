/**
 * Links in the Markdown files the package ships (README.md, SECURITY.md, ...) must work where npm
 * shows them: npmjs.com renders the README without the repository's files, so a relative link
 * (`docs/cdktf.md`, `docs/report.png`) is dead there. Every link is an in-page anchor or an
 * absolute URL; links into this repository name a file or folder that exists, and an anchor names
 * a heading of the file it points at (GitHub's heading ids).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  repository: { url: string };
  files: string[];
};
/** `git+https://github.com/o/n.git` -> `https://github.com/o/n`. */
const REPO = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const RAW = REPO.replace('https://github.com/', 'https://raw.githubusercontent.com/');

/** Shipped Markdown: the top-level `.md` names in `files`. */
const SHIPPED = pkg.files.filter((f) => /^[^/!]+\.md$/.test(f));

/** Inline links and images: `[text](target)` and `![alt](target)`, text possibly over lines. */
function links(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...withoutCode.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

/**
 * GitHub's ids for the headings: lower case, punctuation other than `-` and `_` dropped, spaces to
 * `-`, and a repeated id numbered (`x`, `x-1`, `x-2`). Lines in code blocks are not headings.
 */
function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const id = m[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .trim()
      .replace(/\s/g, '-');
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    ids.add(n === 0 ? id : `${id}-${n}`);
  }
  return ids;
}

/** The repository path a link points at, or undefined for links elsewhere. */
function repositoryPath(target: string): string | undefined {
  for (const base of [`${REPO}/blob/main/`, `${REPO}/tree/main/`, `${RAW}/main/`]) {
    if (target.startsWith(base)) return target.slice(base.length);
  }
  return undefined;
}

/** What is wrong with one link of `file`, or undefined. */
function problem(file: string, target: string): string | undefined {
  const own = readFileSync(join(ROOT, file), 'utf8');
  if (target.startsWith('#'))
    return headingIds(own).has(target.slice(1)) ? undefined : `no heading ${target} in ${file}`;
  if (!/^https?:\/\//.test(target))
    return `relative link ${target} does not resolve on the npm page: use ${REPO}/blob/main/...`;
  const inRepo = repositoryPath(target);
  if (inRepo === undefined) {
    // Other pages of the repository (issues, releases) are GitHub's; files go through blob/tree/raw.
    const page = target.startsWith(`${REPO}/`) ? target.slice(REPO.length + 1).split('/')[0] : undefined;
    return page === undefined || ['issues', 'releases', 'security'].includes(page)
      ? undefined
      : `${target}: link files by ${REPO}/blob/main/...`;
  }
  const [path, anchor] = inRepo.split('#') as [string, string | undefined];
  const abs = join(ROOT, path);
  if (!existsSync(abs)) return `${target}: ${path} does not exist in the repository`;
  if (anchor !== undefined && (statSync(abs).isDirectory() || !headingIds(readFileSync(abs, 'utf8')).has(anchor)))
    return `${target}: no heading #${anchor} in ${path}`;
  return undefined;
}

describe('links in the shipped Markdown files', () => {
  it('GIVEN the package files WHEN listed THEN README.md and SECURITY.md are among the shipped Markdown', () => {
    expect(SHIPPED).toEqual(expect.arrayContaining(['README.md', 'SECURITY.md']));
  });

  it.each(SHIPPED)(
    'GIVEN %s WHEN its links are checked THEN each is an anchor or an absolute URL that resolves',
    (file) => {
      const found = links(readFileSync(join(ROOT, file), 'utf8'));
      expect(found.map((t) => problem(file, t)).filter((p) => p !== undefined)).toEqual([]);
    },
  );

  it('GIVEN broken links WHEN checked THEN relative, missing and wrong-anchor links are named', () => {
    expect(problem('README.md', 'docs/cdktf.md')).toMatch(/relative link/);
    expect(problem('README.md', `${REPO}/blob/main/docs/nothing-here.md`)).toMatch(/does not exist/);
    expect(problem('README.md', `${REPO}/blob/main/docs/ios-semantics.md#no-such-heading`)).toMatch(/no heading/);
    expect(problem('README.md', '#no-such-heading')).toMatch(/no heading/);
    expect(problem('README.md', `${REPO}/blob/main/docs/ios-semantics.md#line-classification`)).toBeUndefined();
    expect(problem('README.md', `${RAW}/main/docs/report.png`)).toBeUndefined();
    expect(links('see [a\nb](x.md) and ![p](y.png) but not `[c](z.md)`')).toEqual(['x.md', 'y.png']);
    expect([...headingIds('# A b\n## a B\n```\n# not\n```\n### `x/y` (z)\n')]).toEqual(['a-b', 'a-b-1', 'xy-z']);
  });
});
