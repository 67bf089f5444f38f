import { expect, it } from "vitest";
import { isFreeLicense } from "../../src/matching/licenses";

it("recognises free licence families written freely, and nothing else", () => {
  for (const l of ["AGPL-3.0-or-later", "GPLv3", "GNU GPL v2+", "LGPL-2.1", "MIT", "MIT/X11", "Apache 2.0", "BSD-3-Clause", "MPL-2.0", "EUPL 1.2", "CeCILL-B", "ISC"]) {
    expect(isFreeLicense(l)).toBe(true);
  }
  for (const l of [null, "", "proprietary", "Propriétaire", "SSPL", "BUSL-1.1", "Elastic License 2.0", "Apache 2.0 with Commons Clause", "CC BY-NC-SA", "freeware", "unknown"]) {
    expect(isFreeLicense(l)).toBe(false);
  }
});
