import type { Metadata } from "next";
import { InboxList } from "@/components/notifications/inbox-list";
import { listNotifications } from "@/lib/comments";
import { getDb } from "@/lib/db/client";
import { requireUser } from "../../_lib/current-user";

export const metadata: Metadata = { title: "Inbox" };

/** /inbox – where colleagues mentioned this user in comments, newest first, each linking to its thread. */
export default async function InboxPage() {
  const user = await requireUser("/inbox");
  const notifications = await listNotifications(await getDb(), user.id);
  return (
    <div className="stack-lg">
      <div className="page-header">
        <div>
          <h1>Inbox</h1>
          <p className="muted">Comments that mention you. Open one to go straight to its thread.</p>
        </div>
      </div>
      <InboxList initial={notifications} />
    </div>
  );
}
