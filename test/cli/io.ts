// Test helper (not a test file): an in-memory CliIo.
export function memoryIo(stdinText?: string): { io: { stdout(s: string): void; stderr(s: string): void; stdin?: () => Promise<string> }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (s: string) => { out += s; },
      stderr: (s: string) => { err += s; },
      ...(stdinText !== undefined ? { stdin: async () => stdinText } : {}),
    },
    out: () => out,
    err: () => err,
  };
}
