import { text, type LocalizedText } from '../../common/localized';

/**
 * A small, conservative checker against catastrophic backtracking. It parses a (syntactically valid)
 * JavaScript pattern into groups, alternations and quantifiers and refuses:
 * - back-references (`\1`, `\k<name>`): they make matching NP-hard;
 * - a quantifier with a variable count (`*`, `+`, `?`, `{m,n}`) inside a repeated sub-pattern (`(a+)+`,
 *   `(\w*)*`, `(a?a?)+`, `(a{1,3}){2}`): the classic exponential shapes;
 * - an alternation inside a repeated sub-pattern unless every branch starts with a distinct literal
 *   character (`(foo|bar)+` is fine; `(a|a)*`, `(a|ab)+`, `(\d|x)+` are refused).
 * It may refuse a few harmless patterns; it never accepts the shapes above.
 */
type Node =
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'group'; body: Node }
  | { t: 'char'; ch: string }
  | { t: 'other' }
  | { t: 'repeat'; body: Node; min: number; max: number };

class Unsafe extends Error {
  constructor(readonly reason: LocalizedText) {
    super(reason.en);
  }
}

const BACKREF = text('正则表达式不能使用反向引用（如 \\1）。', 'The pattern cannot use back-references (such as \\1).');
const NESTED = text(
  '正则表达式包含嵌套的重复（如 (a+)+），可能导致匹配极慢；请去掉内层或外层的重复。',
  'The pattern nests repetition (such as (a+)+), which can make matching extremely slow; remove the inner or outer repetition.',
);
const AMBIGUOUS = text(
  '正则表达式在重复的分组中使用了可能重叠的分支（如 (a|ab)*），可能导致匹配极慢；请让每个分支以不同的字符开头。',
  'The pattern repeats a group whose branches can overlap (such as (a|ab)*), which can make matching extremely slow; start each branch with a different character.',
);

const UNREADABLE = text('无法分析该正则表达式的安全性；请简化它。', 'The pattern could not be analysed for safety; simplify it.');

const INFINITE = Number.POSITIVE_INFINITY;

class Parser {
  i = 0;
  constructor(
    readonly src: string,
    readonly fold: boolean,
  ) {}

  alternation(): Node {
    const options = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { t: 'alt', options };
  }

  sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      let atom = this.atom();
      const q = this.quantifier();
      if (q) atom = { t: 'repeat', body: atom, min: q[0], max: q[1] };
      items.push(atom);
    }
    return { t: 'seq', items };
  }

  quantifier(): [number, number] | undefined {
    const c = this.src[this.i];
    let q: [number, number] | undefined;
    if (c === '*') q = [0, INFINITE];
    else if (c === '+') q = [1, INFINITE];
    else if (c === '?') q = [0, 1];
    if (q) {
      this.i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return undefined;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? INFINITE : Number(m[3]);
      this.i += m[0].length;
      q = [min, max];
    } else {
      return undefined;
    }
    if (this.src[this.i] === '?') this.i++; // lazy
    return q;
  }

  atom(): Node {
    const c = this.src[this.i] as string;
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    this.i++;
    if (c === '.' || c === '^' || c === '$') return { t: 'other' };
    return { t: 'char', ch: this.fold ? c.toLowerCase() : c };
  }

  group(): Node {
    this.i++; // (
    if (this.src[this.i] === '?') {
      const rest = this.src.slice(this.i);
      if (rest.startsWith('?<=') || rest.startsWith('?<!')) this.i += 3;
      else if (rest.startsWith('?<')) this.i = this.src.indexOf('>', this.i) + 1;
      else this.i += 2; // ?: ?= ?!
    }
    const body = this.alternation();
    this.i++; // )
    return { t: 'group', body };
  }

  charClass(): Node {
    this.i++; // [
    if (this.src[this.i] === '^') this.i++;
    while (this.i < this.src.length && this.src[this.i] !== ']') this.i += this.src[this.i] === '\\' ? 2 : 1;
    this.i++; // ]
    return { t: 'other' };
  }

  escape(): Node {
    const d = this.src[this.i + 1] ?? '';
    this.i += 2;
    if (/[1-9]/.test(d) || d === 'k') throw new Unsafe(BACKREF);
    const rest = this.src.slice(this.i);
    if (d === 'x' && /^[0-9a-fA-F]{2}/.test(rest)) this.i += 2;
    else if (d === 'u' && /^[0-9a-fA-F]{4}/.test(rest)) this.i += 4;
    else if (d === 'c' && /^[A-Za-z]/.test(rest)) this.i += 1;
    if (/[dDwWsSbBcxu0tnrfv]/.test(d)) return { t: 'other' };
    return { t: 'char', ch: this.fold ? d.toLowerCase() : d };
  }
}

function firstChar(node: Node): string | undefined {
  if (node.t === 'char') return node.ch;
  if (node.t === 'seq' && node.items[0]?.t === 'char') return node.items[0].ch;
  return undefined;
}

function branchesAreDistinct(options: Node[]): boolean {
  const seen = new Set<string>();
  for (const option of options) {
    const ch = firstChar(option);
    if (ch === undefined || seen.has(ch)) return false;
    seen.add(ch);
  }
  return true;
}

function inspect(node: Node, repeated: boolean): void {
  switch (node.t) {
    case 'repeat':
      if (repeated && node.min !== node.max) throw new Unsafe(NESTED);
      inspect(node.body, repeated || node.max > 1);
      return;
    case 'alt':
      if (repeated && !branchesAreDistinct(node.options)) throw new Unsafe(AMBIGUOUS);
      for (const o of node.options) inspect(o, repeated);
      return;
    case 'seq':
      for (const item of node.items) inspect(item, repeated);
      return;
    case 'group':
      inspect(node.body, repeated);
      return;
    default:
      return;
  }
}

/** Why a valid pattern is unsafe to run on untrusted text, or undefined when it is safe. */
export function regexSafetyProblem(pattern: string, flags: string): LocalizedText | undefined {
  try {
    const parser = new Parser(pattern, flags.includes('i'));
    const tree = parser.alternation();
    if (parser.i < pattern.length) throw new Unsafe(UNREADABLE);
    inspect(tree, false);
    return undefined;
  } catch (e) {
    if (e instanceof Unsafe) return e.reason;
    throw e;
  }
}
