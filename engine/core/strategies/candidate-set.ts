import type { Candidate } from '../nodes/node-definition';

/** The reps of the node's candidate teams (every team when the list is empty). The rep filter is applied elsewhere. */
export function inCandidateTeams(candidates: readonly Candidate[], candidateTeams: readonly string[]): Candidate[] {
  if (candidateTeams.length === 0) return [...candidates];
  const teams = new Set(candidateTeams);
  return candidates.filter((c) => teams.has(c.rep.teamId));
}
