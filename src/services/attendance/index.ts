// What other areas use from attendance: the punch service calls recomputeAfterPunch after saving a punch.
export { type RecomputeOutcome, recomputeAfterPunch } from './changes.js';
export { faceRolledOutFor } from './face-rollout.js';
export { accrueThisYear, recomputeYesterday } from './nightly.js';
export { dayStatusAfterPunch, type PunchDayStatus } from './punch-status.js';
