import type { Metadata } from "next";
import { ErrorPanel } from "@/components/ui/error-panel";
import { roleLabels } from "@/components/ui/format";
import { getCurrentUser } from "../_lib/current-user";

export const metadata: Metadata = { title: "No access" };

/** The 403 page (HTTP 403) for a signed-in user whose role does not reach this page. */
export default async function Forbidden() {
  const user = await getCurrentUser();
  return (
    <ErrorPanel
      tabTitle="No access · Galley"
      code="403"
      title="You do not have access to this page"
      homeLabel="Go to your articles"
    >
      <p>
        {user ? `You are signed in as ${user.email} with the ${roleLabels[user.role].toLowerCase()} role, which` : "Your role"}{" "}
        does not allow this. If you need it, ask an administrator: they can share an article with you or change your role.
      </p>
    </ErrorPanel>
  );
}
