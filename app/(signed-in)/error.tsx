"use client";

import { ErrorRecovery } from "@/components/ui/error-recovery";

/** Errors in a signed-in page: the header stays, so the rest of Galley is one click away. */
export default function SignedInError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorRecovery {...props} />;
}
