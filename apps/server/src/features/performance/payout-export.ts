import type { PayoutOut } from '@steward/contracts';

const HEADER = [
  'managerId',
  'manager',
  'sales',
  'thresholdMet',
  'commission',
  'score',
  'multiplier',
  'capped',
  'total',
  'currency',
  'breakdown',
];

/** "0–10000 × 2% = 200; 10000– × 5% = 1000": each tier slice of a row. */
const breakdown = (lines: PayoutOut['data'][number]['lines']) =>
  lines
    .map((l) => `${l.from}–${l.to ?? ''} × ${Math.round(l.rate * 10_000) / 100}% on ${l.base} = ${l.amount}`)
    .join('; ');

function rowsOf(p: PayoutOut): (string | number | boolean | null)[][] {
  return p.data.map((r) => [
    r.managerId,
    r.managerName,
    r.sales,
    r.thresholdMet,
    r.commission,
    r.score,
    r.multiplier,
    r.capped,
    r.total,
    p.currency,
    breakdown(r.lines),
  ]);
}

/** A text cell a spreadsheet would run as a formula is prefixed with an apostrophe. */
const safeText = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

const csvCell = (v: string | number | boolean | null) => {
  if (v === null) return '';
  const s = typeof v === 'string' ? safeText(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** UTF-8 with a BOM so spreadsheet programs read Chinese names correctly. */
export function payoutsCsv(p: PayoutOut): string {
  const lines = [HEADER, ...rowsOf(p)].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function payoutsXlsx(p: PayoutOut): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs'); // loaded on first use, not at start-up
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`payouts ${p.from} ${p.to}`.slice(0, 31));
  ws.addRow(HEADER);
  for (const r of rowsOf(p)) ws.addRow(r.map((v) => (typeof v === 'string' ? safeText(v) : v)));
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const exportFileName = (p: PayoutOut, ext: 'csv' | 'xlsx') => `payouts-${p.from}-${p.to}.${ext}`;
