"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { articleChangedEventName } from "@/components/editor/article-events";

/**
 * Re-renders the page's server parts (status, sign-offs, next steps) when the
 * collab socket says this article's status or review changed, on any
 * instance; the editor keeps its state.
 */
export function ReviewLiveRefresh({ articleId }: { articleId: string }) {
  const router = useRouter();
  useEffect(() => {
    const onChanged = (event: Event) => {
      if ((event as CustomEvent<{ articleId: string }>).detail?.articleId === articleId) router.refresh();
    };
    window.addEventListener(articleChangedEventName, onChanged);
    return () => window.removeEventListener(articleChangedEventName, onChanged);
  }, [articleId, router]);
  return null;
}
