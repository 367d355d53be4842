import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, useServerAndBrowser } from './support.js';

type ListBody = { data: { id: string; name: string; phone: string | null }[] };
const session = useServerAndBrowser({ beforeAll, afterAll });
const { newPage, apiGet } = session;
const apiList = (email: string, query = '') => apiGet<ListBody>(email, `/customers?limit=5${query}`);

describe('customers in the browser', () => {
  it('signs in, lists and searches the manager’s own customers', async () => {
    const page = await newPage();
    await signIn(page, session.url(), 'manager1@steward.demo');
    await page.getByTestId('customer-table').waitFor();
    const own = (await apiList('manager1@steward.demo')).data[0]!;
    // antd may put the test id on the input or on its wrapper.
    const search = page
      .locator('input[data-testid="customer-search"], [data-testid="customer-search"] input')
      .first();
    await search.fill(own.name);
    await search.press('Enter');
    await page.getByTestId('customer-table').getByText(own.name, { exact: true }).first().waitFor();
    const rows = await page.getByTestId('customer-table').locator('tbody tr.ant-table-row').count();
    expect(rows).toBeGreaterThanOrEqual(1);
    await page.getByTestId('customer-table').getByText(own.name, { exact: true }).first().click();
    await page.getByTestId('customer-name').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toContain(own.name);
    await page.context().close();
  });

  it('creates a customer after correcting a field error, and finds it in the list', async () => {
    const page = await newPage();
    await signIn(page, session.url(), 'manager2@steward.demo');
    await page.getByTestId('new-customer').click();
    const form = page.getByTestId('customer-form');
    await form.waitFor();
    const name = `E2E 测试客户 ${Date.now()}`;
    await page.locator('#customer_name').fill(name);
    await page.locator('#customer_email').fill('not-an-email');
    await page.getByTestId('customer-form-submit').click();
    const emailError = page.locator('#customer_email_help, .ant-form-item-has-error').first();
    await emailError.waitFor();
    expect(await page.locator('.ant-form-item-has-error #customer_email').count()).toBe(1);
    await page.locator('#customer_email').fill('e2e.buyer@example.cn');
    await page.getByTestId('customer-form-submit').click();
    await page.locator('.ant-form-item-has-error').waitFor({ state: 'detached' });
    await page.goto(`${session.url()}/customers?q=${encodeURIComponent(name)}`);
    await page.getByTestId('customer-table').getByText(name, { exact: true }).waitFor();
    const created = await apiList('manager2@steward.demo', `&q=${encodeURIComponent(name)}`);
    expect(created.data.map((c) => c.name)).toEqual([name]);
    await page.context().close();
  });

  it('switches the interface between Chinese and English', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, session.url(), 'lead1@steward.demo');
    await page.getByTestId('customer-table').waitFor();
    const nav = page.getByRole('navigation').first();
    await nav.getByText('客户', { exact: false }).first().waitFor();
    await page.getByTestId('lang-switch').click();
    const english = page.getByText('English', { exact: true });
    if (await english.isVisible().catch(() => false)) await english.click();
    await nav.getByText('Customers', { exact: false }).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    await page.context().close();
  });

  it('shows "not found" when a manager opens another manager’s customer', async () => {
    const theirs = (await apiList('manager3@steward.demo')).data[0]!;
    const page = await newPage();
    await signIn(page, session.url(), 'manager1@steward.demo');
    await page.goto(`${session.url()}/customers/${theirs.id}`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByText(theirs.name).count()).toBe(0);
    await page.context().close();
  });
});
