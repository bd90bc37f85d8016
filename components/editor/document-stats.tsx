"use client";

import type { Editor } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { useEffect, useState } from "react";
import { countDocument, readingMinutes, type TextCounts } from "@/lib/editor/counts";
import { WordTargetControl } from "./word-target-control";

/** At most one recount per this many milliseconds while people type. */
const recountDelayMs = 300;

const number = new Intl.NumberFormat("en-GB");

export interface DocumentStatsProps {
  editor: Editor;
  wordTarget: number | null;
  /** Given to those who may set the article's word target (policy's article:rename). */
  targetSetting?: { articleId: string };
}

/**
 * Words, characters and reading time of the body, live: recounted a moment
 * after a change (local or remote), block by block from a cache, and
 * rendered only when a number changes.
 */
export function DocumentStats({ editor, wordTarget, targetSetting }: DocumentStatsProps) {
  // The target this user just saved, until the page is loaded again with it.
  const [savedTarget, setSavedTarget] = useState<{ value: number | null } | null>(null);
  // Null until the first count, which waits for the first paint: a long article takes a while to count.
  const [counts, setCounts] = useState<TextCounts | null>(null);

  useEffect(() => {
    const cache = new WeakMap<ProseMirrorNode, TextCounts>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let idle: number | null = null;
    const recount = () => {
      timer = null;
      idle = null;
      if (editor.isDestroyed) return;
      const next = countDocument(editor.state.doc, cache);
      setCounts((shown) => (shown && shown.words === next.words && shown.characters === next.characters ? shown : next));
    };
    // The new numbers are rendered when the page is idle, between keystrokes, not between one and its paint:
    // a React commit while the body has focus walks the whole article's DOM to save the selection.
    const recountWhenIdle = () => {
      timer = null;
      if (typeof requestIdleCallback === "undefined") return recount();
      idle = requestIdleCallback(recount, { timeout: recountDelayMs });
    };
    const schedule = () => {
      if (timer === null && idle === null) timer = setTimeout(recountWhenIdle, recountDelayMs);
    };
    schedule();
    editor.on("update", schedule);
    return () => {
      editor.off("update", schedule);
      if (timer) clearTimeout(timer);
      if (idle !== null) cancelIdleCallback(idle);
    };
  }, [editor]);

  const shownTarget = savedTarget ? savedTarget.value : wordTarget;
  const target = shownTarget && shownTarget > 0 ? shownTarget : null;
  const targetControl = targetSetting && (
    <WordTargetControl articleId={targetSetting.articleId} target={target} onChange={(value) => setSavedTarget({ value })} />
  );
  // The control keeps its place (and its open form) when the first count arrives.
  return (
    <div className="document-stats" aria-label="Length of the body">
      {counts ? <CountsLine counts={counts} target={target} /> : <span>Counting words…</span>}
      {targetControl}
    </div>
  );
}

function CountsLine({ counts, target }: { counts: TextCounts; target: number | null }) {
  const minutes = readingMinutes(counts.words);
  return (
    <>
      <span data-stat="words">
        {number.format(counts.words)}
        {target ? ` / ${number.format(target)} words` : counts.words === 1 ? " word" : " words"}
      </span>
      <span data-stat="characters">
        {number.format(counts.characters)} {counts.characters === 1 ? "character" : "characters"}
      </span>
      <span data-stat="reading-time">{minutes === 0 ? "No reading time yet" : `${minutes} min read`}</span>
      {target && (
        <meter
          className="document-stats__target"
          min={0}
          max={target}
          low={target * 0.9}
          high={target * 1.1}
          optimum={target}
          value={Math.min(counts.words, target * 1.5)}
          aria-label={`${number.format(counts.words)} of a ${number.format(target)}-word target`}
        />
      )}
    </>
  );
}
