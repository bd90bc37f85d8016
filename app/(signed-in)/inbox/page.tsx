import type { Metadata } from "next";
import { InboxList } from "@/components/notifications/inbox-list";
import { PageHeader } from "@/components/ui/page-header";
import { listNotifications } from "@/lib/comments";
import { getDb } from "@/lib/db/client";
import { requireUser } from "../../_lib/current-user";

export const metadata: Metadata = { title: "Inbox" };

/** /inbox – mentions, sign-offs asked of this user and decisions on their articles, newest first, each linking to it. */
export default async function InboxPage() {
  const user = await requireUser("/inbox");
  const notifications = await listNotifications(await getDb(), user.id);
  return (
    <div className="stack-lg">
      <PageHeader title="Inbox">Comments that mention you, sign-offs asked of you and decisions on your articles. Open one to go straight to it.</PageHeader>
      <InboxList initial={notifications} />
    </div>
  );
}
