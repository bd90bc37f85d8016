/**
 * The collaboration socket's numbers, shared by the server (server/collab)
 * and the editor (components/editor, lib/editor): message types beside
 * y-protocols' own, and the close codes. Documented for integrators in the
 * README's "Collaboration server" section.
 */

/** y-protocols' message types, and Galley's two additions (server → client only). */
export const messageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** varUint N: "the next N update messages you sent are stored" (connections opened with `?saved=1`). */
  saved: 8,
  /** varString JSON: something beside the document changed (connections opened with `?events=1`). */
  articleEvent: 9,
} as const;

/**
 * Why the server closed a socket. Below 4000 the client reconnects (with
 * backoff); 4400–4499 mirror HTTP statuses and are final: stock y-websocket
 * providers stop reconnecting on them, and the editor says why.
 */
export const closeCode = {
  /** A message type the server does not accept (text frames too). */
  unsupported: 1003,
  /** A message it cannot read. */
  malformed: 1007,
  /** Too many messages, or another policy refusal without a code of its own. */
  policy: 1008,
  /** A message or document over its size limit. */
  tooLarge: 1009,
  /** The server could not store what the client sent: it reconnects and sends it again. */
  storeFailed: 1011,
  /** The server is shutting down (or the document's room failed): reconnect, perhaps to another instance. */
  restarting: 1012,
  signedOut: 4401,
  forbidden: 4403,
  notFound: 4404,
  tooManyConnections: 4429,
} as const;
