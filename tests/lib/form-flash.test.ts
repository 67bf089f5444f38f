// The form-value helper (posted fields as capped text) and the flash helper (?notice=code → message).
import { describe, expect, it } from "vitest";
import { flashes } from "../../src/lib/flash";
import { formList, formText, formTexts } from "../../src/lib/form";

const request = (url: string) => ({ req: { query: (name: string) => new URL(url, "https://x.test").searchParams.get(name) ?? undefined } });

describe("form values", () => {
  it("reads a posted string, capped; anything else is empty", () => {
    expect(formText("abc")).toBe("abc");
    expect(formText("x".repeat(5000), 10)).toBe("x".repeat(10));
    expect(formText(undefined)).toBe("");
    expect(formText(["a", "b"])).toBe("");
    expect(formText(new File(["x"], "f.txt"))).toBe("");
  });

  it("reads a repeated field as a list of strings, at most `max`", () => {
    expect(formList(["a", new File(["x"], "f"), "b"])).toEqual(["a", "b"]);
    expect(formList("one")).toEqual(["one"]);
    expect(formList(undefined)).toEqual([]);
    expect(formList(["a", "b", "c"], 2)).toEqual(["a", "b"]);
  });

  it("keeps every text field of a body, drops files", () => {
    expect(formTexts({ a: "1", f: new File(["x"], "f"), b: "y".repeat(10) }, 3)).toEqual({ a: "1", b: "yyy" });
  });
});

describe("flash notices", () => {
  const flash = flashes("orgs.notice", ["saved", "left"]);

  it("adds the code to a redirect path and reads it back as its message key", () => {
    expect(flash.to("/orgs/o1", "saved")).toBe("/orgs/o1?notice=saved");
    expect(flash.to("/x?lang=nl", "left")).toBe("/x?lang=nl&notice=left");
    expect(flash.to("/orgs/o1")).toBe("/orgs/o1");
    expect(flash.read(request("/orgs/o1?notice=saved"))).toBe("orgs.notice.saved");
  });

  it("shows nothing for an unknown, missing or inherited code", () => {
    for (const url of ["/?notice=nope", "/", "/?notice=constructor", "/?notice=__proto__", "/?notice=toString"]) expect(flash.read(request(url))).toBeUndefined();
  });
});
