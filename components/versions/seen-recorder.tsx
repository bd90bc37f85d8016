"use client";

import { useEffect } from "react";

/** How long into a visit the article counts as read, for "Changed since you last looked". */
const readAfterMs = 5 * 60_000;

/**
 * Tells the server when this person has read the article as it is: five
 * minutes into the visit, and when they leave (another page here, another
 * tab, closing it). A beacon, so it survives the page going away.
 */
export function SeenRecorder({ articleId }: { articleId: string }) {
  useEffect(() => {
    const url = `/api/articles/${encodeURIComponent(articleId)}/seen`;
    let lastSent = 0;
    // Hiding and unloading often come together: one beacon for both.
    const send = () => {
      if (Date.now() - lastSent < 2000) return;
      lastSent = Date.now();
      navigator.sendBeacon(url);
    };
    const onVisibility = () => document.visibilityState === "hidden" && send();
    const timer = setTimeout(send, readAfterMs);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", send);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", send);
      send();
    };
  }, [articleId]);
  return null;
}
