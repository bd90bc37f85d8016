import { closeCode } from "../collab-protocol";

export type SocketState = "connecting" | "connected" | "disconnected";

export interface ConnectionFacts {
  socket: SocketState;
  /** The first sync with the server finished on the current socket. */
  isSynced: boolean;
  /** The document synced with the server at some point on this page (so a lost socket is a reconnect). */
  hasSynced: boolean;
  /** A socket closed or failed on this page: the server is not just slow to answer, it is unreachable for now. */
  hasLostConnection: boolean;
  /** navigator.onLine */
  isOnline: boolean;
  /** Local changes the server has not confirmed storing. */
  pendingChanges: number;
  /** The server confirmed at least one store on this page. */
  hasSaved: boolean;
  /** The user may not change the text (nothing of theirs to save). */
  isReadOnly: boolean;
  /** The server closed the connection for good (a 44xx code, lib/collab-protocol.ts), or null. */
  closeCode: number | null;
}

export type ConnectionTone = "pending" | "ok" | "warning" | "error";

export interface ConnectionStatus {
  label: string;
  tone: ConnectionTone;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const closedLabels: Record<number, string> = {
  [closeCode.signedOut]: "Signed out — sign in again to keep working",
  [closeCode.forbidden]: "You no longer have access to this article",
  [closeCode.notFound]: "This article no longer exists",
};

/** The one line the editor always shows about its connection and saving. */
export function describeConnection(facts: ConnectionFacts): ConnectionStatus {
  if (facts.closeCode !== null) {
    const label = closedLabels[facts.closeCode] ?? "Disconnected by the server";
    const unsaved = facts.pendingChanges > 0 ? ` — ${plural(facts.pendingChanges, "change")} not saved` : "";
    return { label: `${label}${unsaved}`, tone: "error" };
  }
  if (facts.socket === "connected") {
    if (facts.pendingChanges > 0) return { label: "Saving…", tone: "pending" };
    if (!facts.isSynced) return { label: facts.hasSynced ? "Reconnecting…" : "Connecting…", tone: "pending" };
    if (facts.isReadOnly || !facts.hasSaved) return { label: "Connected", tone: "ok" };
    return { label: "Saved", tone: "ok" };
  }
  const isCut = facts.hasSynced || facts.hasLostConnection || !facts.isOnline;
  if (facts.pendingChanges > 0 && isCut) {
    return { label: `Offline — ${plural(facts.pendingChanges, "change")} not yet saved`, tone: "warning" };
  }
  if (!facts.isOnline) return { label: "Offline", tone: "warning" };
  if (!facts.hasSynced && !facts.hasLostConnection) return { label: "Connecting…", tone: "pending" };
  return { label: "Reconnecting…", tone: "warning" };
}
