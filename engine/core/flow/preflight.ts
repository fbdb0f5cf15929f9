import { text } from '../common/localized';
import { FLOW_ERROR, flowError, ptr, type FlowError } from './flow-error';
import { FLOW_LIMITS } from './flow-limits';

/** Keys that could reach an object's prototype when copied naively; never valid in a flow document. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_FORBIDDEN_REPORTED = 20;

export interface PreflightResult {
  /** a plain-JSON copy of the input (only when there is no error) */
  value?: unknown;
  errors: FlowError[];
}

class Stop extends Error {}

/**
 * The first, cheap pass over untrusted input: copies it into fresh plain JSON, and stops at the first sign of
 * trouble that would make later passes slow or unsafe — nesting deeper than FLOW_LIMITS.maxDepth, more values or
 * characters than allowed, an object that contains itself, values JSON cannot hold — and reports prototype keys
 * (`__proto__`, `constructor`, `prototype`). Never throws; time is bounded by the limits, not by the input.
 */
export function preflight(input: unknown): PreflightResult {
  const errors: FlowError[] = [];
  let values = 0;
  let chars = 0;
  let forbidden = 0;
  const onPath = new Set<object>();
  /** the current location, turned into a JSON pointer only when something is reported */
  const path: Array<string | number> = [];
  const here = (): string => ptr('', ...path);

  const fatal = (code: string, zh: string, en: string): never => {
    errors.push(flowError(code, here(), text(zh, en)));
    throw new Stop();
  };
  const count = (n: number) => {
    values += 1;
    chars += n;
    if (values > FLOW_LIMITS.maxValues || chars > FLOW_LIMITS.maxChars) {
      fatal(FLOW_ERROR.tooLarge,
        `文档过大（超过 ${FLOW_LIMITS.maxValues} 个值或约 ${FLOW_LIMITS.maxChars / 1_000_000} MB）；请拆分流程或删除多余内容。`,
        `The document is too large (over ${FLOW_LIMITS.maxValues} values or about ${FLOW_LIMITS.maxChars / 1_000_000} MB); split the flow or remove unneeded content.`);
    }
  };

  const copy = (v: unknown, depth: number): unknown => {
    if (depth > FLOW_LIMITS.maxDepth) {
      fatal(FLOW_ERROR.tooDeep,
        `嵌套超过 ${FLOW_LIMITS.maxDepth} 层；请简化条件（合并或拆分条件组）。`,
        `Nesting goes deeper than ${FLOW_LIMITS.maxDepth} levels; simplify the conditions (merge or split groups).`);
    }
    switch (typeof v) {
      case 'string':
        count(v.length);
        return v;
      case 'boolean':
        count(4);
        return v;
      case 'number':
        count(8);
        if (!Number.isFinite(v)) fatal(FLOW_ERROR.notJson, '数值必须是有限数字（不能是 NaN 或无穷大）。', 'Numbers must be finite (not NaN or Infinity).');
        return v;
      case 'object':
        break;
      default:
        return fatal(FLOW_ERROR.notJson, `这里的值（${typeof v}）不是 JSON 数据；请只使用文字、数字、布尔值、列表和对象。`, `This value (${typeof v}) is not JSON; use only strings, numbers, booleans, lists and objects.`);
    }
    if (v === null) {
      count(4);
      return null;
    }
    if (onPath.has(v)) fatal(FLOW_ERROR.cyclicObject, '文档包含对自身的引用（循环结构），无法保存为 JSON。', 'The document refers to itself (a cyclic structure) and cannot be saved as JSON.');
    count(2);
    onPath.add(v);
    try {
      if (Array.isArray(v)) {
        const out: unknown[] = [];
        const n = v.length;
        if (n > FLOW_LIMITS.maxValues) count(FLOW_LIMITS.maxChars);
        for (let i = 0; i < n; i++) {
          const item: unknown = v[i];
          path.push(i);
          if (item === undefined) fatal(FLOW_ERROR.notJson, '列表中不能有空项（undefined）。', 'A list cannot contain undefined items.');
          out.push(copy(item, depth + 1));
          path.pop();
        }
        return out;
      }
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        fatal(FLOW_ERROR.notJson, '这里应是普通的 JSON 对象（不能是日期、Map 或类实例）。', 'A plain JSON object is expected here (not a Date, Map or class instance).');
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        count(key.length);
        if (FORBIDDEN_KEYS.has(key)) {
          if (forbidden++ < MAX_FORBIDDEN_REPORTED) {
            errors.push(flowError(FLOW_ERROR.forbiddenKey, ptr(here(), key), text(`不允许使用字段名“${key}”；请删除它。`, `The key "${key}" is not allowed; remove it.`)));
          }
          continue;
        }
        const item: unknown = (v as Record<string, unknown>)[key];
        if (item === undefined) continue;
        path.push(key);
        out[key] = copy(item, depth + 1);
        path.pop();
      }
      return out;
    } finally {
      onPath.delete(v);
    }
  };

  try {
    const value = copy(input, 0);
    return errors.length ? { errors } : { value, errors };
  } catch (e) {
    if (!(e instanceof Stop)) {
      errors.push(flowError(FLOW_ERROR.unreadable, '', text('无法读取该文档（读取某个值时出错）；请重新导出为 JSON。', 'The document could not be read (reading a value failed); export it again as JSON.')));
    }
    return { errors };
  }
}
