import type { VersionKind } from "@/lib/db/schema";
import type { VersionSummary } from "@/lib/versions";

/** How each kind of version reads in lists. */
export const kindLabels: Record<VersionKind, string> = {
  auto: "After editing",
  named: "Saved",
  submitted: "Submitted for review",
  approved: "Approved",
  published: "Published",
  restored: "Restored",
};

/** "Version 3 · before legal read" or "Version 2 · After editing". */
export const versionLabel = (version: Pick<VersionSummary, "number" | "name" | "kind">) =>
  `Version ${version.number} · ${version.name ?? kindLabels[version.kind]}`;
