/**
 * One typo: a letter left out, added, replaced, or two neighbours swapped (the optimal string
 * alignment distance of 1). Words shorter than `MIN_TYPO_LENGTH` must be typed exactly: with one
 * letter in three wrong, almost any short word matches almost any other.
 */
export const MIN_TYPO_LENGTH = 4;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** Whether `a` and `b` differ by at most one typo. */
export function withinOneTypo(a: string, b: string): boolean {
  if (a === b) return true;
  const diff = a.length - b.length;
  if (diff > 1 || diff < -1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (diff === 1) return a.slice(i + 1) === b.slice(i);
  if (diff === -1) return a.slice(i) === b.slice(i + 1);
  if (a.slice(i + 1) === b.slice(i + 1)) return true;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Every word one typo away from `word` over the Latin letters (and the word's own characters),
 * `word` itself excluded: the terms a search looks up to find a misspelt word.
 */
export function typoVariants(word: string): string[] {
  const letters = [...new Set(ALPHABET + word)];
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    for (const letter of letters) out.add(head + letter + tail);
    if (i < word.length) {
      out.add(head + tail.slice(1));
      for (const letter of letters) out.add(head + letter + tail.slice(1));
    }
    if (i < word.length - 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
  }
  out.delete(word);
  return [...out];
}
