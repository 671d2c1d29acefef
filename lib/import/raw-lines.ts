/** Raw lines in the generated code: `router.addLine`, one call or a list and a loop. */
import { callStatement, formatValue, type Value } from './code-format.js';
import { at, freshVariable, lineValues, originalBlock, type RouterContext } from './context.js';
import { identifier } from './names.js';

/** Statements that add raw lines to a router (one call, or a list and a loop). */
export function addLines(ctx: RouterContext, values: readonly Value[], comment: string): void {
  if (values.length === 0) return;
  const target = ctx.handles.router;
  if (values.length === 1) {
    ctx.fixes.push({ comment, lines: [callStatement(`${target}.addLine`, values)] });
    return;
  }
  const v = freshVariable(ctx, `${identifier(ctx.hostname).replace(/^./, (c) => c.toLowerCase())}Lines`);
  const head = `const ${v} = `;
  const body = `  ${head}${formatValue(values as Value, 2, head.length, 1)};`;
  ctx.fixes.push({ comment, lines: [body, `  for (const line of ${v}) ${target}.addLine(line);`] });
}

/** An input block kept as raw lines, secrets read from the environment. */
export function rawBlock(ctx: RouterContext, line: number | undefined, what: string, fallback: string[]): void {
  const lines = line !== undefined ? originalBlock(ctx, line) : fallback;
  const numbers = line !== undefined ? lines.map((_, i) => line + i) : [];
  addLines(ctx, lineValues(ctx, lines, numbers), `${at(ctx, line)}: ${what}, kept as written.`);
}
