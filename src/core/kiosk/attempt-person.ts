// Whom a refused punch attempt names. Most outcomes name at most a candidate: the enrolled face closest to an
// unrecognised one ('unknown'), the owner of an employee number typed with a wrong PIN ('bad_pin'). Nobody was
// identified and nothing was recorded for them. A few outcomes come after the person was identified (the face
// matched, the PIN was right, the code was valid) and were refused for what is known about them: they are that
// person's attempts.

/** Attempt outcomes that identified the person they name. */
export const IDENTIFIED_ATTEMPT_OUTCOMES = [
  'duplicate', // a repeat of a punch recorded for them a moment earlier
  'inactive', // a suspended or former employee at the door
  'not_rolled_out', // face punch not yet in use for them
] as const;
