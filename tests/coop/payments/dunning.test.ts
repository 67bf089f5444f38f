import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DUNNING_STEPS, STEPS_OF, dueDunningStep, dunningSchedule, type DunningInput, type DunningStep } from "../../../src/coop/payments/dunning";
import { nextDay } from "../../../src/lib/days";

const schedule = dunningSchedule("7,21,35")!;

describe("dunningSchedule", () => {
  it("reads three increasing offsets, refuses the rest", () => {
    expect(dunningSchedule("7,21,35")).toEqual([7, 21, 35]);
    expect(dunningSchedule(" 10, 20 ,30 ")).toEqual([10, 20, 30]);
    for (const bad of ["", "7,21", "7,21,35,49", "21,7,35", "7,7,35", "0,21,35", "7,x,35", "7,21,400", "-7,21,35"]) expect(dunningSchedule(bad)).toBeNull();
  });
});

describe("dueDunningStep", () => {
  const open = (sent: DunningInput["sent"] = []): DunningInput => ({ dueDate: "2027-02-04", status: "open", sent });

  it("a reminder at due + 7, a second at + 21, a formal notice at + 35", () => {
    expect(dueDunningStep(open(), "2027-02-10", schedule)).toBeNull();
    expect(dueDunningStep(open(), "2027-02-11", schedule)).toBe("reminder");
    expect(dueDunningStep(open([{ step: "reminder", on: "2027-02-11" }]), "2027-02-24", schedule)).toBeNull();
    expect(dueDunningStep(open([{ step: "reminder", on: "2027-02-11" }]), "2027-02-25", schedule)).toBe("second_reminder");
    const two = open([{ step: "reminder", on: "2027-02-11" }, { step: "second_reminder", on: "2027-02-25" }]);
    expect(dueDunningStep(two, "2027-03-10", schedule)).toBeNull();
    expect(dueDunningStep(two, "2027-03-11", schedule)).toBe("formal_notice");
    expect(dueDunningStep({ ...two, sent: [...two.sent, { step: "formal_notice", on: "2027-03-11" }] }, "2027-06-01", schedule)).toBeNull();
  });

  it("a capital call is reminded at + 7 and + 21, never put on formal notice", () => {
    const steps = STEPS_OF.share_call;
    expect(STEPS_OF.invoice).toEqual(DUNNING_STEPS);
    expect(dueDunningStep(open(), "2027-02-11", schedule, steps)).toBe("reminder");
    expect(dueDunningStep(open([{ step: "reminder", on: "2027-02-11" }]), "2027-02-25", schedule, steps)).toBe("second_reminder");
    const two = open([{ step: "reminder", on: "2027-02-11" }, { step: "second_reminder", on: "2027-02-25" }]);
    expect(dueDunningStep(two, "2027-03-11", schedule, steps)).toBeNull();
    expect(dueDunningStep(two, "2028-03-11", schedule, steps)).toBeNull();
  });

  it("nothing once paid, credited or overpaid; a partially paid invoice is still reminded", () => {
    for (const status of ["paid", "credited", "overpaid"] as const) expect(dueDunningStep({ ...open(), status }, "2027-04-01", schedule)).toBeNull();
    expect(dueDunningStep({ ...open(), status: "partially_paid" }, "2027-04-01", schedule)).toBe("reminder");
  });

  it("a late first reminder keeps the spacing before the next step", () => {
    const late = open([{ step: "reminder", on: "2027-03-20" }]);
    expect(dueDunningStep(late, "2027-03-21", schedule)).toBeNull();
    expect(dueDunningStep(late, "2027-04-03", schedule)).toBe("second_reminder");
  });

  it("run every day (with days skipped), each step is sent once, in order, never before its offset, never after payment", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }).chain((a) => fc.tuple(fc.constant(a), fc.integer({ min: a + 1, max: 90 }))).chain(([a, b]) => fc.tuple(fc.constant([a, b]), fc.integer({ min: b + 1, max: 120 }))).map(([ab, c]) => [...ab, c]),
        fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }),
        fc.option(fc.integer({ min: 0, max: 199 }), { nil: undefined }),
        (sched, runs, paidOn) => {
          const due = "2027-01-31";
          let day = due;
          const sent: { step: DunningStep; on: string }[] = [];
          for (let i = 0; i < 200; i++) {
            day = nextDay(day);
            if (!runs[i]) continue;
            const status = paidOn !== undefined && i >= paidOn ? "paid" : "open";
            const step = dueDunningStep({ dueDate: due, status, sent }, day, sched);
            if (step) {
              if (status === "paid") return false;
              if (i + 1 < sched[DUNNING_STEPS.indexOf(step)]!) return false;
              sent.push({ step, on: day });
            }
          }
          const steps = sent.map((s) => s.step);
          return new Set(steps).size === steps.length && steps.every((s, i) => s === DUNNING_STEPS[i]);
        },
      ),
    );
  });
});
