"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { commentBodyText } from "../comments/body-segments";
import { notificationEventName } from "./notification-events";
import { FormMessage } from "../ui/form-message";
import { RelativeTime } from "../ui/relative-time";
import { fetchNotifications, markNotificationsRead, type Notification } from "./notifications-client";
import "./notifications.css";

/** Where a notification leads: a mention to its thread, a review notification to the article's Review card. */
const hrefOf = (n: Notification) =>
  n.threadId ? `/articles/${n.article.id}?thread=${encodeURIComponent(n.threadId)}` : `/articles/${n.article.id}#review-heading`;

/** What happened, in words: "Ada mentioned you on …", "Ada asked for your sign-off on …". */
function Summary({ n }: { n: Notification }) {
  const title = <strong>{n.article.title}</strong>;
  switch (n.kind) {
    case "review_requested":
      return <>{n.actor.name} asked for your sign-off on {title}</>;
    case "changes_requested":
      return <>{n.actor.name} requested changes to {title}</>;
    case "approved":
      return <>{title} is approved: every sign-off is in (last: {n.actor.name})</>;
    default:
      return <>{n.actor.name} mentioned you on {title}</>;
  }
}

/** /inbox: mentions of this user and review requests and decisions, newest first, each a link straight to what it is about. */
export function InboxList({ initial }: { initial: Notification[] }) {
  const [notifications, setNotifications] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [isMarkingAll, setIsMarkingAll] = useState(false);

  useEffect(() => {
    const refresh = () =>
      fetchNotifications()
        .then(({ notifications: latest }) => setNotifications(latest))
        .catch((reason: unknown) => setError(`The inbox could not be refreshed: ${(reason as Error).message}`));
    window.addEventListener(notificationEventName, refresh);
    window.addEventListener("focus", refresh);
    return () => {
      window.removeEventListener(notificationEventName, refresh);
      window.removeEventListener("focus", refresh);
    };
  }, []);

  const markRead = async (ids?: string[]) => {
    setError(null);
    try {
      await markNotificationsRead(ids);
      setNotifications((list) => list.map((n) => (!ids || ids.includes(n.id) ? { ...n, read: true } : n)));
    } catch (reason) {
      setError(`Nothing was marked read: ${(reason as Error).message}`);
    }
  };

  const markAllRead = async () => {
    setIsMarkingAll(true);
    await markRead();
    setIsMarkingAll(false);
  };

  const unread = notifications.filter((n) => !n.read).length;
  return (
    <div className="inbox">
      {notifications.length > 0 && (
        <div className="inbox__bar">
          <p className="muted" aria-live="polite">
            {unread === 0 ? "All read." : `${unread} unread`}
          </p>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={unread === 0 || isMarkingAll}
            onClick={() => void markAllRead()}
          >
            {isMarkingAll && <span className="spinner" aria-hidden="true" />}
            Mark all read
          </button>
        </div>
      )}
      {error && <FormMessage tone="error">{error}</FormMessage>}
      {notifications.length === 0 ? (
        <div className="empty-state">
          <h2>Nothing in your inbox</h2>
          <p>When a colleague @mentions you in a comment, asks for your sign-off, or decides on your article, it appears here with a link straight to it.</p>
        </div>
      ) : (
        <ul className="inbox__list list-column">
          {notifications.map((n) => (
            <li key={n.id} className="inbox__item" data-unread={!n.read || undefined}>
              <Link
                href={hrefOf(n)}
                className="inbox__link"
                onClick={() => {
                  if (!n.read) void markRead([n.id]);
                }}
              >
                <span className="inbox__title">
                  <Summary n={n} />
                </span>
                {n.excerpt && <span className="inbox__excerpt">{n.commentId ? commentBodyText(n.excerpt) : n.excerpt}</span>}
                <RelativeTime iso={n.createdAt} />
              </Link>
              {!n.read && (
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={`Mark read: ${n.actor.name} on ${n.article.title}`}
                  onClick={() => void markRead([n.id])}
                >
                  Mark read
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
