import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { articleFields } from "../../docs/text";
import { articleSchema } from "./article-content";

const text = (value: string, marks: { type: string; attrs?: Record<string, unknown> }[] = []) => ({ type: "text", text: value, marks });
const paragraph = (...content: object[]) => ({ type: "paragraph", content });

/**
 * An English article with an Arabic quotation (a right-to-left block quote),
 * an Arabic phrase inside an English sentence, blocks whose direction the
 * writer set either way, lists, links and emphasis:
 * what the export tests render.
 */
export function buildSampleArticle(): Y.Doc {
  const doc = new Y.Doc();
  doc.getText(articleFields.headline).insert(0, "Mayor opens the new harbour");
  doc.getText(articleFields.standfirst).insert(0, "Ships can dock from Monday, the council said.");
  const body = {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2 }, content: [text("News")] },
      paragraph(
        text("The harbour cost "),
        text("£40m", [{ type: "bold" }]),
        text(" and took "),
        text("three years", [{ type: "italic" }]),
        text(". Read "),
        text("the report", [{ type: "link", attrs: { href: "https://example.com/report" } }]),
        text(" or "),
        text("the bad link", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]),
        text("."),
      ),
      paragraph(text("The crowd shouted "), text("مرحبا", [{ type: "foreignLanguage", attrs: { lang: "ar" } }]), text(" as she arrived.")),
      { type: "blockquote", content: [paragraph(text("قالت العمدة: «هذا يوم عظيم لمدينتنا»"))] },
      { type: "paragraph" },
      { type: "heading", attrs: { level: 2 }, content: [text("Comment")] },
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [paragraph(text("Jobs: "), text("120", [{ type: "bold" }, { type: "italic" }]))] },
          { type: "listItem", content: [paragraph(text("Berths: 6"))] },
        ],
      },
      {
        type: "orderedList",
        attrs: { start: 1 },
        content: [{ type: "listItem", content: [paragraph(text("First * stars _ and [brackets]"))] }],
      },
      paragraph(text("2024. A year"), { type: "hardBreak" }, text("# not a heading")),
      { type: "paragraph", attrs: { dir: "rtl" }, content: [text("A line the writer set right to left")] },
      { type: "paragraph", attrs: { dir: "ltr" }, content: [text("مؤتمر صحفي للعمدة في قاعة المدينة اليوم (City Hall)")] },
    ],
  };
  prosemirrorJSONToYXmlFragment(articleSchema(), body, doc.getXmlFragment(articleFields.body));
  return doc;
}

/** An article from a headline, a standfirst and its body as ProseMirror JSON, as the editor stores it. */
export function buildArticle(body: object[], headline = "Ferry fares rise", standfirst = "Operators blame fuel."): Y.Doc {
  const doc = new Y.Doc();
  doc.getText(articleFields.headline).insert(0, headline);
  doc.getText(articleFields.standfirst).insert(0, standfirst);
  prosemirrorJSONToYXmlFragment(articleSchema(), { type: "doc", content: body }, doc.getXmlFragment(articleFields.body));
  return doc;
}
