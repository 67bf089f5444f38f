import { it } from "vitest";
import { expectFreshThenDirty } from "./fresh";

it("starts from fresh modules, a migrated D1 with only the steward, an empty restore D1 and bucket", async () => {
  await expectFreshThenDirty("b");
});
