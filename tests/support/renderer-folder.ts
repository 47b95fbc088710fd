import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolder } from './test-ledger';

/**
 * A built renderer on disk (index.html, a script, a style sheet, a nested asset folder) with files
 * beside it that no request may reach: `secret.txt` next to the folder, and a sibling folder whose
 * name starts with the renderer folder's (`renderer-private/`).
 */
export function rendererFolder(): { root: string; outside: string; remove(): void } {
  const base = tempFolder('nuanjing-renderer-');
  const root = join(base.path, 'renderer');
  mkdirSync(join(root, 'assets', 'fonts'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>暖警台账</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1);');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'fonts', 'noto.woff2'), 'font');
  writeFileSync(join(base.path, 'secret.txt'), 'secret');
  mkdirSync(join(base.path, 'renderer-private'));
  writeFileSync(join(base.path, 'renderer-private', 'keys.txt'), 'keys');
  return { root, outside: base.path, remove: base.remove };
}
