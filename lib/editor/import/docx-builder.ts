import JSZip from "jszip";

/** A paragraph of a test .docx: a style (by id), and runs of text with their formatting or link. */
export interface DocxParagraph {
  style?: "Title" | "Heading1" | "Heading2" | "Quote";
  isRightToLeft?: boolean;
  runs: { text: string; isBold?: boolean; isItalic?: boolean; href?: string }[];
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

const styleNames = { Title: "Title", Heading1: "heading 1", Heading2: "heading 2", Quote: "Quote" };

/**
 * A minimal but real WordprocessingML package, as Word writes one: content
 * types, relationships, styles and the document (links as hyperlink
 * relationships). Used by the import tests; small enough to read.
 */
export async function buildDocx(paragraphs: DocxParagraph[]): Promise<Uint8Array> {
  const links: string[] = [];
  const body = paragraphs.map((paragraph) => {
    const properties = [
      paragraph.style ? `<w:pStyle w:val="${paragraph.style}"/>` : "",
      paragraph.isRightToLeft ? "<w:bidi/>" : "",
    ].join("");
    const runs = paragraph.runs.map((run) => {
      const format = `${run.isBold ? "<w:b/>" : ""}${run.isItalic ? "<w:i/>" : ""}${paragraph.isRightToLeft ? "<w:rtl/>" : ""}`;
      const xml = `<w:r>${format ? `<w:rPr>${format}</w:rPr>` : ""}<w:t xml:space="preserve">${escapeXml(run.text)}</w:t></w:r>`;
      if (!run.href) return xml;
      links.push(run.href);
      return `<w:hyperlink r:id="rIdLink${links.length}">${xml}</w:hyperlink>`;
    });
    return `<w:p>${properties ? `<w:pPr>${properties}</w:pPr>` : ""}${runs.join("")}</w:p>`;
  });
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    "word/_rels/document.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${links
      .map(
        (href, i) =>
          `<Relationship Id="rIdLink${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${escapeXml(href)}" TargetMode="External"/>`,
      )
      .join("")}</Relationships>`,
  );
  zip.file(
    "word/styles.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${w}>${Object.entries(styleNames)
      .map(([id, name]) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`)
      .join("")}</w:styles>`,
  );
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${w}><w:body>${body.join("")}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: "uint8array" });
}
