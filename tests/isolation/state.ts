// A module with state, to see that each test file gets it fresh (tests/isolation/fresh.ts).
export const marks: string[] = [];
