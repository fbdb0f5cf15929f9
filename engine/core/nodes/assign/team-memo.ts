import type { Candidate } from '../node-definition';

/** The candidate teams of an assign-like node, as its prepared candidate set keeps them, and the node's memo. */
export interface TeamChoice {
  teams: ReadonlySet<string> | undefined;
  /** the one candidate team, when there is exactly one (a string compare beats a Set lookup per rep) */
  onlyTeam: string | undefined;
  teamMemo?: TeamMemo;
}

/** Whether a rep of this team is in the candidate teams (no candidate teams: every team). */
export function inCandidateTeams(choice: TeamChoice, teamId: string): boolean {
  return choice.onlyTeam !== undefined ? teamId === choice.onlyTeam : choice.teams === undefined || choice.teams.has(teamId);
}

/**
 * The team filter's last answer for one `env.reps` list. A stream of decisions often passes the same list (the
 * simulation, the engine benchmark, a batch): from its second decision on, the answer is kept with a copy of the
 * list and reused while the list still holds the same entries, in the same order.
 */
export interface TeamMemo {
  reps: readonly Candidate[];
  /** the list's entries when `inTeams` was computed; null until the list has been seen twice in a row */
  entries: Candidate[] | null;
  /** the entries of the candidate teams, in list order (shared between decisions: never changed) */
  inTeams: Candidate[];
  /** `inTeams` after a rep filter that reads rep facts only (candidate-set.ts), once the memo holds */
  filtered?: readonly Candidate[] | undefined;
}

/** True while the list holds exactly the entries (the same objects, in the same order) the memo was made from. */
function sameEntries(entries: readonly Candidate[], reps: readonly Candidate[]): boolean {
  if (reps.length !== entries.length) return false;
  for (let i = 0; i < reps.length; i++) if (reps[i] !== entries[i]) return false;
  return true;
}

/**
 * The entries of `reps` whose rep is in the node's candidate teams, in order. Reuses the node's memo when `reps` is
 * the list it was made for and holds the same entries (an entry replaced, added, removed or moved recomputes it):
 * comparing entries by identity costs far less than reading every rep's team and comparing it as text, or hashing it
 * into a Set, on every decision. An entry is read as given (AllocationEnv.reps): its rep and team are not expected
 * to change in place while the list is reused — only its load. Read the result, never change it.
 */
export function repsInTeams(choice: TeamChoice, reps: readonly Candidate[]): readonly Candidate[] {
  const memo = choice.teamMemo;
  const same = memo !== undefined && memo.reps === reps;
  if (same && memo.entries !== null && sameEntries(memo.entries, reps)) return memo.inTeams;
  const inTeams: Candidate[] = [];
  for (let i = 0; i < reps.length; i++) {
    const c = reps[i] as Candidate;
    if (inCandidateTeams(choice, c.rep.teamId)) inTeams.push(c);
  }
  if (same) {
    memo.entries = reps.slice();
    memo.inTeams = inTeams;
    memo.filtered = undefined;
  } else {
    choice.teamMemo = { reps, entries: null, inTeams };
  }
  return inTeams;
}
