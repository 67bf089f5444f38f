// A small XML builder for the UBL writer: elements are data, `renderXml` escapes every text and
// attribute value and drops characters XML 1.0 cannot carry, so any string makes well-formed XML.

export interface XmlElement {
  name: string;
  attrs?: Record<string, string | undefined>;
  children?: XmlNode[];
}
export type XmlNode = XmlElement | string | null | undefined | false;

// Not allowed in XML 1.0 even as a character reference: C0 controls but tab/LF/CR, U+FFFE/U+FFFF,
// lone surrogates. Each becomes U+FFFD.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: & < > escaped, CR kept as &#13; (a parser would fold it into LF), invalid characters replaced. */
export function escapeText(value: string): string {
  return value
    .replace(NOT_XML, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
}

/** Attribute values (always written in double quotes): also " ' and the whitespace a parser would normalise. */
export function escapeAttr(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

/** `el("cbc:ID", {schemeID: "0208"}, "0123456749")`; undefined attributes are left out. */
export function el(name: string, attrs: Record<string, string | undefined> | null, ...children: XmlNode[]): XmlElement {
  return { name, attrs: attrs ?? undefined, children };
}

export function renderXml(node: XmlNode, indent = "", step = "  "): string {
  if (node === null || node === undefined || node === false) return "";
  if (typeof node === "string") return escapeText(node);
  const attrs = Object.entries(node.attrs ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join("");
  const children = (node.children ?? []).filter((c) => c !== null && c !== undefined && c !== false);
  if (children.length === 0) return `${indent}<${node.name}${attrs}/>`;
  if (children.every((c) => typeof c === "string")) {
    return `${indent}<${node.name}${attrs}>${children.map((c) => escapeText(c as string)).join("")}</${node.name}>`;
  }
  const inner = children.map((c) => (typeof c === "string" ? indent + step + escapeText(c) : renderXml(c, indent + step, step)));
  return `${indent}<${node.name}${attrs}>\n${inner.join("\n")}\n${indent}</${node.name}>`;
}

export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderXml(root)}\n`;
}
