import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, signIn, useServerAndBrowser } from './support.js';

const session = useServerAndBrowser({ beforeAll, afterAll });
const { newPage } = session;
const ADMIN = 'admin@steward.demo';

/** A customer created through the API by manager1: one `customer.create` audit entry to find. */
async function createCustomer(name: string) {
  const { cookie, csrfToken } = await apiLogin(session.url(), 'manager1@steward.demo');
  const res = await fetch(`${session.url()}/api/v1/customers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`POST /customers: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

const CASES = [
  { lang: 'zh-CN', action: '客户 · 创建', header: '操作人' },
  { lang: 'en-US', action: 'Customer · Created', header: 'Actor' },
] as const;

describe('audit log in the browser', () => {
  for (const c of CASES) {
    it(`shows who created a customer, filters by action and exports (${c.lang})`, async () => {
      const customer = await createCustomer(`Audit E2E ${c.lang} ${Date.now()}`);
      const page = await newPage(c.lang);
      await signIn(page, session.url(), ADMIN, null);
      await page.getByTestId('home-admin-audit').click();
      await page.waitForURL((u) => u.pathname === '/settings/audit');
      await page.getByTestId('audit-table').waitFor();

      const listed = page.waitForResponse((r) => r.url().includes('action=customer.create'));
      await page.getByTestId('audit-filter-action').click();
      await page.keyboard.type(c.action);
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.searchParams.get('action') === 'customer.create');
      await listed;
      // The newest entry is the customer just created, by manager 1, in the page's language.
      const first = page.locator('[data-testid="audit-table"] tr.ant-table-row').first();
      await expect.poll(() => first.innerText()).toContain(c.action);
      expect(await first.innerText()).toContain('Manager 1');
      expect(await first.innerText()).toContain(customer.id.slice(0, 8));

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        (async () => {
          await page.getByTestId('export-audit').click();
          await page.getByTestId('export-csv').click();
        })(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
      const text = readFileSync((await download.path())!, 'utf8');
      const lines = text.slice(1).trim().split('\r\n');
      expect(lines[0]!.split(',')).toContain(c.header);
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.slice(1).every((l) => l.includes('customer.create'))).toBe(true);
      expect(text).toContain(customer.id);
      await page.context().close();
    });
  }
});
