import type { NotificationView } from "@/lib/comments";

export type Notification = NotificationView;

/** Told (on window) when this tab changed what is read, so the header's count follows at once. */
export const inboxChangedEventName = "galley:inbox-changed";

async function readJson<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as ({ message?: string } & T) | null;
  if (!response.ok || !body) throw new Error(body?.message ?? `The server answered ${response.status}. Try again in a moment.`);
  return body;
}

export async function fetchNotifications(): Promise<{ notifications: Notification[]; unread: number }> {
  return readJson(await fetch("/api/notifications", { cache: "no-store" }));
}

/** Marks these notifications read, or all of them without ids; answers the unread count left. */
export async function markNotificationsRead(ids?: string[]): Promise<number> {
  const response = await fetch("/api/notifications/read", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ids ? { ids } : {}),
  });
  const { unread } = await readJson<{ unread: number }>(response);
  window.dispatchEvent(new Event(inboxChangedEventName));
  return unread;
}
