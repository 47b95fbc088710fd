import { AppError, commonErrorCodes } from '../../shared/contract/api-error';
import type { StationInfo } from '../../shared/contract/app-contract';
import type { FileDownload } from '../../shared/staff-record';
import type { SetupFilePreview } from '../../shared/sync-record';
import { writeMeta } from '../../db/ledger-store';
import { writeRecord } from '../../db/write-path';
import type { AppDeps } from '../app-deps';
import { localStation, META_LOCAL_STATION, META_OPERATOR, requireLocalStation } from '../station/local-station';
import { ownSiteKeys, ownSiteKeysForSetup } from './own-site-keys';
import { chinaDateTimeOf } from '../../shared/china-date';
import { newSetupSecret, SETUP_FILE_VALID_DAYS, parseSetupFile, serializeSetupFile, setupFileFingerprint, setupFileName, type SetupFile } from './setup-file';
import { syncErrors } from './sync-errors';
import { parentPeer, peerByCode, savePeer, type SyncPeerRow } from './sync-peers';

/**
 * Pairing (开通): a bureau opens a station and hands over a setup file; the station sets itself up
 * from it (or, already in use, joins the bureau with it). The station's keys are registered at the
 * bureau by its first bundle, authenticated by the file's secret (see `bundle-import.ts`).
 */

export interface OpenStationInput {
  code: string;
  name: string;
  /** 派出所 or a lower bureau (县局). Omitted: a re-issue keeps the unit's role, a new unit is a station. */
  role?: 'station' | 'bureau';
  /**
   * True to re-issue the setup file of a unit already opened here (重新生成开通文件). Without it,
   * a code already opened is refused (STATION_ALREADY_OPEN), so a typo in 开通派出所 cannot
   * rename a working unit and void its registration.
   */
  reissue?: boolean;
}

/** The setup file for a station, plus the bytes (the CLI writes them; handlers return base64). */
export interface IssuedSetupFile {
  fileName: string;
  bytes: Buffer;
  file: SetupFile;
}

/**
 * Opens a station under this bureau (开通派出所), or re-issues its setup file (`reissue`): creates
 * the station row through the write path (its `station_id` is its own id, its `parent_code` this
 * bureau's code) and a pending child peer with a fresh secret. Opening a code already opened here
 * is refused unless `reissue` says so. Re-issuing keeps the station's id and records and voids the
 * old file's secret. A unit that has not registered yet stays pending. A REGISTERED unit keeps its
 * keys until a PC set up from the new file sends its first bundle (then that PC's keys replace the
 * old ones and the old PC is refused): re-issuing by mistake for a working station does not cut it
 * off. A re-issue without a role keeps the one the unit has, so a lower bureau stays a bureau.
 */
export function openStation(deps: AppDeps, input: OpenStationInput): IssuedSetupFile {
  const { store } = deps;
  const own = requireLocalStation(store);
  if (own.role !== 'bureau') throw syncErrors.bureauOnly('开通派出所');
  const parent = parentPeer(store);
  const taken = (name: string) => syncErrors.stationCodeTaken(input.code, name);
  if (input.code === own.code) throw taken(own.name);
  if (parent && parent.code === input.code) throw taken(parent.name);
  const existing = store.sqlite
    .prepare('SELECT id, name, role, parent_code FROM station WHERE code = ? AND deleted_at IS NULL ORDER BY id LIMIT 1')
    .get(input.code) as { id: string; name: string | null; role: string | null; parent_code: string | null } | undefined;
  if (existing && existing.parent_code !== own.code) throw taken(existing.name ?? input.code);
  const current = peerByCode(store, input.code);
  const child = current?.relation === 'child' ? current : undefined;
  if (child && !input.reissue) throw syncErrors.stationAlreadyOpen(input.code, existing?.name ?? child.name);
  if (input.reissue && !child) throw syncErrors.peerNotFound(input.code);
  const role = input.role ?? (existing?.role === 'bureau' ? 'bureau' : 'station');

  const keys = ownSiteKeys(store);
  const secret = newSetupSecret();
  const now = store.nowText();
  const expiresAt = chinaDateTimeOf(store.now() + SETUP_FILE_VALID_DAYS * 86_400_000);
  const stationId = existing?.id ?? store.newId();
  store.transaction(() => {
    writeRecord(store, deps.user, 'station', stationId, {
      station_id: stationId,
      code: input.code,
      name: input.name,
      role,
      parent_code: own.code,
    });
    const peer = child;
    const registered = peer !== undefined && peer.site_id !== null && peer.signing_public_key !== null && peer.encryption_public_key !== null;
    const row: SyncPeerRow = registered
      ? // Still working: keeps its keys (and what it acknowledged) until the new file is used;
        // `keys_registered_at: null` marks the new secret as waiting for that registration.
        { ...peer, station_id: stationId, code: input.code, name: input.name, setup_secret: secret, setup_expires_at: expiresAt, keys_registered_at: null }
      : {
          id: peer?.id ?? store.newId(),
          station_id: stationId,
          code: input.code,
          name: input.name,
          relation: 'child',
          site_id: null,
          signing_public_key: null,
          encryption_public_key: null,
          setup_secret: secret,
          setup_expires_at: expiresAt,
          registered_at: now,
          keys_registered_at: null,
          last_received_at: peer?.last_received_at ?? null,
          last_received_sequence: peer?.last_received_sequence ?? null,
          last_sent_at: peer?.last_sent_at ?? null,
          last_sent_sequence: peer?.last_sent_sequence ?? null,
          ack_json: '{}',
        };
    savePeer(store, row);
  });
  const file: SetupFile = {
    kind: 'nuanjing-setup',
    version: 1,
    station: { id: stationId, code: input.code, name: input.name, role },
    bureau: {
      code: own.code,
      name: own.name,
      siteId: store.siteId,
      stationId: own.id,
      signingPublicKey: keys.signingPublicKey,
      encryptionPublicKey: keys.encryptionPublicKey,
    },
    secret,
    issuedAt: now,
    expiresAt,
  };
  return { fileName: setupFileName(input.code), bytes: serializeSetupFile(file), file };
}

