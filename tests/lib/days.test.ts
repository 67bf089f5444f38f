// Brussels calendar days → UTC instants (audit filters, key expiry), across summer time.
import { describe, expect, it } from "vitest";
import { dayEnd, dayStart, isCalendarDay, nextDay, offsetMinutes, today } from "../../src/lib/days";
import { auditFiltersSchema, withoutBlanks } from "../../src/admin/audit.filters";

describe("Brussels days", () => {
  it.each([
    ["2026-01-15", "2026-01-14T23:00:00.000Z", "2026-01-15T23:00:00.000Z"],
    ["2026-07-01", "2026-06-30T22:00:00.000Z", "2026-07-01T22:00:00.000Z"],
    // Summer time starts on 29 March 2026 at 02:00: that day is 23 hours long.
    ["2026-03-29", "2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"],
    // And ends on 25 October 2026 at 03:00: 25 hours.
    ["2026-10-25", "2026-10-24T22:00:00.000Z", "2026-10-25T23:00:00.000Z"],
    ["2028-02-29", "2028-02-28T23:00:00.000Z", "2028-02-29T23:00:00.000Z"],
  ])("%s runs from %s to %s", (day, start, end) => {
    expect(dayStart(day)).toBe(start);
    expect(dayEnd(day)).toBe(end);
  });

  it("knows real dates", () => {
    expect(isCalendarDay("2026-02-28")).toBe(true);
    for (const bad of ["2026-02-29", "2026-13-01", "2026-1-01", "20260101", "2026-01-01T00:00", "", "0000-00-00"]) expect(isCalendarDay(bad)).toBe(false);
  });

  it("counts offsets and days", () => {
    expect(offsetMinutes(Date.parse("2026-01-01T12:00:00Z"))).toBe(60);
    expect(offsetMinutes(Date.parse("2026-07-01T12:00:00Z"))).toBe(120);
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    // 23:30 UTC on 31 December is already New Year's Day in Brussels.
    expect(today(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });

  it("keeps each zone's answers apart when zones alternate (one formatter kept per zone)", () => {
    const instant = new Date("2026-03-29T00:30:00Z"); // Brussels switches to summer time at 01:00 UTC
    for (let round = 0; round < 3; round++) {
      expect(today(instant)).toBe("2026-03-29");
      expect(today(instant, "America/New_York")).toBe("2026-03-28");
      expect(today(instant, "Pacific/Kiritimati")).toBe("2026-03-29");
      expect(today(new Date("2026-03-29T10:30:00Z"), "Pacific/Kiritimati")).toBe("2026-03-30");
      expect(offsetMinutes(instant.getTime())).toBe(60);
      expect(offsetMinutes(instant.getTime() + 3_600_000)).toBe(120);
      expect(offsetMinutes(instant.getTime(), "America/New_York")).toBe(-240);
      expect(offsetMinutes(instant.getTime(), "Asia/Kolkata")).toBe(330);
      expect(offsetMinutes(instant.getTime(), "UTC")).toBe(0);
    }
    expect(() => today(instant, "Not/AZone")).toThrow(RangeError);
  });
});

describe("audit filters", () => {
  it("drops empty form fields and trims the rest", () => {
    expect(withoutBlanks({ action: " role.grant ", actor: "", to: "  " })).toEqual({ action: "role.grant" });
  });

  it("accepts a full set and lower-cases the actor", () => {
    const r = auditFiltersSchema.parse({ action: "key.create", actor: "Steward@Example.ORG", subject: "usr_1", org: "org_1", from: "2026-01-01", to: "2026-01-31", limit: "10" });
    expect(r).toMatchObject({ actor: "steward@example.org", limit: 10, from: "2026-01-01", to: "2026-01-31" });
  });

  it.each([
    [{ action: "DROP TABLE" }, "action"],
    [{ actor: "not-an-address" }, "actor"],
    [{ from: "2026-02-30" }, "from"],
    [{ from: "2026-03-02", to: "2026-03-01" }, "to"],
    [{ limit: "0" }, "limit"],
    [{ limit: "101" }, "limit"],
    [{ subject: "x".repeat(101) }, "subject"],
  ])("refuses %o on %s", (query, field) => {
    const r = auditFiltersSchema.safeParse(query);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});
