/** Pure diffing of snapshots: which fields changed, and word-level changes in long text. */

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export type WordPart = { kind: 'same' | 'ins' | 'del'; text: string };

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Fields whose value differs between two snapshots (in `fields` order when given, else sorted). */
export function diffSnapshots(
  prev: Record<string, unknown> | null,
  next: Record<string, unknown>,
  fields?: string[],
): FieldChange[] {
  const keys = fields?.length ? fields : [...new Set([...Object.keys(prev ?? {}), ...Object.keys(next)])].sort();
  const out: FieldChange[] = [];
  for (const field of keys) {
    const before = prev ? prev[field] : undefined;
    const after = next[field];
    if (prev === null ? after !== undefined && after !== null && after !== '' : !same(before, after))
      out.push({ field, before: prev ? (before ?? null) : null, after: after ?? null });
  }
  return out;
}

/** A text long enough that a word-level diff reads better than "old → new". */
export function isLongText(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && Math.max(a.length, b.length) > 60;
}

const MAX_CELLS = 2_000_000;

/** Word-level diff (longest common subsequence over words and whitespace). */
export function diffWords(before: string, after: string): WordPart[] {
  const a = before.split(/(\s+)/).filter((s) => s !== '');
  const b = after.split(/(\s+)/).filter((s) => s !== '');
  // Trim the common prefix and suffix first: most edits touch a small part of a long text.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length,
    endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head = a.slice(0, start).join('');
  const tail = a.slice(endA).join('');
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const parts: WordPart[] = [];
  if (head) parts.push({ kind: 'same', text: head });
  const n = midA.length,
    m = midB.length;
  if (n * m > MAX_CELLS) {
    if (n) parts.push({ kind: 'del', text: midA.join('') });
    if (m) parts.push({ kind: 'ins', text: midB.join('') });
  } else {
    // lcs[i][j] = LCS length of midA[i..] and midB[j..], in one flat array.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] =
          midA[i] === midB[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    const push = (kind: WordPart['kind'], text: string) => {
      const last = parts[parts.length - 1];
      if (last && last.kind === kind) last.text += text;
      else parts.push({ kind, text });
    };
    let i = 0,
      j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        push('same', midA[i]!);
        i++;
        j++;
      } else if (j < m && (i === n || lcs[i * w + j + 1]! >= lcs[(i + 1) * w + j]!)) {
        push('ins', midB[j]!);
        j++;
      } else {
        push('del', midA[i]!);
        i++;
      }
    }
  }
  if (tail) {
    const last = parts[parts.length - 1];
    if (last && last.kind === 'same') last.text += tail;
    else parts.push({ kind: 'same', text: tail });
  }
  return parts;
}
