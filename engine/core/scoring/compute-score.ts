import { text, type LocalizedText } from '../common/localized';
import type { Grade, ScoreParams, Thresholds } from './score-params.schema';

export const MIN_SCORE = 0;
export const MAX_SCORE = 100;

export interface ScoreLine {
  index: number;
  label: string;
  /** the rule's points */
  points: number;
  matched: boolean;
  /** points actually added (the rule's points when matched, else 0) */
  awarded: number;
  text: LocalizedText;
}

export interface ScoreResult {
  /** base + awarded points, before clamping */
  raw: number;
  /** clamped to 0–100 */
  score: number;
  grade: Grade;
  /** one line per rule, in order (empty when `explain` is false) */
  lines: ScoreLine[];
  summary: LocalizedText;
}

export function clampScore(raw: number): number {
  return raw < MIN_SCORE ? MIN_SCORE : raw > MAX_SCORE ? MAX_SCORE : raw;
}

/** A ≥ thresholds.A, B ≥ thresholds.B, C ≥ thresholds.C, otherwise D. */
export function gradeFor(score: number, t: Thresholds): Grade {
  if (score >= t.A) return 'A';
  if (score >= t.B) return 'B';
  if (score >= t.C) return 'C';
  return 'D';
}

/** "Score 85, grade A", built once per (grade, integer score) and shared: the summary of every unexplained run. */
const LEAN_SUMMARIES: Record<Grade, (LocalizedText | undefined)[]> = { A: [], B: [], C: [], D: [] };
function leanSummary(score: number, grade: Grade): LocalizedText {
  const cacheable = Number.isInteger(score) && score >= MIN_SCORE && score <= MAX_SCORE;
  const hit = cacheable ? LEAN_SUMMARIES[grade][score] : undefined;
  if (hit) return hit;
  const made = Object.freeze(text(`评分 ${score} 分，${grade} 级`, `Score ${score}, grade ${grade}`));
  if (cacheable) LEAN_SUMMARIES[grade][score] = made;
  return made;
}

const signed = (n: number): string => (n >= 0 ? `+${n}` : String(n));

function line(index: number, label: string, points: number, matched: boolean): ScoreLine {
  const awarded = matched ? points : 0;
  return {
    index, label, points, matched, awarded,
    text: matched
      ? text(`${signed(points)} ${label}（满足）`, `${signed(points)} ${label} (matched)`)
      : text(`0 ${label}（不满足，满足时 ${signed(points)}）`, `0 ${label} (not matched; would add ${signed(points)})`),
  };
}

/** The result without explanation for a raw total (base + awarded points): clamped, graded, the shared summary. */
export function leanScoreResult(params: Pick<ScoreParams, 'thresholds'>, raw: number): ScoreResult {
  const score = clampScore(raw);
  const grade = gradeFor(score, params.thresholds);
  return { raw, score, grade, lines: [], summary: leanSummary(score, grade) };
}

/**
 * Scores a customer: `base` plus the points of every rule `matched(i)` says holds, clamped to 0–100, graded by
 * the thresholds. With `explain` (default) every rule gets a line saying whether it matched and its points, and
 * the summary states base, total, clamping and grade.
 */
export function computeScore(
  params: Pick<ScoreParams, 'base' | 'rules' | 'thresholds'>,
  matched: (index: number) => boolean,
  explain = true,
): ScoreResult {
  const rules = params.rules;
  if (!explain) {
    let total = params.base;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (rule && matched(i)) total += rule.points;
    }
    return leanScoreResult(params, total);
  }
  let raw = params.base;
  const lines: ScoreLine[] = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!rule) continue;
    const ok = matched(i);
    if (ok) raw += rule.points;
    lines.push(line(i, rule.label, rule.points, ok));
  }
  const score = clampScore(raw);
  const grade = gradeFor(score, params.thresholds);
  const clampedZh = raw !== score ? `（原始 ${raw}，已限制在 0–100）` : '';
  const clampedEn = raw !== score ? ` (raw ${raw}, clamped to 0–100)` : '';
  const hits = lines.filter((l) => l.matched).length;
  const summary = text(
    `评分 ${score} 分，${grade} 级：基础分 ${params.base}，满足 ${hits}/${rules.length} 条规则${clampedZh}`,
    `Score ${score}, grade ${grade}: base ${params.base}, ${hits} of ${rules.length} rules matched${clampedEn}`,
  );
  return { raw, score, grade, lines, summary };
}

/** Thresholds must fall strictly: A > B > C. Returns the offending key, if any. */
export function thresholdsOutOfOrder(t: Thresholds): 'B' | 'C' | undefined {
  if (!(t.A > t.B)) return 'B';
  if (!(t.B > t.C)) return 'C';
  return undefined;
}
