/**
 * The benchmark's long read: a 20,000-word news feature as Markdown, built
 * from a seeded generator so every run opens the same document. It has the
 * shape of real copy (sections, quotes, lists, links, bold and italic, an
 * Arabic quotation) because each of those is a different node or mark for the
 * editor to render and keep in step.
 */
import { countText } from "@/lib/editor/counts";

/** The last paragraph ends with this word: the page is loaded once it is on screen. */
export const endMarker = "ENDOFBENCHARTICLE";

const subjects = ["The council", "Harbour officials", "The transport authority", "Residents", "The health trust", "Local traders", "The mayor", "Union leaders", "The regulator", "Ministers"];
const verbs = ["said on Tuesday that", "warned that", "confirmed that", "have argued that", "told reporters that", "insisted that", "announced that", "conceded that"];
const objects = ["the dredging contract", "the night bus network", "the flood defences", "the new ward", "the school budget", "the ferry timetable", "the rent cap", "the recycling scheme", "the housing plan", "the bridge repairs"];
const outcomes = ["would cost far more than planned", "had been delayed until the spring", "needed another public consultation", "was safe for the coming winter", "would be reviewed by an independent panel", "could not go ahead without new funding", "had already cut waiting times", "was never properly costed"];
const tails = ["according to documents seen by this newspaper", "despite repeated warnings from engineers", "after a long night of negotiations", "in a statement released late on Monday", "a decision critics called short-sighted", "with a vote expected next month"];
const sections = ["News", "Background", "Reaction", "Analysis", "Comment", "What happens next"];
const arabicQuote = "قال أحد السكان إن «المدينة تستحق خطة واضحة» قبل حلول الشتاء.";

/** Mulberry32: small, fast and the same on every machine. */
export function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentenceMaker(random: () => number) {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return (index: number) => {
    let sentence = `${pick(subjects)} ${pick(verbs)} ${pick(objects)} ${pick(outcomes)}, ${pick(tails)}.`;
    // Marks and links at a newsroom's density: a few per paragraph, not per word.
    if (index % 7 === 3) sentence = sentence.replace(/^(\S+ \S+)/, "**$1**");
    if (index % 11 === 5) sentence = sentence.replace(/(\S+ \S+)\.$/, "*$1*.");
    if (index % 13 === 8) sentence = sentence.replace(/(\S+)\.$/, "[$1](https://example.org/report).");
    return sentence;
  };
}

export interface BenchArticle {
  markdown: string;
  /** Words of the body (the headline and standfirst are fields of their own). */
  bodyWords: number;
  paragraphs: number;
}

/** About `targetWords` words of body copy under a headline and a standfirst. */
export function buildBenchArticle(targetWords = 20_000, seed = 20_000): BenchArticle {
  const sentence = sentenceMaker(seeded(seed));
  const blocks: string[] = [];
  let words = 0;
  let sentences = 0;
  let paragraphs = 0;
  const add = (block: string) => {
    blocks.push(block);
    words += countText(block.replace(/[*[\]#>-]|\(https?:[^)]*\)/g, " ")).words;
  };
  while (words < targetWords - 60) {
    if (paragraphs % 40 === 0) add(`## ${sections[(paragraphs / 40) % sections.length]}`);
    if (paragraphs % 25 === 12) add(`> ${sentence(sentences++)} ${sentence(sentences++)}`);
    if (paragraphs % 60 === 30) add(`> ${arabicQuote}`);
    if (paragraphs % 35 === 20) add([0, 1, 2].map(() => `- ${sentence(sentences++)}`).join("\n"));
    const length = 2 + (paragraphs % 3);
    add(Array.from({ length }, () => sentence(sentences++)).join(" "));
    paragraphs++;
  }
  add(`The council is expected to publish its response next week. ${endMarker}`);
  const markdown = [
    "# Harbour plan faces a winter of delays",
    "Costs, contracts and a city waiting for answers: the long read on the harbour dredging plan.",
    ...blocks,
  ].join("\n\n");
  return { markdown: `${markdown}\n`, bodyWords: words, paragraphs: paragraphs + 1 };
}
