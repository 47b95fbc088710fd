import { AppError } from '../../shared/contract/api-error';

/**
 * Refusals of the sync feature beyond the envelope's own (`bundle-envelope.ts`): each a stable
 * English code and a Chinese message that says what is wrong and what the clerk should do.
 * Every refusal leaves the database as it was.
 */
export class SyncError extends AppError {
  constructor(code: SyncErrorCode, message: string, details?: unknown) {
    super(code, message, details);
    this.name = 'SyncError';
  }
}

export type SyncErrorCode =
  | 'BUREAU_ONLY'
  | 'BUNDLE_UNKNOWN_SENDER'
  | 'BUNDLE_BAD_REGISTRATION'
  | 'BUNDLE_NEWER_SCHEMA'
  | 'BUNDLE_PAYLOAD_INVALID'
  | 'BUNDLE_RECORD_INVALID'
  | 'BUNDLE_REGISTRATION_STATION'
  | 'BUNDLE_REGISTRATION_SITE'
  | 'BUNDLE_SETUP_EXPIRED'
  | 'SYNC_WITHHELD_NOT_FOUND'
  | 'SETUP_FILE_INVALID'
  | 'SETUP_FILE_WRONG_STATION'
  | 'SETUP_FILE_OWN'
  | 'SYNC_PARENT_EXISTS'
  | 'SYNC_PEER_NOT_FOUND'
  | 'SYNC_PEER_NOT_REGISTERED'
  | 'STATION_CODE_TAKEN'
  | 'STATION_ALREADY_OPEN'
  | 'TRANSFER_STATION_UNKNOWN'
  | 'TRANSFER_SAME_STATION'
  | 'TRANSFER_NOT_ACTIVE';

