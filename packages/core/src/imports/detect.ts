/** The text encodings an imported CSV may come in. */
export type CsvEncoding = 'utf-8' | 'gb18030';

/**
 * The encoding of a file from its first bytes: UTF-8 with a BOM, UTF-8 (the bytes decode
 * strictly), else GB18030 (a superset of GBK and GB2312, what Chinese Excel writes). A multi-byte
 * character cut at the end of the sample does not count against UTF-8.
 */
export function detectEncoding(head: Uint8Array): { encoding: CsvEncoding; bom: boolean } {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', bom: true };
  let end = head.length;
  // Drop a possibly incomplete trailing sequence (at most 3 bytes of a 4-byte character).
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = head[end - i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    if (b >= 0xc0) end -= i; // a lead byte whose sequence may be cut: leave it out
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'gb18030', bom: false };
  }
}

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Splits a line on a delimiter outside double quotes. */
function countFields(line: string, delimiter: string): number {
  let n = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) n++;
  }
  return n;
}

/**
 * The delimiter of a CSV from its first lines: among , ; tab and |, the one that splits the
 * header into the most columns and gives the following lines the same count; comma when none
 * splits anything.
 */
export function detectDelimiter(sample: string): Delimiter {
  const lines = sample
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 20);
  // The last line of a sample may be cut short: leave it out when there are others.
  if (lines.length > 2) lines.pop();
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countFields(l, d));
    const header = counts[0] ?? 1;
    if (header < 2) continue;
    const consistent = counts.filter((c) => c === header).length / counts.length;
    const score = header * consistent;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
