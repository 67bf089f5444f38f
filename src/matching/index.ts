// The matching module's public face.
export { match } from "./engine";
export { constraintsSchema, matchRequestSchema, MAX_NEEDS, needSchema, NETWORKS, weightsSchema } from "./needs";
export type { MatchConstraints, MatchRequest, MatchRequestInput, MatchWeights, Need } from "./needs";
export { EXCLUSION_CODES, REASON_CODES, reasonMessage, serviceLabel, UNMET_CODES, unmetMessage } from "./reasons";
export type { ExclusionCode, ReasonCode, ReasonParams } from "./reasons";
export { membershipYearlyCents, priceForNeed, setupCents } from "./price";
export type { NeedPrice } from "./price";
export { isFreeLicense } from "./licenses";
export { CRITERIA } from "./types";
export type * from "./types";
