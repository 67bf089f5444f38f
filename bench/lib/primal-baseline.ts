// The neighbourhoods' schedule as it was before the sub-search work (bnb.ts primalSchedule at
// commit e9895b0) for bench:assign-primal to run beside the current one on the same instances:
// RINS and tight-row neighbourhoods of a quarter of the units at the root, then one every 40 nodes,
// each sub-search on 2,000 pivots and 300 nodes, all within 15 % of the pivot limit. That schedule
// lives on unchanged as the small instances' one (bnb.ts smallSchedule), so the bench runs it at
// every size; freeze a copy here if smallSchedule ever changes.
export { smallSchedule as primalScheduleBaseline } from "../../src/transition/assign/bnb";
