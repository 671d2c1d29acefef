// Regenerates API.md from the TSDoc of every public export (each package entry point), using
// TypeDoc's JSON model (TypeScript 6 API) and a small Markdown printer so the result is one
// deterministic file. `--check` compares instead of writing and exits 1 when API.md is stale.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const check = process.argv.includes('--check');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

// Entry points: the sources behind each `exports` subpath.
const entries = [];
for (const [subpath, target] of Object.entries(pkg.exports)) {
  const types = typeof target === 'object' ? target.types : undefined;
  if (!types) continue;
  const src = types.replace(/^\.\/dist\//, 'lib/').replace(/\.d\.ts$/, '.ts');
  if (existsSync(src)) entries.push({ subpath: subpath === '.' ? pkg.name : `${pkg.name}${subpath.slice(1)}`, src });
}

const tmp = mkdtempSync(join(tmpdir(), 'hubspoke-api-'));
const jsonFile = join(tmp, 'api.json');
const typedoc = join(dirname(require.resolve('typedoc/package.json')), 'bin', 'typedoc');
try {
  execFileSync(
    process.execPath,
    [
      typedoc,
      '--json',
      jsonFile,
      '--tsconfig',
      'tsconfig.json',
      '--excludePrivate',
      '--excludeInternal',
      '--disableSources',
      '--skipErrorChecking',
      '--logLevel',
      'Error',
      '--alwaysCreateEntryPointModule',
      ...entries.flatMap((e) => ['--entryPoints', e.src]),
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
} catch {
  console.error('api-docs: typedoc failed');
  process.exit(1);
}
const project = JSON.parse(readFileSync(jsonFile, 'utf8'));
rmSync(tmp, { recursive: true, force: true });

const K = {
  Module: 2,
  Namespace: 4,
  Enum: 8,
  EnumMember: 16,
  Variable: 32,
  Function: 64,
  Class: 128,
  Interface: 256,
  Constructor: 512,
  Property: 1024,
  Method: 2048,
  Accessor: 262144,
  TypeAlias: 2097152,
  Reference: 4194304,
};

const text = (parts) =>
  (parts ?? [])
    .map((p) => p.text)
    .join('')
    .trim();
function summary(comment) {
  if (!comment) return '';
  return text(comment.summary);
}
function tag(comment, name) {
  const t = comment?.blockTags?.find((b) => b.tag === name);
  return t ? text(t.content).replace(/^```ts\n?|\n?```$/g, '') : undefined;
}

/** TypeScript text of each kind of TypeDoc type. */
const TYPE_TEXT = new Map([
  ['intrinsic', (t) => t.name],
  ['literal', literalText],
  ['reference', (t) => t.name + (t.typeArguments?.length ? `<${t.typeArguments.map(typeToString).join(', ')}>` : '')],
  ['array', (t) => `${wrap(t.elementType)}[]`],
  ['union', (t) => t.types.map(typeToString).join(' | ')],
  ['intersection', (t) => t.types.map(typeToString).join(' & ')],
  ['tuple', (t) => `[${(t.elements ?? []).map(typeToString).join(', ')}]`],
  ['namedTupleMember', (t) => `${t.name}${t.isOptional ? '?' : ''}: ${typeToString(t.element)}`],
  ['typeOperator', (t) => `${t.operator} ${typeToString(t.target)}`],
  ['query', (t) => `typeof ${typeToString(t.queryType)}`],
  ['indexedAccess', (t) => `${typeToString(t.objectType)}[${typeToString(t.indexType)}]`],
  ['templateLiteral', (t) => '`' + t.head + t.tail.map(([ty, s]) => '${' + typeToString(ty) + '}' + s).join('') + '`'],
  [
    'predicate',
    (t) => `${t.asserts ? 'asserts ' : ''}${t.name}${t.targetType ? ` is ${typeToString(t.targetType)}` : ''}`,
  ],
  [
    'conditional',
    (t) =>
      `${typeToString(t.checkType)} extends ${typeToString(t.extendsType)} ? ${typeToString(t.trueType)} : ${typeToString(t.falseType)}`,
  ],
  ['mapped', (t) => `{ [${t.parameter} in ${typeToString(t.parameterType)}]: ${typeToString(t.templateType)} }`],
  ['optional', (t) => `${typeToString(t.elementType)}?`],
  ['rest', (t) => `...${typeToString(t.elementType)}`],
  ['reflection', (t) => reflectionType(t.declaration)],
]);

function typeToString(t) {
  if (!t) return 'unknown';
  const toText = TYPE_TEXT.get(t.type);
  return toText ? toText(t) : (t.name ?? 'unknown');
}
function literalText(t) {
  if (t.value === null) return 'null';
  if (typeof t.value === 'string') return JSON.stringify(t.value);
  if (typeof t.value === 'object') return `${t.value.negative ? '-' : ''}${t.value.value}n`;
  return String(t.value);
}
function wrap(t) {
  const s = typeToString(t);
  return t && (t.type === 'union' || t.type === 'intersection' || (t.type === 'reflection' && t.declaration.signatures))
    ? `(${s})`
    : s;
}
function reflectionType(decl) {
  if (decl.signatures?.length) {
    const s = decl.signatures[0];
    return `(${params(s)}) => ${typeToString(s.type)}`;
  }
  const members = (decl.children ?? []).map(
    (c) =>
      `${c.flags?.isReadonly ? 'readonly ' : ''}${c.name}${c.flags?.isOptional ? '?' : ''}: ${typeToString(c.type)}`,
  );
  if (decl.indexSignatures?.length) {
    for (const ix of decl.indexSignatures)
      members.push(
        `[${ix.parameters?.[0]?.name ?? 'key'}: ${typeToString(ix.parameters?.[0]?.type)}]: ${typeToString(ix.type)}`,
      );
  }
  return `{ ${members.join('; ')} }`;
}
function params(sig) {
  return (sig.parameters ?? [])
    .map(
      (p) =>
        `${p.flags?.isRest ? '...' : ''}${p.name}${p.flags?.isOptional || p.defaultValue ? '?' : ''}: ${typeToString(p.type)}`,
    )
    .join(', ');
}
const code = (s) => '`' + s.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\n/g, ' ') + '`';
const cell = (s) => (s ?? '').replace(/\|/g, '\\|').replace(/\n+/g, ' ');

function printSummary(c) {
  if (summary(c.comment)) out.push(summary(c.comment), '');
}
const extendsText = (c) => (c.extendedTypes ? ` extends ${c.extendedTypes.map(typeToString).join(', ')}` : '');

/** How each kind of declaration is printed under a heading `h`. */
const DECLARATION_PRINTERS = new Map([
  [
    K.Class,
    (c, h) => {
      out.push(`${h} class ${c.name}${extendsText(c)}`, '');
      printSummary(c);
      const ctor = (c.children ?? []).find((m) => m.kind === K.Constructor);
      if (ctor) printSignatures(ctor.signatures, `new ${c.name}`);
      memberTable((c.children ?? []).filter((m) => m.kind !== K.Constructor && !m.inheritedFrom));
    },
  ],
  [
    K.Interface,
    (c, h) => {
      out.push(`${h} interface ${c.name}${extendsText(c)}`, '');
      printSummary(c);
      memberTable(c.children ?? []);
    },
  ],
  [
    K.Function,
    (c, h) => {
      out.push(`${h} function ${c.name}`, '');
      printSignatures(c.signatures, c.name);
    },
  ],
  [
    K.TypeAlias,
    (c, h) => {
      out.push(`${h} type ${c.name}`, '', '```ts', `type ${c.name} = ${typeToString(c.type)}`, '```', '');
      printSummary(c);
    },
  ],
  [
    K.Variable,
    (c, h) => {
      out.push(`${h} const ${c.name}`, '', '```ts', `const ${c.name}: ${typeToString(c.type)}`, '```', '');
      printSummary(c);
    },
  ],
  [
    K.Enum,
    (c, h) => {
      out.push(`${h} enum ${c.name}`, '');
      printSummary(c);
      memberTable(c.children ?? []);
    },
  ],
  [
    K.Namespace,
    (c, h, level) => {
      out.push(`${h} namespace ${c.name}`, '');
      for (const cc of c.children ?? []) printDeclaration(cc, level + 1);
    },
  ],
]);

const out = [];
const modules = project.children ?? [];
// Where each declaration is printed (TypeDoc id -> first line of its block, and its subpath).
const declared = new Map();
let subpath = '';
// A symbol exported by several subpaths is documented where it first appears; later sections
// point there. TypeDoc gives such a re-export as a reference to the first declaration, or, for
// two declarations of one value (identical text), as two reflections.
const documented = new Map();
const sections = [];
for (const entry of entries) {
  // TypeDoc names an entry module by its path under lib/ without `/index` (`lib/index.ts` is `index`).
  const name = entry.src
    .replace(/^lib\//, '')
    .replace(/\.ts$/, '')
    .replace(/\/index$/, '');
  const mod = modules.find((m) => m.name === name);
  if (!mod) {
    console.error(`api-docs: no TypeDoc module for ${entry.src}`);
    process.exit(1);
  }
  subpath = entry.subpath;
  out.push(`## \`${entry.subpath}\``, '');
  const section = { subpath: entry.subpath, heading: out.length - 2, symbols: [] };
  sections.push(section);
  // Code-unit order, not the locale's: API.md must be the same on every machine.
  const children = [...(mod.children ?? [])].sort(
    (a, b) => a.kind - b.kind || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  for (const c of children) {
    const at = out.length;
    printDeclaration(c, 3);
    const block = out.slice(at).join('\n');
    const same =
      c.kind === K.Reference
        ? c.target
        : documented.get(`${c.kind} ${c.name}`)?.block === block
          ? documented.get(`${c.kind} ${c.name}`).id
          : undefined;
    if (same === undefined) {
      documented.set(`${c.kind} ${c.name}`, { block, id: c.id });
      section.symbols.push({ name: c.name, id: c.id });
      continue;
    }
    if (!declared.has(same)) {
      console.error(`api-docs: ${entry.subpath} re-exports ${c.name}, documented nowhere before`);
      process.exit(1);
    }
    out.splice(at);
    section.symbols.push({ name: c.name, id: same });
    // The heading's id is known once the whole body is: a placeholder until then.
    out.push(
      `- \`${c.name}\`: the same as [\`${declared.get(same).name}\` in \`${declared.get(same).subpath}\`](#\0${same}\0).`,
      '',
    );
  }
}

/** GitHub's heading ids: lower case, punctuation but `-` and `_` dropped, spaces to `-`, repeats numbered. */
function headingIds(lines) {
  const seen = new Map();
  const ids = new Map();
  let fenced = false;
  lines.forEach((line, i) => {
    if (line.startsWith('```')) fenced = !fenced;
    const m = /^#{1,6} (.+)$/.exec(line);
    if (!m || fenced) return;
    const base = m[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .trim()
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.set(i, n === 0 ? base : `${base}-${n}`);
  });
  return ids;
}

function printSignatures(sigs, name) {
  for (const s of sigs ?? []) {
    out.push('```ts', `${name}(${params(s)}): ${typeToString(s.type)}`, '```', '');
    const doc = summary(s.comment);
    if (doc) out.push(doc, '');
    const ps = (s.parameters ?? []).filter((p) => summary(p.comment));
    for (const p of ps) out.push(`- \`${p.name}\`: ${summary(p.comment)}`);
    if (ps.length) out.push('');
    const ret = tag(s.comment, '@returns');
    if (ret) out.push(`Returns: ${ret}`, '');
    const throws = tag(s.comment, '@throws');
    if (throws) out.push(`Throws: ${throws}`, '');
  }
}
function memberTable(members) {
  if (!members.length) return;
  out.push('| Name | Type | Description |', '|---|---|---|');
  for (const m of members) {
    const sig = m.signatures?.[0];
    const comment = m.comment ?? sig?.comment ?? m.getSignature?.comment;
    const def = tag(comment, '@default');
    const flags = [
      m.flags?.isStatic ? 'static' : '',
      m.flags?.isReadonly ? 'readonly' : '',
      m.flags?.isOptional ? 'optional' : '',
    ]
      .filter(Boolean)
      .join(', ');
    out.push(
      `| ${code(m.name)}${flags ? ` (${flags})` : ''} | ${code(memberType(m))} | ${cell(summary(comment))}${def ? ` Default: ${cell(def)}.` : ''} |`,
    );
  }
  out.push('');
}
function memberType(m) {
  const sig = m.signatures?.[0];
  if (m.kind === K.Method) return `(${params(sig ?? {})}) => ${typeToString(sig?.type)}`;
  if (m.kind === K.Accessor) return typeToString(m.getSignature?.type);
  return typeToString(m.type);
}
function printDeclaration(c, level) {
  if (c.kind !== K.Reference) declared.set(c.id, { line: out.length, subpath, name: c.name });
  DECLARATION_PRINTERS.get(c.kind)?.(c, '#'.repeat(level), level);
}

// The table of contents comes first, so its own heading takes no id from the body's.
const head = [
  '# API reference',
  '',
  'Generated from the TSDoc of every public export by `npm run docs` (do not edit by hand; CI fails when it is stale).',
  '',
  '## Contents',
  '',
];
const ids = headingIds([...head, ...out]);
const idOf = (line) => ids.get(head.length + line);
const anchor = (id) => idOf(declared.get(id).line);
const toc = sections.map(
  (s) =>
    `- [\`${s.subpath}\`](#${idOf(s.heading)}): ${s.symbols.map((sym) => `[${sym.name}](#${anchor(sym.id)})`).join(', ')}`,
);
const body = out.map((line) => line.replace(/\0(\d+)\0/, (_, id) => anchor(Number(id))));
const md =
  [...head, ...toc, '', ...body]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd() + '\n';
if (check) {
  const current = existsSync('API.md') ? readFileSync('API.md', 'utf8') : '';
  if (current !== md) {
    console.error('API.md is stale: run `npm run docs` and commit the result.');
    process.exit(1);
  }
  console.log('API.md is up to date.');
} else {
  writeFileSync('API.md', md);
  console.log(`API.md written (${entries.length} entry points).`);
}
