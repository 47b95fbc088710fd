// The desktop app's key protection: the ledger's data key wrapped by the operating system through
// Electron's safeStorage (DPAPI on Windows, the keychain on macOS, the keyring on Linux), so a copy
// of the ledger — a backup on a stick — carries no usable key. Shell file: it imports electron.
import { safeStorage } from 'electron';
import { AppError } from '../../shared/contract/api-error';
import { keyErrorCodes, type KeyWrapper } from '../keys/key-wrapper';

/** Why safeStorage cannot protect the keys here, or null when it can. */
export function safeStorageRefusal(): string | null {
  // Linux without a keyring: 'basic_text' is a fixed, public key — the same as plain text.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return '本机没有可用的系统密钥环（Linux 的 basic_text 方式等于把密钥明文保存），暖警台账不用它保护同步密钥。请安装并解锁 GNOME 密钥环或 KWallet 后重新打开；或用 --key-passphrase-file=口令文件 启动，改用口令保护。在此之前不能生成或导入同步文件，其他功能不受影响。';
  }
  if (!safeStorage.isEncryptionAvailable()) {
    return '本机系统的密钥保护暂不可用，不能解开同步密钥。请重新登录 Windows 后再打开暖警台账；在此之前不能生成或导入同步文件，其他功能不受影响。';
  }
  return null;
}

/**
 * The data key wrapped with safeStorage. Only this Windows account on this PC can unwrap it: a
 * ledger restored on another PC cannot, and re-pairs with the bureau's re-issued setup file.
 */
export function safeStorageKeyWrapper(): KeyWrapper {
  const refuse = (message: string): never => {
    throw new AppError(keyErrorCodes.weakKeystore, message);
  };
  return {
    kind: 'safeStorage',
    wrap(dataKey) {
      const refusal = safeStorageRefusal();
      if (refusal) refuse(refusal);
      return { blob: safeStorage.encryptString(dataKey.toString('base64')).toString('base64') };
    },
    unwrap(record) {
      const refusal = safeStorageRefusal();
      if (refusal) refuse(refusal);
      let text: string;
      try {
        text = safeStorage.decryptString(Buffer.from(String(record.blob), 'base64'));
      } catch {
        throw new AppError(
          keyErrorCodes.otherComputer,
          '本台账的同步密钥是在另一台电脑或另一个 Windows 账户上保护的，这里无法解开（例如从备份恢复到了新电脑）。数据都在，只是不能生成或导入同步文件：请向市局申请重新下发开通文件，在「数据同步 → 登记上级单位的开通文件」中登记后即可继续同步。',
        );
      }
      return Buffer.from(text, 'base64');
    },
  };
}
