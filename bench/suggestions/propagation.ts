import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { articleFields } from "@/lib/docs/text";
import { newSuggestionId, suggestDelete, suggestInsert, type SuggestionMark } from "@/lib/suggestions/marks";
import { EditingClient } from "../client/editing-client";
import { DocTracker, LatencySink } from "../client/tracker";
import { ServerUnderTest, serverKinds } from "../servers/server-under-test";
import { seeded } from "../editor/article";

export interface PropagationOptions {
  writers: number;
  /** Each writer's keystrokes a second. */
  writerRate: number;
  /** The reviewer's keystrokes a second while suggesting. */
  reviewerRate: number;
  roundMs: number;
  rounds: number;
}

/** Rounds: writers alone; with one more person typing plainly at the reviewer's pace (the control); with the reviewer suggesting. */
export type Phase = "quiet" | "typing" | "suggesting";
const phases: Phase[] = ["quiet", "typing", "suggesting"];

export interface PropagationRun {
  /** Writers' keystrokes' propagation to the other writers, per phase (ms). */
  samples: Record<Phase, number[]>;
  /** The server's CPU per second of each phase (ms). */
  cpuPerSecond: Record<Phase, number>;
  suggestionKeystrokes: number;
}

const warmupMs = 1000;
const drainMs = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The body's paragraphs with room to type in, in a client's copy. */
function paragraphs(doc: Y.Doc): Y.XmlText[] {
  return doc
    .getXmlFragment(articleFields.body)
    .toArray()
    .flatMap((block) => (block instanceof Y.XmlElement && block.nodeName === "paragraph" && block.get(0) instanceof Y.XmlText ? [block.get(0) as Y.XmlText] : []))
    .filter((text) => text.length > 40);
}

/**
 * A reviewer suggesting as a person does: a word of suggested letters at one
 * place, then another place; now and then a word struck instead. Every
 * keystroke is its own update, checked by the server.
 */
class ReviewerTyping {
  private mark: SuggestionMark;
  private target: Y.XmlText;
  private at: number;
  private keystrokes = 0;
  private readonly random = seeded(11);

  constructor(
    private readonly doc: Y.Doc,
    private readonly userId: string,
  ) {
    this.mark = this.newMark();
    this.target = this.pick();
    this.at = Math.floor(this.target.length / 2);
  }

  get count(): number {
    return this.keystrokes;
  }

  keystroke(): void {
    if (this.keystrokes % 8 === 0) {
      this.mark = this.newMark();
      this.target = this.pick();
      this.at = Math.floor(this.random() * (this.target.length - 12));
    }
    const { target, at, mark } = this;
    if (this.keystrokes % 8 === 7) {
      this.strikePlainWord(target);
    } else {
      this.doc.transact(() => target.insert(at, "s", { [suggestInsert]: mark }));
      this.at++;
    }
    this.keystrokes++;
  }

  /** Five letters of the paragraph's first run without marks (never someone's suggestion) struck as a suggestion. */
  private strikePlainWord(text: Y.XmlText): void {
    let index = 0;
    for (const op of text.toDelta() as { insert: string; attributes?: object }[]) {
      if (!op.attributes && typeof op.insert === "string" && op.insert.length > 12) {
        this.doc.transact(() => text.format(index + 3, 5, { [suggestDelete]: this.newMark() }));
        return;
      }
      index += typeof op.insert === "string" ? op.insert.length : 1;
    }
  }

  private newMark(): SuggestionMark {
    return { id: newSuggestionId(), by: this.userId, at: Date.now() };
  }

  private pick(): Y.XmlText {
    const all = paragraphs(this.doc);
    return all[Math.floor(this.random() * all.length)]!;
  }
}

/**
 * Others' propagation while a reviewer suggests, over Galley's real
 * collaboration server (bench/servers/galley.ts: its own process, a SQLite
 * store, tokens, the suggestion check): writers type into the benchmark
 * article, in rounds alone, with one more person typing plainly at the
 * reviewer's pace (what any extra typist costs), and with the reviewer
 * suggesting. Every writer's keystroke is timed from its send to its
 * arrival at each other writer.
 */
export async function measurePropagation(articleUpdate: Uint8Array, options: PropagationOptions): Promise<PropagationRun> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-bench-suggest-"));
  const server = new ServerUnderTest(serverKinds.galley, runDir);
  const clients: EditingClient[] = [];
  try {
    await server.start();
    const prepared = await server.request<{ name: string; writerUrls: string[]; reviewerUrl: string; reviewerId: string }>(
      "prepareReview",
      { update: Buffer.from(articleUpdate).toString("base64"), writers: options.writers },
      300_000,
    );
    const tracker = new DocTracker();
    const sink = new LatencySink();
    const client = (url: string, name: string) => new EditingClient({ framing: "y-websocket", spec: { name: prepared.name, url }, tracker, sink, name });
    const [typist, ...writers] = prepared.writerUrls.map((url, i) => client(url, `writer ${i}`));
    const reviewerClient = client(prepared.reviewerUrl, "reviewer");
    clients.push(typist!, ...writers, reviewerClient);
    for (const each of clients) await each.connect(60_000);
    const reviewer = new ReviewerTyping(reviewerClient.doc, prepared.reviewerId);

    const samples: Record<Phase, number[]> = { quiet: [], typing: [], suggesting: [] };
    const cpu: Record<Phase, number> = { quiet: 0, typing: 0, suggesting: 0 };
    for (let round = 0; round < options.rounds; round++) {
      // Each round starts with another phase, so a drift in the machine's load falls on all three.
      for (const phase of phases.map((_, i) => phases[(i + round) % phases.length]!)) {
        const start = Date.now() + warmupMs;
        sink.open(start, start + options.roundMs);
        const timers = writers.map((writer) => setInterval(() => writer.edit(), 1000 / options.writerRate));
        // The typist's letters are not timed (never recorded): only the writers' propagation is compared.
        if (phase === "typing") timers.push(setInterval(() => typist!.write("t"), 1000 / options.reviewerRate));
        if (phase === "suggesting") timers.push(setInterval(() => reviewer.keystroke(), 1000 / options.reviewerRate));
        await sleep(warmupMs);
        const cpuBefore = server.cpuMicros();
        await sleep(options.roundMs);
        cpu[phase] += server.cpuMicros() - cpuBefore;
        for (const timer of timers) clearInterval(timer);
        await sleep(drainMs);
        samples[phase].push(...sink.samples);
      }
    }
    if (reviewerClient.isClosed) {
      const log = fs.readFileSync(path.join(runDir, "galley.log"), "utf8");
      const refusal = log.split("\n").find((line) => line.includes("refused")) ?? "no refusal logged";
      throw new Error(`the server closed the reviewer's connection: ${refusal}`);
    }
    const stats = await server.request<{ refusals: string[] }>("stats");
    if (stats.refusals.some((line) => !line.endsWith(": 0"))) throw new Error(`the server refused something: ${stats.refusals.join(", ")}`);
    const seconds = (options.rounds * options.roundMs) / 1000;
    return {
      samples,
      cpuPerSecond: { quiet: cpu.quiet / 1000 / seconds, typing: cpu.typing / 1000 / seconds, suggesting: cpu.suggesting / 1000 / seconds },
      suggestionKeystrokes: reviewer.count,
    };
  } finally {
    for (const each of clients) each.close();
    await server.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}
