// Java `.properties` reading and writing, as java.util.Properties.load/store do it, except that
// the text is UTF-8 (ChatonsInfos files are UTF-8, not ISO-8859-1): non-ASCII stays literal.
// parseProperties(writeProperties(x)) gives back x for every key and value, whatever they hold.

/** A syntax error the parser cannot recover from (a malformed \uXXXX escape). `line` is 1-based. */
export class PropertiesSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const isBlank = (c: string | undefined) => c === " " || c === "\t" || c === "\f";

/** Parses properties text into an ordered map; a repeated key keeps its first place and its last value. */
export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  let i = 0;
  while (i < lines.length) {
    const start = i + 1;
    let line = stripLeading(lines[i++] ?? "");
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue; // comments never continue
    // A line ending in an odd number of backslashes continues on the next one, minus its indentation.
    while (endsWithOddBackslashes(line)) {
      line = line.slice(0, -1);
      if (i >= lines.length) break; // a dangling backslash at the end of the file is dropped
      line += stripLeading(lines[i++] ?? "");
    }
    const [rawKey, rawValue] = splitKeyValue(line);
    out.set(unescape(rawKey, start), unescape(rawValue, start));
  }
  return out;
}

function stripLeading(s: string): string {
  let k = 0;
  while (isBlank(s[k])) k++;
  return s.slice(k);
}

function endsWithOddBackslashes(s: string): boolean {
  let n = 0;
  for (let k = s.length - 1; k >= 0 && s[k] === "\\"; k--) n++;
  return n % 2 === 1;
}

/** The key ends at the first unescaped `=`, `:` or blank; one `=` or `:` may follow the blanks. */
function splitKeyValue(line: string): [string, string] {
  let k = 0;
  while (k < line.length) {
    const c = line[k];
    if (c === "\\") k += 2;
    else if (c === "=" || c === ":" || isBlank(c)) break;
    else k++;
  }
  const key = line.slice(0, Math.min(k, line.length));
  let v = k;
  while (isBlank(line[v])) v++;
  if (line[v] === "=" || line[v] === ":") v++;
  while (isBlank(line[v])) v++;
  return [key, line.slice(v)];
}

const NAMED: Record<string, string> = { t: "\t", n: "\n", r: "\r", f: "\f" };

function unescape(s: string, line: number): string {
  if (!s.includes("\\")) return s;
  let out = "";
  for (let k = 0; k < s.length; k++) {
    const c = s[k] as string;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = s[++k];
    if (next === undefined) break;
    if (next === "u") {
      const hex = s.slice(k + 1, k + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new PropertiesSyntaxError(`malformed \\uXXXX escape "\\u${hex}"`, line);
      out += String.fromCharCode(parseInt(hex, 16));
      k += 4;
    } else {
      out += NAMED[next] ?? next;
    }
  }
  return out;
}

/** One line of a file to write: an entry, a comment (written as `# text`), or a blank line. */
export type PropertiesLine = readonly [key: string, value: string] | { comment: string } | "";

/** Writes entries (and comments) as properties text, `\n`-terminated, escaping only what must be. */
export function writeProperties(lines: Iterable<PropertiesLine> | Record<string, string>): string {
  const items: Iterable<PropertiesLine> = Symbol.iterator in lines ? (lines as Iterable<PropertiesLine>) : Object.entries(lines);
  let out = "";
  for (const item of items) {
    if (item === "") out += "\n";
    else if ("comment" in item) out += formatComment(item.comment);
    else out += `${escapeKey(item[0])} = ${escapeValue(item[1])}\n`;
  }
  return out;
}

/** A comment spanning several lines stays a comment on each of them. */
function formatComment(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => (l === "" ? "#\n" : `# ${l}\n`))
    .join("");
}

// Characters that would break the line structure or be read as escapes; control characters and
// lone surrogates go as \uXXXX so the file stays printable, valid UTF-8.
function escapeChar(c: string): string {
  switch (c) {
    case "\\":
      return "\\\\";
    case "\t":
      return "\\t";
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    case "\f":
      return "\\f";
  }
  const code = c.charCodeAt(0);
  const control = code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0);
  // Line separators and the byte order mark are invisible; a literal U+FFFD would pass for a decoding error.
  const special = code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffd;
  const loneSurrogate = c.length === 1 && code >= 0xd800 && code <= 0xdfff;
  return control || special || loneSurrogate ? `\\u${code.toString(16).padStart(4, "0")}` : c;
}

function chars(s: string): string[] {
  // Iterating a string yields whole code points; a lone surrogate comes out alone and gets escaped.
  return [...s];
}

export function escapeKey(key: string): string {
  return chars(key)
    .map((c) => (c === " " || c === "=" || c === ":" || c === "#" || c === "!" ? `\\${c}` : escapeChar(c)))
    .join("");
}

/** In a value only a leading blank is ambiguous (it would be skipped as separator space). */
export function escapeValue(value: string): string {
  return chars(value)
    .map((c, k) => (k === 0 && c === " " ? "\\ " : escapeChar(c)))
    .join("");
}
