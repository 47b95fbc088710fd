// `npm start`: launches the desktop app from this checkout. better-sqlite3 is a native module built
// for one ABI at a time, so it is rebuilt for Electron before launch and for Node again after the
// window closes — otherwise `npm test` (plain Node) would fail to load it.
import { spawnSync } from 'node:child_process';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status ?? 1;
}

if (run(npx, ['electron-builder', 'install-app-deps']) !== 0) {
  console.error('为 Electron 重新编译 better-sqlite3 失败：请检查网络（需要下载 Electron 头文件）后重试。');
  process.exit(1);
}
const code = run(npx, ['electron', '.', ...process.argv.slice(2)]);
console.log('正在为 Node 恢复 better-sqlite3（供 npm test 与命令行使用）…');
run(npm, ['rebuild', 'better-sqlite3']);
process.exit(code);
