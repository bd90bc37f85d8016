"use client";

import { usePathname } from "next/navigation";
import { useSyncExternalStore } from "react";

function subscribe(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

/**
 * Says so when the browser loses its connection, so a form sent now is not a
 * mystery failure. Article pages are left out: the editor shows its own
 * connection state, with the count of changes not yet saved.
 */
export function OfflineNotice() {
  const isOffline = useSyncExternalStore(
    subscribe,
    () => !navigator.onLine,
    () => false,
  );
  const pathname = usePathname();
  if (pathname.startsWith("/articles/")) return null;
  // Nothing on the page while online: an empty live region would be one more "status" for every page to carry.
  if (!isOffline) return null;
  return (
    <p role="alert" className="offline-notice">
      You are offline. Nothing you send now can reach Galley; try again when your connection is back.
    </p>
  );
}
