"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { notificationEventName } from "./notification-events";
import { fetchNotifications, inboxChangedEventName } from "./notifications-client";
import "./notifications.css";

const pollInterval = 60_000;

/**
 * The header's way to the inbox, with the unread count. Live: an open article
 * connection announces new notifications for this user (message type 9); a
 * cheap refetch on focus and every minute covers pages without one.
 */
export function InboxButton() {
  const [unread, setUnread] = useState<number | null>(null);
  const pathname = usePathname();

  useEffect(() => {
    let isCurrent = true;
    const refresh = () => {
      fetchNotifications()
        .then(({ unread: count }) => {
          if (isCurrent) setUnread(count);
        })
        .catch((error: unknown) => console.error("Loading the inbox count failed", error));
    };
    refresh();
    const timer = window.setInterval(refresh, pollInterval);
    const onVisible = () => {
      if (document.visibilityState === "visible") refresh();
    };
    window.addEventListener("focus", refresh);
    window.addEventListener(notificationEventName, refresh);
    window.addEventListener(inboxChangedEventName, refresh);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      isCurrent = false;
      window.clearInterval(timer);
      window.removeEventListener("focus", refresh);
      window.removeEventListener(notificationEventName, refresh);
      window.removeEventListener(inboxChangedEventName, refresh);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);

  const count = unread ?? 0;
  return (
    <Link
      href="/inbox"
      className="inbox-button"
      aria-label={unread === null ? "Inbox" : `Inbox, ${count} unread`}
      aria-current={pathname === "/inbox" ? "page" : undefined}
    >
      Inbox
      {count > 0 && (
        <span className="inbox-button__badge" aria-hidden="true">
          {count > 99 ? "99+" : count}
        </span>
      )}
    </Link>
  );
}
