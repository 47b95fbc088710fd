import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/**
 * The password of `--user`: the first line of `--user-password-file` (so scripts keep it out of the
 * command line and the shell history), or typed at a prompt that does not echo it.
 */
export function passwordFromFile(path: string): string {
  return readFileSync(path, 'utf8').split(/\r?\n/)[0] ?? '';
}

/** Asks for a password on the terminal without showing it; null when there is no terminal to ask on. */
export function promptPassword(question: string): Promise<string | null> {
  if (!process.stdin.isTTY) return Promise.resolve(null);
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
