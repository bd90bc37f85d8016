import type pino from "pino";
import type * as Y from "yjs";
import type { Db } from "../db/client";
import { loadDocument } from "../docs";
import { nowIso } from "../ids";
import { logger } from "../log";
import { projectArticle, type WordCountCache } from "./projection";
import { saveProjection } from "./projection-store";
import { syncSuggestions } from "../suggestions/repository";
import { readSuggestions } from "../suggestions/read";
import { recordContributors } from "./version-store";

export interface ProjectorOptions {
  log?: pino.Logger;
  /** The article's document when it is open in memory (read, never changed); otherwise it is loaded from the store. */
  live?: (articleId: string) => Y.Doc | null;
  /** A projection runs once an article has had no commit for this long (default 2000 ms)… */
  quietMs?: number;
  /** …or this long after the first change it has not projected yet, while commits go on (default 10000 ms). */
  maxWaitMs?: number;
  /** The article's content (its hash) changed with this projection. */
  onContentChanged?: (articleId: string) => void;
}

interface Pending {
  /** The highest stored update row the next projection will reflect. */
  throughId: number;
  /** Who made the updates since the last projection (named by the next version). */
  contributors: Set<string>;
  timer: NodeJS.Timeout | null;
  /** When the first commit the next projection reflects was noted. */
  firstNoticedAt: number;
}

/** Articles whose word counts per block are kept between projections (the most recently projected). */
const keptWordCounts = 200;

/**
 * Keeps each article row in step with its document after commits: title
 * (the headline), standfirst, words, content hash and the time of the last
 * content change; notes who edited, for the next version, and tells
 * onContentChanged (automatic versions) when the content hash moved.
 * Off the message path: a commit only notes the article; the projection runs
 * from a timer once the article has had no commit for quietMs, or maxWaitMs
 * after the first change it has not reflected yet, one article at a time.
 */
export class Projector {
  private readonly pending = new Map<string, Pending>();
  /** Word counts of each article's blocks at its last projection: only changed blocks are counted again. */
  private readonly wordCounts = new Map<string, WordCountCache>();
  private readonly due = new Set<string>();
  private running: Promise<void> | null = null;
  private isClosed = false;
  private readonly log: pino.Logger;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly db: Db,
    private readonly options: ProjectorOptions = {},
  ) {
    this.log = options.log ?? logger();
    this.quietMs = options.quietMs ?? 2000;
    this.maxWaitMs = options.maxWaitMs ?? 10_000;
  }

  /** Updates of this article up to row `throughId` are stored, made by these users. */
  notice(articleId: string, throughId: number, userIds: Iterable<string> = []): void {
    if (this.isClosed) return;
    const now = Date.now();
    const state = this.pending.get(articleId) ?? { throughId: 0, contributors: new Set(), timer: null, firstNoticedAt: now };
    state.throughId = Math.max(state.throughId, throughId);
    for (const userId of userIds) state.contributors.add(userId);
    this.pending.set(articleId, state);
    if (this.due.has(articleId)) return;
    // Wait for a pause in the editing, but not for ever: a projection costs milliseconds of CPU on a long
    // article, which people typing feel when it runs after every few keystrokes.
    if (state.timer) clearTimeout(state.timer);
    const wait = Math.max(0, Math.min(this.quietMs, state.firstNoticedAt + this.maxWaitMs - now));
    state.timer = setTimeout(() => {
      state.timer = null;
      this.due.add(articleId);
      this.running ??= this.run();
    }, wait);
    state.timer.unref();
  }

  /** Runs every projection noted so far, now. */
  async flush(): Promise<void> {
    for (const [articleId, state] of this.pending) {
      if (!state.timer) continue;
      clearTimeout(state.timer);
      state.timer = null;
      this.due.add(articleId);
    }
    if (this.due.size > 0) this.running ??= this.run();
    while (this.running) await this.running;
  }

  /** Projects what is noted (a stop loses no title or hash), then takes no more. */
  async close(): Promise<void> {
    await this.flush();
    this.isClosed = true;
  }

  private async run(): Promise<void> {
    try {
      while (this.due.size > 0) {
        const articleId = this.due.values().next().value as string;
        this.due.delete(articleId);
        const state = this.pending.get(articleId);
        if (!state) continue;
        const throughId = state.throughId;
        const contributors = [...state.contributors];
        state.contributors.clear();
        state.firstNoticedAt = Date.now();
        try {
          await this.project(articleId, throughId, contributors);
        } catch (error) {
          this.log.warn({ err: error, articleId }, "could not update the article from its document; the next change retries");
        }
        // Nothing new since it started: forget the article until its next commit.
        if (state.throughId === throughId && !state.timer) this.pending.delete(articleId);
        else if (!state.timer) this.notice(articleId, state.throughId);
      }
    } finally {
      this.running = null;
    }
  }

  private async project(articleId: string, throughId: number, contributors: string[]): Promise<void> {
    // Most recently projected last: the first entries are the ones to forget.
    const words = this.wordCounts.get(articleId) ?? new Map();
    this.wordCounts.delete(articleId);
    this.wordCounts.set(articleId, words);
    if (this.wordCounts.size > keptWordCounts) this.wordCounts.delete(this.wordCounts.keys().next().value!);
    const live = this.options.live?.(articleId) ?? null;
    const doc = live ?? (await loadDocument(this.db, articleId));
    try {
      await recordContributors(this.db, articleId, contributors);
      const isChanged = await saveProjection(this.db, articleId, projectArticle(doc, words), throughId, nowIso());
      // The suggestions' rows follow the document too (the API and the publish check read the document itself).
      await syncSuggestions(this.db, articleId, readSuggestions(doc), nowIso());
      if (isChanged) this.options.onContentChanged?.(articleId);
    } finally {
      if (!live) doc.destroy();
    }
  }
}
