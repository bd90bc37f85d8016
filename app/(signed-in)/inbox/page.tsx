import type { Metadata } from "next";
import { InboxList } from "@/components/notifications/inbox-list";
import { PageHeader } from "@/components/ui/page-header";
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
      <PageHeader title="Inbox">Comments that mention you. Open one to go straight to its thread.</PageHeader>
      <InboxList initial={notifications} />
    </div>
  );
}
