"use client";

import { ErrorRecovery, type ErrorBoundaryProps } from "@/components/ui/error-recovery";

/** Errors in a signed-in page: the header stays, so the rest of Galley is one click away. */
export default function SignedInError(props: ErrorBoundaryProps) {
  return <ErrorRecovery {...props} />;
}