export const syncErrors = {
  bureauOnly: (what: string) => new SyncError('BUREAU_ONLY', `只有市局/县局可以${what}。派出所请联系上级单位办理。`),

  unknownSender: (senderCode: string) =>
    new SyncError(
      'BUNDLE_UNKNOWN_SENDER',
      `此文件自称来自「${senderCode}」，但本机没有开通过这个单位，无法确认文件真伪，已拒绝导入。请确认文件来源；如是新派出所，请先在本机“开通派出所”并把开通文件交给对方。`,
    ),

  senderRebuilt: (senderCode: string) =>
    new SyncError(
      'BUNDLE_UNKNOWN_SENDER',
      `此文件来自「${senderCode}」，但不是本机登记的那台电脑导出的（对方电脑可能重装过），无法确认文件真伪，已拒绝导入。如对方确实重装了电脑，请在本机为「${senderCode}」重新生成开通文件，对方用新的开通文件设置后再导出。`,
    ),

  badRegistration: (senderCode: string) =>
    new SyncError(
      'BUNDLE_BAD_REGISTRATION',
      `此文件来自「${senderCode}」，但它携带的开通凭据与本机为该单位最近发放的开通文件不符（开通文件可能已重新生成，或文件是伪造的），已拒绝导入。请让对方用最新的开通文件重新设置后再导出同步文件。`,
    ),

  newerSchema: (appVersion: string, theirs: string, ours: string) =>
    new SyncError(
      'BUNDLE_NEWER_SCHEMA',
      `此文件由暖警台账 ${appVersion} 生成，数据结构（${theirs}）比本机（${ours}）新，本机无法正确导入。请先升级到暖警台账 ${appVersion} 或更高版本，再导入这个文件。`,
    ),

  payloadInvalid: (senderCode: string, why: string) =>
    new SyncError(
      'BUNDLE_PAYLOAD_INVALID',
      `来自「${senderCode}」的同步文件内容格式不正确（${why}），已拒绝导入，没有写入任何数据。请让对方重新导出；仍然失败时，请联系技术支持。`,
    ),

  recordInvalid: (senderCode: string, where: string, why: string) =>
    new SyncError(
      'BUNDLE_RECORD_INVALID',
      `来自「${senderCode}」的同步文件中有不合格的记录：${where}：${why}。为保证数据正确，整个文件已拒绝导入，没有写入任何数据。请让对方核对后重新导出；仍然失败时，请联系技术支持。`,
      { where, why },
    ),

  registrationStation: (senderCode: string) =>
    new SyncError(
      'BUNDLE_REGISTRATION_STATION',
      `此文件来自「${senderCode}」的首次报送，但它登记的单位标识与本机为该单位发放的开通文件不符（它自称是本机已有的另一个单位），已拒绝导入，没有写入任何数据。请让对方用本机为它生成的开通文件重新设置后再导出；如有疑问，请电话核对对方的密钥指纹。`,
    ),

  registrationSite: (senderCode: string) =>
    new SyncError(
      'BUNDLE_REGISTRATION_SITE',
      `此文件来自「${senderCode}」的首次报送，但它的电脑标识与本机或已登记的另一台电脑相同（可能是复制了别的单位的数据文件），已拒绝导入。请让对方在一台新装的暖警台账上用开通文件重新设置后再导出。`,
    ),

  setupExpired: (senderCode: string, expiredAt: string) =>
    new SyncError(
      'BUNDLE_SETUP_EXPIRED',
      `此文件来自「${senderCode}」的首次报送，但它使用的开通文件已于 ${expiredAt} 过期（开通文件只在发放后 30 天内、且只能使用一次），已拒绝导入。请在“所属单位”表格中为该单位点“重新生成开通文件”，对方用新文件设置后再导出。`,
    ),

  withheldNotFound: () =>
    new SyncError('SYNC_WITHHELD_NOT_FOUND', '所选的暂缓或未导入的修改已不在列表中（可能已自动导入或已被处理）。请刷新列表后再试。'),

  setupFileInvalid: (why: string) =>
    new SyncError('SETUP_FILE_INVALID', `所选文件不是有效的开通文件（${why}）。请选择市局/县局“开通派出所”时生成的 .njsetup 文件。`),

  setupFileWrongStation: (fileCode: string, ownCode: string) =>
    new SyncError(
      'SETUP_FILE_WRONG_STATION',
      `这个开通文件是发给「${fileCode}」的，但本机单位代码是「${ownCode}」，不能使用。请向上级单位索取为本单位（${ownCode}）生成的开通文件。`,
    ),

  setupFileOwn: () =>
    new SyncError('SETUP_FILE_OWN', '这个开通文件是本机自己生成的，应交给对方单位使用，不能在本机导入。'),

  parentExists: (code: string, name: string) =>
    new SyncError(
      'SYNC_PARENT_EXISTS',
      `本机已登记上级单位「${name}」（${code}），不能再登记另一个上级。如确需更换上级单位，请联系技术支持。`,
    ),

  peerNotFound: (code: string) =>
    new SyncError('SYNC_PEER_NOT_FOUND', `本机没有登记代码为「${code}」的上级或下级单位。请核对单位代码；新派出所请先“开通派出所”。`),

  peerNotRegistered: (code: string, name: string) =>
    new SyncError(
      'SYNC_PEER_NOT_REGISTERED',
      `「${name}」（${code}）还没有发来过同步文件，本机还不知道它的密钥，无法为它加密。请先让对方用开通文件完成设置并导出一次同步文件，在本机导入后再为它导出。`,
    ),

  stationCodeTaken: (code: string, name: string) =>
    new SyncError(
      'STATION_CODE_TAKEN',
      `单位代码「${code}」已被「${name}」使用，且不是本单位直接管理的派出所（或就是本单位、上级单位），不能在这里开通。请核对单位代码。`,
    ),

  stationAlreadyOpen: (code: string, name: string) =>
    new SyncError(
      'STATION_ALREADY_OPEN',
      `单位代码「${code}」已开通为「${name}」，不能再次开通（否则会改掉它的名称和登记信息）。如需为该单位重新发放开通文件（例如它的电脑损坏、重装），请在“所属单位”表格中该单位一行点“重新生成开通文件”，旧的开通文件将作废。`,
      { code, name },
    ),

  transferStationUnknown: (code: string) =>
    new SyncError('TRANSFER_STATION_UNKNOWN', `本单位管理的派出所中没有代码为「${code}」的单位。请核对调入单位的代码。`),

  transferSameStation: (name: string) =>
    new SyncError('TRANSFER_SAME_STATION', `此人已在「${name}」，无需调动。请选择另一个调入单位。`),

  transferNotActive: (name: string, status: string) =>
    new SyncError('TRANSFER_NOT_ACTIVE', `「${name}」当前状态为「${status}」，只有在职人员可以调动。如状态有误，请先在“变更状态”中改为在职。`),
};
