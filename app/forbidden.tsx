import type { Metadata } from "next";
import { ErrorPanel } from "@/components/ui/error-panel";
import { StandalonePage } from "@/components/ui/standalone-page";

export const metadata: Metadata = { title: "No access" };

/** 403 outside the signed-in pages (they have their own, with the header). */
export default function Forbidden() {
  return (
    <StandalonePage>
      <ErrorPanel code="403" title="You do not have access to this page" homeLabel="Go to articles">
        <p>Your role does not allow this. If you need it, ask an administrator.</p>
      </ErrorPanel>
    </StandalonePage>
  );
}
