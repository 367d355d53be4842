// Test-only loader for the UCI Online Retail invoices (shared/data/README.md). Outside src: it reads a file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const ONLINE_RETAIL_PATH = path.resolve(
  repoRoot,
  '../shared/data/online-retail/online_retail_invoices.csv',
);

/** Rows of `InvoiceNo,InvoiceDate,CustomerID,TotalPrice` as transactions. */
export function loadOnlineRetail(): { customerId: string; date: string; amount: number }[] {
  const lines = readFileSync(ONLINE_RETAIL_PATH, 'utf8').split(/\r?\n/).slice(1);
  return lines
    .filter((l) => l.trim())
    .map((l) => {
      const [, date, customerId, amount] = l.split(',');
      return { customerId: customerId!, date: date!, amount: Number(amount) };
    });
}
