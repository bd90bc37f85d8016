import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { describeConnection, type ConnectionFacts } from "./connection-status";
import { isUpdateMessage, SaveTracker } from "./save-tracker";

describe("SaveTracker", () => {
  it("counts changes as pending until the message carrying them is acknowledged", () => {
    const tracker = new SaveTracker();
    tracker.recordUpdateSent(); // the first step 2, before any local change
    tracker.recordLocalChange();
    tracker.recordUpdateSent();
    tracker.recordLocalChange();
    tracker.recordUpdateSent();
    expect(tracker.pendingChanges).toBe(2);
    tracker.recordSaved(2);
    expect(tracker.pendingChanges).toBe(1);
    tracker.recordSaved(1);
    expect(tracker.pendingChanges).toBe(0);
    expect(tracker.hasSaved).toBe(true);
  });

  it("keeps offline changes pending across a lost socket until the next step 2 is stored", () => {
    const tracker = new SaveTracker();
    tracker.recordLocalChange();
    tracker.recordUpdateSent();
    tracker.recordSocketClosed(); // closed before the ack came
    tracker.recordLocalChange(); // typed while offline: nothing is sent
    tracker.recordLocalChange();
    expect(tracker.pendingChanges).toBe(3);
    tracker.recordSaved(1); // a late ack for the closed socket's message counts for nothing now
    expect(tracker.pendingChanges).toBe(3);
    tracker.recordUpdateSent(); // the new socket's step 2 carries all three
    tracker.recordSaved(1);
    expect(tracker.pendingChanges).toBe(0);
  });

  it("a first sync with nothing new is a confirmed save with nothing pending", () => {
    const tracker = new SaveTracker();
    expect(tracker.hasSaved).toBe(false);
    tracker.recordUpdateSent();
    tracker.recordSaved(1);
    expect(tracker).toMatchObject({ pendingChanges: 0, hasSaved: true });
  });
});

describe("isUpdateMessage", () => {
  const doc = new Y.Doc();
  doc.getText("headline").insert(0, "x");
  const frame = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    write(encoder);
    return encoding.toUint8Array(encoder);
  };

  it("recognises sync step 2 and update frames, not step 1 or awareness", () => {
    expect(isUpdateMessage(frame((e) => syncProtocol.writeSyncStep2(e, doc)))).toBe(true);
    expect(isUpdateMessage(frame((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc))).buffer)).toBe(true);
    expect(isUpdateMessage(frame((e) => syncProtocol.writeSyncStep1(e, doc)))).toBe(false);
    expect(isUpdateMessage(new Uint8Array([1, 0]))).toBe(false);
    expect(isUpdateMessage("text")).toBe(false);
  });
});

describe("describeConnection", () => {
  const facts = (overrides: Partial<ConnectionFacts>): ConnectionFacts => ({
    socket: "connected",
    isSynced: true,
    hasSynced: true,
    hasLostConnection: false,
    isOnline: true,
    pendingChanges: 0,
    hasSaved: true,
    isReadOnly: false,
    closeCode: null,
    ...overrides,
  });

  it.each<[string, Partial<ConnectionFacts>, string]>([
    ["first connection", { socket: "connecting", isSynced: false, hasSynced: false, hasSaved: false }, "Connecting…"],
    [
      "server unreachable since the page opened, edits made",
      { socket: "connecting", isSynced: false, hasSynced: false, hasLostConnection: true, pendingChanges: 2 },
      "Offline — 2 changes not yet saved",
    ],
    [
      "server unreachable since the page opened, nothing typed",
      { socket: "connecting", isSynced: false, hasSynced: false, hasLostConnection: true },
      "Reconnecting…",
    ],
    ["synced, nothing typed yet", { hasSaved: false }, "Connected"],
    ["a reviewer", { isReadOnly: true }, "Connected"],
    ["typing", { pendingChanges: 2 }, "Saving…"],
    ["everything stored", {}, "Saved"],
    ["socket lost, nothing pending", { socket: "connecting", isSynced: false }, "Reconnecting…"],
    ["socket lost with edits", { socket: "disconnected", isSynced: false, pendingChanges: 3 }, "Offline — 3 changes not yet saved"],
    ["one edit offline", { socket: "connecting", isSynced: false, pendingChanges: 1 }, "Offline — 1 change not yet saved"],
    ["browser offline", { socket: "disconnected", isSynced: false, isOnline: false }, "Offline"],
    ["reconnected, resending", { isSynced: false, pendingChanges: 3 }, "Saving…"],
    ["access revoked", { socket: "disconnected", closeCode: 4403 }, "You no longer have access to this article"],
  ])("%s → %s", (_name, overrides, label) => {
    expect(describeConnection(facts(overrides)).label).toBe(label);
  });
});
