/**
 * JSON.parse accepts more than a row should say: of two equal keys it keeps the last without a
 * word, `"__proto__"` becomes a key that copying the object turns into its prototype (so the value
 * vanishes), an escaped lone surrogate (`"\ud800"`) is text no UTF-8 store can hold, and nesting
 * has no bound (MongoDB refuses documents nested over 100 levels, failing the whole batch).
 * `parseStrictJson` refuses all four, naming what it found.
 */

/** Deepest nesting of objects and arrays accepted in a row (the contract's rows need 3). */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /\p{Cs}/u;

export type StrictJson = { ok: true; value: unknown } | { ok: false; reason: string };

function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * How many object keys a parsed value holds, or -1 when `inspect` would refuse it: the check every
 * row pays, without building paths. No recursion: the nesting is not bounded yet.
 */
function countKeys(root: unknown): number {
  let keys = 0;
  const values: unknown[] = [root];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return -1;
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_JSON_DEPTH) return -1;
      if (Array.isArray(value)) {
        for (const inner of value) {
          values.push(inner);
          depths.push(depth + 1);
        }
        continue;
      }
      for (const key of Object.keys(value)) {
        if (key === '__proto__' || LONE_SURROGATE.test(key)) return -1;
        keys += 1;
        values.push((value as Record<string, unknown>)[key]);
        depths.push(depth + 1);
      }
    }
  }
  return keys;
}

/**
 * Checks a parsed value without recursion (the nesting is not bounded yet): keys, strings, depth.
 * Returns how many object keys it holds, or the reason it is refused.
 */
function inspect(root: unknown): number | string {
  let keys = 0;
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path, depth } = item;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return `${path || 'the row'}: not valid Unicode (an escaped lone surrogate)`;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return `${path}: nested more than ${MAX_JSON_DEPTH} levels deep`;
    if (Array.isArray(value)) {
      value.forEach((inner, i) => stack.push({ value: inner, path: pathOf(path, i), depth: depth + 1 }));
      continue;
    }
    for (const [key, inner] of Object.entries(value)) {
      keys += 1;
      if (key === '__proto__') return `${pathOf(path, key)}: a field may not be named "__proto__"`;
      if (LONE_SURROGATE.test(key)) return `${path || 'the row'}: a key is not valid Unicode (an escaped lone surrogate)`;
      stack.push({ value: inner, path: pathOf(path, key), depth: depth + 1 });
    }
  }
  return keys;
}

/** Object keys written in the text: outside strings, a `:` only ever follows a key. */
function countWrittenKeys(text: string): number {
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x3a) {
      keys += 1;
    }
  }
  return keys;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** The first key written twice in one object (valid JSON only; run when the counts differ). */
function firstRepeatedKey(text: string): string {
  const objects: (Set<string> | undefined)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') objects.push(new Set());
    else if (c === '[') objects.push(undefined);
    else if (c === '}' || c === ']') objects.pop();
    else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      let after = end + 1;
      while (WHITESPACE.has(text[after]!)) after += 1;
      const seen = objects.at(-1);
      if (seen && text[after] === ':') {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (seen.has(key)) return key;
        seen.add(key);
      }
      i = end;
    }
  }
  return '';
}

/** `JSON.parse`, refusing repeated keys, `__proto__`, lone surrogates and nesting deeper than `MAX_JSON_DEPTH`. */
export function parseStrictJson(text: string): StrictJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${(error as Error).message}` };
  }
  const keys = countKeys(value);
  if (keys < 0) return { ok: false, reason: inspect(value) as string };
  if (keys !== countWrittenKeys(text)) {
    return { ok: false, reason: `${firstRepeatedKey(text)}: given twice; a row must give each field once` };
  }
  return { ok: true, value };
}
