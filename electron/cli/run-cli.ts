import { ApiCallError } from '../../shared/contract/api-contract';
import { AppError } from '../../shared/contract/api-error';
import { accountCommands } from './commands/account-commands';
import { appCommands } from './commands/app-commands';
import { serveCommand } from './commands/serve-command';
import { healthCommands } from './commands/health-commands';
import { leaveCommands } from './commands/leave-commands';
import { rosterCommands } from './commands/roster-commands';
import { syncCommands } from './commands/sync-commands';
import { visitCommands } from './commands/visit-commands';
import { reportCommands } from './commands/report-commands';
import { errorBodyOf } from '../handlers/internal-error';
import { CliUserError, openSession, parseCommandArgs, UsageError, type CliCommand, type CliIo } from './cli-kit';
import { backupCommands } from './commands/backup-commands';
import { cliKeySource } from './key-passphrase';

/** Every command, by its words (`roster import` is two words). */
export const cliCommands: Record<string, CliCommand> = {
  ...appCommands,
  serve: serveCommand,
  ...rosterCommands,
  ...healthCommands,
  ...visitCommands,
  ...leaveCommands,
  ...reportCommands,
  ...syncCommands,
  ...accountCommands,
  ...backupCommands,
};

function helpText(): string {
  const lines = Object.values(cliCommands).map((c) => `  ${c.usage}\n      ${c.summary}`);
  return [
    '暖警台账命令行（nuanjing）',
    '',
    '用法：',
    ...lines,
    '',
    '账号：台账启用账号后（第一个管理员账号由应用首次启动或 nuanjing account add 创建），读写台账的命令都要加',
    '  --user 姓名 --user-password-file 密码文件   （文件第一行是密码；不给 --user-password-file 时在终端提示输入，不回显）',
    '  命令按这个用户的角色（管理员 / 录入员 / 查看）和健康信息权限执行，修改记在这个姓名下；未建账号的台账不用 --user。',
    '',
    '同步密钥口令：--key-passphrase-file 文件（第一行为口令），或环境变量 NUANJING_KEY_PASSPHRASE；在终端中运行且需要时会提示输入。',
    '',
    '退出码：0 成功；1 数据或操作有误（说明见 stderr）；2 用法错误。',
  ].join('\n');
}

function findCommand(argv: string[]): { command: CliCommand; rest: string[] } | null {
  const two = argv.slice(0, 2).join(' ');
  if (cliCommands[two]) return { command: cliCommands[two], rest: argv.slice(2) };
  if (argv[0] && cliCommands[argv[0]]) return { command: cliCommands[argv[0]], rest: argv.slice(1) };
  return null;
}

/**
 * Runs one CLI invocation and returns its exit code: 0 on success, 1 on a user error (Chinese
 * message on stderr), 2 on bad usage. With `--json`, stdout carries exactly one JSON document.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help' || argv[0] === '-h') {
    io.stdout(helpText());
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.stderr(`没有这个命令：${argv.slice(0, 2).join(' ')}\n\n${helpText()}`);
    return 2;
  }
  let json = false;
  try {
    const { values, positionals } = parseCommandArgs(found.command, found.rest);
    json = values.json === true;
    const keys = await cliKeySource(argv.slice(0, argv.length - found.rest.length).join(' '), values);
    return await found.command.run({
      values,
      positionals,
      io,
      json,
      open: (options) =>
        openSession(
          values.db as string | undefined,
          io,
          options?.create ?? false,
          options?.forBrowser ?? false,
          { user: values.user as string | undefined, passwordFile: values['user-password-file'] as string | undefined, role: found.command.role },
          keys,
        ),
      keys,
      print: (data, human) => io.stdout(json ? JSON.stringify(data, null, 2) : human),
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(error.message);
      return 2;
    }
    const known = error instanceof AppError || error instanceof ApiCallError || error instanceof CliUserError;
    // Anything else (an SQL error, a TypeError) is logged in full on stderr for the technician and
    // answered like every transport answers it: a storage code, or INTERNAL_ERROR with a reference.
    const commandWords = argv.slice(0, argv.length - found.rest.length).join(' ');
    const { code, message } = known ? { code: (error as AppError).code, message: (error as Error).message } : errorBodyOf(`nuanjing ${commandWords}`, error, io.stderr);
    if (json) io.stdout(JSON.stringify({ ok: false, error: { code, message } }, null, 2));
    io.stderr(message);
    return 1;
  }
}
