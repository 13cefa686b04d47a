// The audit log's hash chain: each entry's hash covers its own fields and the previous entry's hash, so a
// changed, removed or reordered entry breaks the chain from that point on.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryFields {
  id: number;
  at: string;
  actorUserId: number | null;
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: string;
}

export function hashEntry(prevHash: string, entry: AuditEntryFields): string {
  const canonical = JSON.stringify([
    prevHash,
    entry.id,
    entry.at,
    entry.actorUserId,
    entry.actorName,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.ip,
    entry.details,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainProblem = 'changed' | 'removed_or_reordered';

export interface ChainBreak {
  id: number;
  problem: ChainProblem;
}

export interface ChainState {
  lastHash: string;
  lastId: number;
}

/**
 * Checks a run of entries (in id order) against the state left by the entries before them.
 * Returns the first break, or the new state to continue with.
 */
export function verifyChainSegment(
  state: ChainState,
  entries: readonly (AuditEntryFields & { prevHash: string; hash: string })[],
): { ok: true; state: ChainState } | { ok: false; break: ChainBreak } {
  let { lastHash, lastId } = state;
  for (const entry of entries) {
    if (entry.prevHash !== lastHash || entry.id <= lastId) {
      return { ok: false, break: { id: entry.id, problem: 'removed_or_reordered' } };
    }
    if (hashEntry(entry.prevHash, entry) !== entry.hash) {
      return { ok: false, break: { id: entry.id, problem: 'changed' } };
    }
    lastHash = entry.hash;
    lastId = entry.id;
  }
  return { ok: true, state: { lastHash, lastId } };
}