/** {@link openStation} for the contract: the file as a download. */
export function openStationDownload(deps: AppDeps, input: OpenStationInput): FileDownload {
  const issued = openStation(deps, input);
  return { fileName: issued.fileName, bytesBase64: issued.bytes.toString('base64') };
}

/** What a setup file says, without writing anything. */
export function previewSetupFile(bytes: Buffer): SetupFilePreview {
  const file = parseSetupFile(bytes);
  return {
    stationCode: file.station.code,
    stationName: file.station.name,
    bureauCode: file.bureau.code,
    bureauName: file.bureau.name,
    bureauFingerprint: setupFileFingerprint(file),
  };
}

function parentPeerRow(deps: AppDeps, file: SetupFile, existing: SyncPeerRow | undefined): SyncPeerRow {
  const now = deps.store.nowText();
  return {
    id: existing?.id ?? deps.store.newId(),
    station_id: file.bureau.stationId,
    code: file.bureau.code,
    name: file.bureau.name,
    relation: 'parent',
    site_id: file.bureau.siteId,
    signing_public_key: file.bureau.signingPublicKey,
    encryption_public_key: file.bureau.encryptionPublicKey,
    setup_secret: file.secret,
    setup_expires_at: null,
    registered_at: existing?.registered_at ?? now,
    keys_registered_at: existing?.keys_registered_at ?? now,
    last_received_at: existing?.last_received_at ?? null,
    last_received_sequence: existing?.last_received_sequence ?? null,
    last_sent_at: existing?.last_sent_at ?? null,
    last_sent_sequence: existing?.last_sent_sequence ?? null,
    ack_json: existing?.ack_json ?? '{}',
  };
}

/**
 * A station's first run from its setup file (also `nuanjing init --setup FILE`): the local
 * station row with the id, code, name and role the bureau gave it, the bureau as parent peer with
 * its keys, and the secret for the registration carried by the first bundles.
 */
export function setupFromFile(deps: AppDeps, bytes: Buffer, operatorName?: string): StationInfo {
  const { store } = deps;
  const existing = localStation(store);
  if (existing) {
    throw new AppError(
      commonErrorCodes.alreadySetUp,
      `本机已设置为「${existing.name}」（${existing.code}），不能再用开通文件设置。如需登记上级单位，请使用“登记上级单位”。`,
    );
  }
  const file = parseSetupFile(bytes);
  if (file.bureau.siteId === store.siteId) throw syncErrors.setupFileOwn();
  ownSiteKeysForSetup(store);
  store.transaction(() => {
    const { id, code, name, role } = file.station;
    writeRecord(store, deps.user, 'station', id, { station_id: id, code, name, role, parent_code: file.bureau.code });
    writeMeta(store, META_LOCAL_STATION, id);
    if (operatorName) writeMeta(store, META_OPERATOR, operatorName);
    savePeer(store, parentPeerRow(deps, file, undefined));
  });
  if (operatorName) deps.user.userName = operatorName;
  return requireLocalStation(store);
}

/**
 * An installation already in use (a county bureau, or a station set up by hand) joins the bureau
 * that issued the file: the file must be for this unit's code. Its own station id stays; the
 * bureau adopts it when the first bundle registers (see `bundle-import.ts`).
 */
export function joinParent(deps: AppDeps, bytes: Buffer): void {
  const { store } = deps;
  const own = requireLocalStation(store);
  const file = parseSetupFile(bytes);
  if (file.bureau.siteId === store.siteId) throw syncErrors.setupFileOwn();
  if (file.station.code !== own.code) throw syncErrors.setupFileWrongStation(file.station.code, own.code);
  const existing = parentPeer(store);
  if (existing && existing.site_id !== file.bureau.siteId) throw syncErrors.parentExists(existing.code, existing.name);
  // A re-issued file on a PC restored from a backup: new keys, registered by the file's secret.
  ownSiteKeysForSetup(store);
  store.transaction(() => {
    writeRecord(store, deps.user, 'station', own.id, { parent_code: file.bureau.code });
    savePeer(store, parentPeerRow(deps, file, existing));
  });
}
