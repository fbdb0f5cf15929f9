/**
 * Keys that reach into JavaScript's object machinery. They are never valid as fact names, attribute keys,
 * path steps or condition keys, so a document can neither read nor pollute prototypes.
 */
const FORBIDDEN = new Set([
  '__proto__', 'constructor', 'prototype',
  '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf',
]);

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN.has(key);
}
