import type { ArticleStatus } from "@/lib/db/schema";
import { statusLabels } from "./format";

export function StatusBadge({ status }: { status: ArticleStatus }) {
  return <span className={`badge badge-${status.replace("_", "-")}`}>{statusLabels[status]}</span>;
}
