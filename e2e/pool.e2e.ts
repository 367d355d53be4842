import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, useServerAndBrowser } from './support.js';

type Customer = { id: string; name: string; phone: string | null; masked: boolean; ownerId: string | null };
const session = useServerAndBrowser({ beforeAll, afterAll });
const { newPage, apiGet } = session;

describe('the public pool in the browser', () => {
  it('lets a manager claim a pool customer, whose phone is then shown in full', async () => {
    const page = await newPage();
    await signIn(page, session.url(), 'manager1@steward.demo');
    await page.goto(`${session.url()}/pool`);
    const table = page.getByTestId('pool-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('pool-claims-left').waitFor();
    const phones = await table.locator('[data-testid^="pool-phone-"]').allTextContents();
    expect(phones.some((p) => p.includes('****'))).toBe(true);

    const firstClaim = table.locator('[data-testid^="claim-"]').first();
    const testId = (await firstClaim.getAttribute('data-testid'))!;
    const id = testId.slice('claim-'.length);
    const before = (await apiGet<{ data: Customer[] }>('manager1@steward.demo', '/pool?limit=200')).data;
    const target = before.find((c) => c.id === id)!;
    expect(target.ownerId).toBeNull();

    await firstClaim.click();
    await page.getByTestId('claim-success').waitFor();
    await table.getByTestId(testId).waitFor({ state: 'detached' });
    await page.getByTestId('claim-success-open').click();
    await page.waitForURL((u) => u.pathname === `/customers/${id}`);
    await page.getByTestId('customer-name').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toContain(target.name);

    const mine = await apiGet<Customer>('manager1@steward.demo', `/customers/${id}`);
    expect(mine.masked).toBe(false);
    if (mine.phone) {
      expect(mine.phone).not.toContain('****');
      await page.getByText(mine.phone, { exact: true }).first().waitFor();
    }
    await page.context().close();
  });

  it('offers a team lead the Assign action on a customer', async () => {
    const theirs = (await apiGet<{ data: Customer[] }>('lead1@steward.demo', '/customers?limit=5')).data[0]!;
    const page = await newPage('zh-CN');
    await signIn(page, session.url(), 'lead1@steward.demo');
    await page.goto(`${session.url()}/customers/${theirs.id}`);
    await page.getByTestId('customer-name').waitFor();
    await page.getByTestId('assign-customer').click();
    await page.locator('.ant-modal').getByText('分配原因').waitFor();
    await page.getByTestId('assign-submit').click();
    await page.locator('.ant-modal .ant-form-item-has-error').first().waitFor();
    expect(await page.locator('.ant-modal .ant-form-item-has-error').count()).toBe(2);
    await page.context().close();
  });
});
