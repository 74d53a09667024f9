/**
 * Folding for search: text is compared without accents, case or punctuation, so `Bräutigam`,
 * `brautigam` and `BRAUTIGAM` are one word, and `O'Brien` is `obrien`.
 */

// Letters that NFD does not decompose into a base letter and marks.
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ĳ: 'ij',
};

// Joined rather than split on: `O'Brien` is searched as `obrien`.
const APOSTROPHES = new Set(["'", '’', 'ʼ', '`', '´']);
const MARKS = /\p{M}/gu;
const WORD_CHAR = /^[\p{L}\p{N}]+$/u;

/** One character's folded form: '' when it disappears, ' ' when it separates words. */
function foldChar(char: string): string {
  if (APOSTROPHES.has(char)) return '';
  const lower = char.toLowerCase();
  const folded = SPECIAL[lower] ?? lower.normalize('NFD').replace(MARKS, '');
  if (folded === '') return '';
  return WORD_CHAR.test(folded) ? folded : ' ';
}

/** A word of a folded text, with where it sits in the text it was folded from. */
export interface FoldedWord {
  word: string;
  /** UTF-16 offsets into the source: `source.slice(start, end)` is the word as written. */
  start: number;
  end: number;
  /**
   * `sourceEndOf[k]` is the source offset just after the characters that made the word's first
   * `k + 1` folded UTF-16 units: highlighting a matched prefix of the word ends there.
   */
  sourceEndOf: number[];
}

/** The words of `source`, folded (accents and case removed), with their source positions. */
export function foldWords(source: string): FoldedWord[] {
  const words: FoldedWord[] = [];
  let current: FoldedWord | undefined;
  for (let i = 0; i < source.length; ) {
    const char = String.fromCodePoint(source.codePointAt(i)!);
    const next = i + char.length;
    const folded = foldChar(char);
    if (folded === ' ') {
      if (current) words.push(current);
      current = undefined;
    } else if (folded !== '') {
      current ??= { word: '', start: i, end: next, sourceEndOf: [] };
      current.word += folded;
      for (let k = 0; k < folded.length; k++) current.sourceEndOf.push(next);
      current.end = next;
    } else if (current) {
      // A dropped character (an apostrophe, a lone mark) inside a word stays inside it.
      current.end = next;
    }
    i = next;
  }
  if (current) words.push(current);
  return words;
}

/** `source` folded to its words joined by single spaces. */
export function foldText(source: string): string {
  return foldWords(source)
    .map((w) => w.word)
    .join(' ');
}
