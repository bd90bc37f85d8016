"use client";

import { lazy, Suspense } from "react";
import type { CommentComposerProps } from "./comment-composer";

const loadComposer = () => import("./comment-composer");
const Composer = lazy(() => loadComposer().then((module) => ({ default: module.CommentComposer })));

/**
 * The comment composer, whose code (mention autocomplete included) is not
 * part of the editor page's first load: it shows only when someone writes a
 * comment, a reply or an edit. preloadCommentComposer fetches it ahead
 * (the sidebar calls it once the reader starts working), so the first one
 * opens at once.
 */
export function LazyCommentComposer(props: CommentComposerProps) {
  return (
    <Suspense
      fallback={
        <p className="muted comment-composer__loading" aria-busy="true">
          Opening the comment box…
        </p>
      }
    >
      <Composer {...props} />
    </Suspense>
  );
}

export const preloadCommentComposer = () => void loadComposer();
