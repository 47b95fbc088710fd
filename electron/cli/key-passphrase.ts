import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { DEMO_KEY_PASSPHRASE, KEY_PASSPHRASE_ENV, lockedWrapper, passphraseWrapper, type KeyWrapper } from '../keys/key-wrapper';
import { CliUserError } from './cli-kit';

/** The commands that use the sync keys (and so ask for the passphrase on a terminal when none is given). */
const COMMANDS_USING_KEYS = new Set(['init', 'serve', 'sync open-station', 'sync export', 'sync import']);

/** How the CLI and web mode unlock the keys, and whether a passphrase was actually given. */
export interface CliKeySource {
  wrapper: KeyWrapper;
  /** A passphrase was given (file, environment, prompt, demo): keys still in clear are sealed on open. */
  given: boolean;
  /** Where it came from, for web mode's start-up line. */
  origin: 'file' | 'environment' | 'prompt' | 'demo' | 'none';
}

/** Reads a passphrase file: its first line (a trailing newline is not part of it). */
function passphraseFromFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUserError('KEY_PASSPHRASE_FILE_UNREADABLE', `无法读取密钥口令文件 ${path}（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）。请检查路径。`);
  }
  const passphrase = text.split(/\r?\n/)[0] ?? '';
  if (!passphrase) throw new CliUserError('KEY_PASSPHRASE_EMPTY', `密钥口令文件 ${path} 是空的。请在文件第一行写入口令。`);
  return passphrase;
}

/** Asks for the passphrase on the terminal without echoing it. */
async function promptPassphrase(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, (answer) => resolve(answer));
      muted = true;
    });
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

/**
 * The passphrase of the sync keys for one command: `--key-passphrase-file`, else the environment
 * variable `NUANJING_KEY_PASSPHRASE`, else — `serve --demo` — the demo's own (demo only), else a
 * prompt on the terminal for the commands that use the keys; else none (the keys stay locked and a
 * command that needs them says how to give one).
 */
export async function cliKeySource(commandWords: string, values: Record<string, unknown>): Promise<CliKeySource> {
  const file = values['key-passphrase-file'];
  if (typeof file === 'string' && file) return { wrapper: passphraseWrapper(passphraseFromFile(file)), given: true, origin: 'file' };
  const fromEnv = process.env[KEY_PASSPHRASE_ENV];
  if (fromEnv) return { wrapper: passphraseWrapper(fromEnv), given: true, origin: 'environment' };
  if (commandWords === 'serve' && values.demo === true) return { wrapper: passphraseWrapper(DEMO_KEY_PASSPHRASE), given: true, origin: 'demo' };
  if (COMMANDS_USING_KEYS.has(commandWords) && process.stdin.isTTY && process.stderr.isTTY) {
    const typed = await promptPassphrase('同步密钥口令（输入时不显示）：');
    if (!typed) throw new CliUserError('KEY_PASSPHRASE_EMPTY', '没有输入密钥口令。请重新运行并输入口令，或用 --key-passphrase-file 给出口令文件。');
    return { wrapper: passphraseWrapper(typed), given: true, origin: 'prompt' };
  }
  return { wrapper: lockedWrapper(), given: false, origin: 'none' };
}
