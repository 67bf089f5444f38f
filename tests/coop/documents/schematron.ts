/// <reference types="node" />
// Runs the official EN 16931 (CEN TC434) and Peppol BIS Billing 3.0 Schematron rules, compiled to
// SaxonJS SEF (tests/fixtures/schematron/), over a UBL document. Node only: SaxonJS does not run in workerd.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import SaxonJS from "saxon-js";

export interface SvrlMessage {
  kind: "failed-assert" | "successful-report";
  id: string;
  flag: string;
  location: string;
  text: string;
}

export interface SchematronReport {
  /** Rule contexts that matched: a report with none checked nothing. */
  firedRules: number;
  messages: SvrlMessage[];
}

const compiled = (name: string) => fileURLToPath(new URL(`../../fixtures/schematron/compiled/${name}`, import.meta.url));

export type RuleSet = "en16931" | "peppol";
const FILES: Record<RuleSet, string> = { en16931: "en16931-ubl.sef.json", peppol: "peppol-en16931-ubl.sef.json" };
const loaded = new Map<RuleSet, unknown>();

/** The compiled stylesheet, parsed once per test file. */
function stylesheet(set: RuleSet): unknown {
  let sef = loaded.get(set);
  if (!sef) {
    sef = JSON.parse(readFileSync(compiled(FILES[set]), "utf8"));
    loaded.set(set, sef);
  }
  return sef;
}

const unescape = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

export function parseSvrl(svrl: string): SchematronReport {
  const messages: SvrlMessage[] = [];
  for (const m of svrl.matchAll(/<svrl:(failed-assert|successful-report)\b([^>]*)>([\s\S]*?)<\/svrl:\1>/g)) {
    const attrs = Object.fromEntries([...m[2]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, unescape(a[2]!)]));
    const text = /<svrl:text>([\s\S]*?)<\/svrl:text>/.exec(m[3]!)?.[1] ?? "";
    messages.push({
      kind: m[1] as SvrlMessage["kind"],
      id: attrs.id ?? "",
      flag: attrs.flag ?? "",
      location: attrs.location ?? "",
      text: unescape(text.replace(/\s+/g, " ").trim()),
    });
  }
  return { firedRules: (svrl.match(/<svrl:fired-rule\b/g) ?? []).length, messages };
}

export function validate(set: RuleSet, xml: string): SchematronReport {
  const result = SaxonJS.transform({ stylesheetInternal: stylesheet(set), sourceText: xml, destination: "serialized" }, "sync") as {
    principalResult: string;
  };
  return parseSvrl(result.principalResult);
}

/** Messages that make a document invalid: failed asserts flagged fatal or error. */
export const errorsOf = (r: SchematronReport) => r.messages.filter((m) => m.kind === "failed-assert" && (m.flag === "fatal" || m.flag === "error"));
export const warningsOf = (r: SchematronReport) => r.messages.filter((m) => !errorsOf(r).includes(m));

/** Both rule sets; `errors` lists "set id: text" lines so a failure names the rule. */
export function validateBoth(xml: string): { errors: string[]; warnings: string[]; firedRules: Record<RuleSet, number> } {
  const cen = validate("en16931", xml);
  const peppol = validate("peppol", xml);
  const line = (set: RuleSet) => (m: SvrlMessage) => `${set} ${m.id} [${m.flag}] ${m.text} @ ${m.location}`;
  return {
    errors: [...errorsOf(cen).map(line("en16931")), ...errorsOf(peppol).map(line("peppol"))],
    warnings: [...warningsOf(cen).map(line("en16931")), ...warningsOf(peppol).map(line("peppol"))],
    firedRules: { en16931: cen.firedRules, peppol: peppol.firedRules },
  };
}
