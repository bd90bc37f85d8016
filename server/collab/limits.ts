import { env } from "../../lib/env";

/** Every limit of the collab server; each comes from a GALLEY_* variable (see lib/env.ts). */
export interface CollabLimits {
  /** Largest websocket message accepted; a larger one closes the connection with 1009. */
  maxMessageBytes: number;
  /** An update that would grow a document past this is refused (1009). */
  maxDocumentBytes: number;
  maxConnectionsPerUser: number;
  /** Messages one connection may send per second; more closes it with 1008. */
  maxMessagesPerSecond: number;
  /** Largest awareness state (JSON) one client may publish. */
  maxAwarenessBytes: number;
  maxClientIdsPerConnection: number;
  /** A connection whose send buffer makes no progress for this long is dropped. */
  slowReaderTimeoutMs: number;
  /** A document nobody is connected to stays loaded this long. */
  docUnloadGraceMs: number;
  /** Stored updates after which a loaded document is compacted. */
  compactAfterUpdates: number;
  /** How often changes made by other processes (the CLI) to users and articles are picked up. */
  accessRecheckMs: number;
  heartbeatMs: number;
  /** An article's automatic version comes after this long without edits… */
  versionIdleMs: number;
  /** …or this long into continuous editing. */
  versionMaxMs: number;
}

export function limitsFromEnv(): CollabLimits {
  const config = env();
  return {
    maxMessageBytes: config.GALLEY_MAX_MESSAGE_BYTES,
    maxDocumentBytes: config.GALLEY_MAX_DOCUMENT_BYTES,
    maxConnectionsPerUser: config.GALLEY_MAX_CONNECTIONS_PER_USER,
    maxMessagesPerSecond: config.GALLEY_MAX_MESSAGES_PER_SECOND,
    maxAwarenessBytes: config.GALLEY_MAX_AWARENESS_BYTES,
    maxClientIdsPerConnection: config.GALLEY_MAX_CLIENT_IDS_PER_CONNECTION,
    slowReaderTimeoutMs: config.GALLEY_SLOW_READER_TIMEOUT_MS,
    docUnloadGraceMs: config.GALLEY_DOC_UNLOAD_GRACE_MS,
    compactAfterUpdates: config.GALLEY_COMPACT_AFTER_UPDATES,
    accessRecheckMs: config.GALLEY_ACCESS_RECHECK_MS,
    heartbeatMs: config.GALLEY_HEARTBEAT_MS,
    versionIdleMs: config.GALLEY_VERSION_IDLE_MS,
    versionMaxMs: config.GALLEY_VERSION_MAX_MS,
  };
}
