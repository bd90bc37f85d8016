import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectDirection, directionOfLanguage, isLanguageTag, isRtlCodePoint, parseDirection } from "./direction";

/** The rule as the docs state it, a character at a time: the majority of letters, a tie to the first, null without. */
function majorityOfLetters(text: string): "ltr" | "rtl" | null {
  const letters = [...text].filter((char) => /\p{L}/u.test(char)).map((char) => (isRtlCodePoint(char.codePointAt(0)!) ? "rtl" : "ltr"));
  const rtl = letters.filter((direction) => direction === "rtl").length;
  if (rtl * 2 === letters.length) return letters[0] ?? null;
  return rtl * 2 > letters.length ? "rtl" : "ltr";
}

describe("detectDirection", () => {
  it("agrees with the majority of letters for any mix of scripts, digits, marks and punctuation", () => {
    const pieces = ["Council", "مجلس", "מועצה", "ܫܠܡܐ", "ދިވެހި", "١٢٣", "2024", " ", ",", "،", "“", "ّ", "\u{10900}", "\u{1e900}", "é", "Ω", "—", "\u200f"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join("");
        expect(detectDirection(text)).toBe(majorityOfLetters(text));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["an English sentence", "The council met on Tuesday.", "ltr"],
    ["an Arabic sentence", "اجتمع المجلس يوم الثلاثاء.", "rtl"],
    ["a Hebrew sentence", "המועצה התכנסה ביום שלישי.", "rtl"],
    ["an Urdu sentence", "کونسل کا اجلاس منگل کو ہوا۔", "rtl"],
    ["a Persian sentence", "شورا روز سه‌شنبه تشکیل جلسه داد.", "rtl"],
    ["Syriac", "ܫܠܡܐ ܥܠܝܟܘܢ", "rtl"],
    ["Thaana", "ދިވެހިރާއްޖެ", "rtl"],
    ["Greek", "Η βουλή συνεδρίασε", "ltr"],
    ["Cyrillic", "Совет собрался во вторник", "ltr"],
  ])("reads %s as %s", (_name, text, expected) => {
    expect(detectDirection(text)).toBe(expected);
  });

  it("reads a mostly Arabic line that starts with an English name as right-to-left", () => {
    expect(detectDirection("Reuters: قال المتحدث باسم الحكومة إن الاتفاق سيوقع غدا")).toBe("rtl");
  });

  it("reads a mostly Arabic line that starts with a number as right-to-left", () => {
    expect(detectDirection("2024 كان عاما صعبا على الصحافة")).toBe("rtl");
  });

  it("reads an English paragraph quoting one Arabic word as left-to-right", () => {
    expect(detectDirection("The crowd chanted “حرية” as the minister arrived at the square.")).toBe("ltr");
  });

  it("reads a mostly Hebrew line that starts with a Latin acronym as right-to-left", () => {
    expect(detectDirection("NATO אמרה היום כי השיחות יימשכו")).toBe("rtl");
  });

  it("does not count Arabic-Indic digits or diacritics as letters", () => {
    // Three Latin letters against two Arabic ones; the digits and the shadda are neutral.
    expect(detectDirection("abc ١٢٣٤٥٦٧٨٩ بّب")).toBe("ltr");
  });

  it("breaks a tie with the first strong character", () => {
    expect(detectDirection("ab دد")).toBe("ltr");
    expect(detectDirection("دد ab")).toBe("rtl");
  });

  it("answers null for text without letters", () => {
    expect(detectDirection("")).toBeNull();
    expect(detectDirection("2024 — 12:30, “…”")).toBeNull();
  });
});

describe("directionOfLanguage", () => {
  it.each([
    ["ar", "rtl"],
    ["he", "rtl"],
    ["ur", "rtl"],
    ["fa-IR", "rtl"],
    ["ar-Latn", "ltr"],
    ["ku-Arab", "rtl"],
    ["ku-Latn", "ltr"],
    ["en", "ltr"],
    ["fr-CA", "ltr"],
  ])("%s is written %s", (tag, expected) => {
    expect(directionOfLanguage(tag)).toBe(expected);
  });
});

describe("isLanguageTag", () => {
  it("accepts language tags and refuses anything else", () => {
    expect(isLanguageTag("ar")).toBe(true);
    expect(isLanguageTag("zh-Hant-TW")).toBe(true);
    expect(isLanguageTag("a")).toBe(false);
    expect(isLanguageTag("ar\" onmouseover=\"x")).toBe(false);
    expect(isLanguageTag("english")).toBe(false);
  });
});

describe("parseDirection", () => {
  it("keeps ltr and rtl and treats anything else as automatic", () => {
    expect(parseDirection("rtl")).toBe("rtl");
    expect(parseDirection("ltr")).toBe("ltr");
    expect(parseDirection("auto")).toBeNull();
    expect(parseDirection(undefined)).toBeNull();
  });
});
