// What rule a form value broke, as data: a page turns it into a sentence in the visitor's language
// naming the field ("“Name”: at most 200 characters"), instead of showing a validator's English.
import type { z } from "zod";
import { HTTP_URL_MESSAGE } from "./http-url";

export type FieldRule =
  | { kind: "required" }
  | { kind: "too_long"; max: number }
  | { kind: "too_small"; min: number }
  | { kind: "too_big"; max: number }
  | { kind: "number" }
  | { kind: "money" }
  | { kind: "url" }
  | { kind: "email" }
  | { kind: "format" }
  | { kind: "choice" }
  | { kind: "features" }
  | { kind: "too_many"; max: number };

/** The rule a zod issue reports (zod 4 issue codes); `format` when only the field's own pattern knows what was expected. */
export function ruleOf(issue: z.core.$ZodIssue, featurePrefix: string): FieldRule | undefined {
  switch (issue.code) {
    case "custom":
      if (issue.message === HTTP_URL_MESSAGE) return { kind: "url" };
      if (issue.message.startsWith(featurePrefix)) return { kind: "features" };
      return undefined;
    case "too_big":
      if (issue.origin === "string") return { kind: "too_long", max: Number(issue.maximum) };
      if (issue.origin === "array" || issue.origin === "set") return { kind: "too_many", max: Number(issue.maximum) };
      return { kind: "too_big", max: Number(issue.maximum) };
    case "too_small":
      if (issue.origin === "string") return { kind: "required" };
      return { kind: "too_small", min: Number(issue.minimum) };
    case "invalid_type":
      return issue.expected === "number" || issue.expected === "int" ? { kind: "number" } : undefined;
    case "invalid_format":
      return issue.format === "email" ? { kind: "email" } : issue.format === "url" ? { kind: "url" } : { kind: "format" };
    case "invalid_value":
      return { kind: "choice" };
    default:
      return undefined;
  }
}
