import { text, type LocalizedText } from '../common/localized';
import { CONDITION_ERROR, type ConditionErrorCode } from './condition-problem';
import { isForbiddenKey } from './forbidden-keys';

export const MAX_PATH_LENGTH = 200;

export type FactPathResult =
  | { ok: true; steps: readonly string[] | null }
  | { ok: false; code: ConditionErrorCode; message: LocalizedText };

const STEP = /\.([\p{L}\p{N}_-]+)|\[(\d+)\]/uy;

/**
 * Parses the json-rules-engine style path subset Allot accepts: `$`, then `.name` or `[index]` steps
 * (e.g. `$.winRateByIndustry.saas`, `$.tags[0]`). An empty path means no path (as in json-rules-engine).
 * Wildcards, filters, recursive descent and script expressions are refused.
 */
export function parseFactPath(path: unknown): FactPathResult {
  if (typeof path !== 'string') return badPath('路径必须是文本，例如 $.a.b。', 'The path must be text, e.g. $.a.b.');
  if (path === '') return { ok: true, steps: null };
  if (path.length > MAX_PATH_LENGTH) {
    return badPath(`路径超过 ${MAX_PATH_LENGTH} 个字符。`, `The path is longer than ${MAX_PATH_LENGTH} characters.`);
  }
  if (path[0] !== '$') return badPath('路径必须以 $ 开头，例如 $.a.b。', 'A path starts with $, e.g. $.a.b.');
  const steps: string[] = [];
  STEP.lastIndex = 1;
  while (STEP.lastIndex < path.length) {
    const at = STEP.lastIndex;
    const m = STEP.exec(path);
    if (!m) {
      return badPath(
        `路径“${path}”在第 ${at + 1} 个字符处无效；只支持 .名称 和 [序号]。`,
        `The path “${path}” is invalid at character ${at + 1}; only .name and [index] steps are supported.`,
      );
    }
    const step = m[1] ?? m[2] ?? '';
    if (isForbiddenKey(step)) {
      return {
        ok: false,
        code: CONDITION_ERROR.forbiddenKey,
        message: text(`路径不能包含保留名称“${step}”。`, `A path cannot contain the reserved name “${step}”.`),
      };
    }
    steps.push(step);
  }
  return { ok: true, steps };
}

function badPath(zh: string, en: string): FactPathResult {
  return { ok: false, code: CONDITION_ERROR.badPath, message: text(zh, en) };
}

/**
 * Selects inside a fact value exactly as json-rules-engine (jsonpath-plus, `wrap: false`) does for these paths:
 * a non-object fact value is returned unchanged; each step follows an own property of a truthy value;
 * a missing step gives undefined.
 */
export function selectPath(value: unknown, steps: readonly string[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  let cur: unknown = value;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as string;
    if (!cur || !Object.hasOwn(cur as object, step)) return undefined;
    cur = (cur as Record<string, unknown>)[step];
  }
  return cur;
}
