// Test helper (not a test file): an in-memory CliIo.
export function memoryIo(stdinText?: string): {
  io: { stdout(s: string): void; stderr(s: string): void; stdin?: () => Promise<string> };
  out: () => string;
  err: () => string;
} {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (s: string) => {
        out += s;
      },
      stderr: (s: string) => {
        err += s;
      },
      ...(stdinText !== undefined ? { stdin: async () => stdinText } : {}),
    },
    out: () => out,
    err: () => err,
  };
}

/** Runs a sub-command in-process with in-memory output; returns its exit code and what it printed. */
export async function runCli(
  command: (argv: string[], io: { stdout(s: string): void; stderr(s: string): void }) => Promise<number>,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const m = memoryIo();
  const code = await command(args, m.io);
  return { code, stdout: m.out(), stderr: m.err() };
}
