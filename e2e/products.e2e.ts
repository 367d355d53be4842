import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, useServerAndBrowser } from './support.js';

const session = useServerAndBrowser({ beforeAll, afterAll });
const { newPage } = session;

/** Demo seed levels (apps/server/src/db/seed/demo.ts): manager4 is senior, manager2 junior. */
const SENIOR = 'manager4@steward.demo';
const JUNIOR = 'manager2@steward.demo';

const text = {
  'zh-CN': {
    title: '产品目录',
    readOnly: '只读',
    active: '在售',
    inactive: '已停用',
    deactivate: '停用',
    reactivate: '重新启用',
    used: 'already used',
    visitsSaved: '回访设置已保存',
  },
  'en-US': {
    title: 'Product catalog',
    readOnly: 'read-only',
    active: 'On sale',
    inactive: 'Deactivated',
    deactivate: 'Deactivate',
    reactivate: 'Reactivate',
    used: 'already used',
    visitsSaved: 'Visit settings saved',
  },
} as const;

async function openCatalog(page: Page, email: string, title: string) {
  await signIn(page, session.url(), email, '/');
  await page.getByTestId('nav-products').click();
  await page.waitForURL((u) => u.pathname === '/products');
  await page.getByRole('heading', { name: title }).waitFor();
}

/** The status of the next PATCH /products/{id} the page sends. */
const patchOf = (page: Page) =>
  page
    .waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/products/'))
    .then((r) => r.status());

async function fillProduct(page: Page, code: string, name: string) {
  await page.locator('#product_code').fill(code);
  await page.locator('#product_name').fill(name);
  await page.locator('#product_category').fill('E2E 设备');
  await page.locator('#product_unitPrice').fill('1999.5');
  await page.locator('#product_unit').fill('台');
}

describe.each(['zh-CN', 'en-US'] as const)('product catalog (%s)', (language) => {
  const s = text[language];
  const code = `E2E-${language}`;
  const name = `E2E 工控机 ${language}`;

  it('a senior manager adds, refuses a used code, deactivates and reactivates a product', async () => {
    const page = await newPage(language);
    await openCatalog(page, SENIOR, s.title);
    // Senior managers also keep the visit cadence and care templates.
    await page.getByTestId('nav-visit-settings').waitFor();

    await page.getByTestId('new-product').click();
    expect(await page.locator('#product_currency').inputValue()).toBe('CNY');
    await fillProduct(page, code, name);
    await page.getByTestId('product-submit').click();
    const table = page.getByTestId('product-table');
    const row = table.locator('tr', { hasText: code });
    await row.getByText(name).waitFor();
    expect(await row.textContent()).toContain('E2E 设备');
    expect(await row.textContent()).toContain('1,999.50');
    expect(await row.textContent()).toContain(s.active);

    // The same code again: the server's 409 lands on the code field and nothing is added.
    await page.getByTestId('new-product').click();
    await fillProduct(page, code, `${name} bis`);
    await page.getByTestId('product-submit').click();
    await page.locator('.ant-form-item-explain-error', { hasText: s.used }).waitFor();
    await page.locator('.ant-modal .ant-btn:not(.ant-btn-primary)').first().click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    expect(await table.getByText(`${name} bis`).count()).toBe(0);

    await page.getByTestId(`deactivate-product-${code}`).click();
    const confirm = page.locator('.ant-popover:visible .ant-btn-primary');
    await confirm.waitFor();
    // A click during the popover's zoom-in can land on nothing: wait until it is fully shown.
    await expect
      .poll(() =>
        confirm.evaluate((el) => el.closest('.ant-popover')!.computedStyleMap().get('opacity')?.toString()),
      )
      .toBe('1');
    let patched = patchOf(page);
    await confirm.click();
    expect(await patched).toBe(200);
    await row.getByText(s.inactive).waitFor();
    patched = patchOf(page);
    await page.getByTestId(`reactivate-product-${code}`).click();
    expect(await patched).toBe(200);
    await row.getByText(s.active).waitFor();

    // The visit cadence saves for them; the escalation delay (admin/director) is shown, not sent.
    await page.getByTestId('nav-visit-settings').click();
    await page.waitForURL((u) => u.pathname === '/settings/visits');
    const cadence = page.getByTestId('cadence-A');
    await cadence.waitFor();
    await cadence.fill(language === 'zh-CN' ? '21' : '28');
    const escalationPuts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/settings/task-escalation')) escalationPuts.push(r.url());
    });
    const saved = page
      .waitForResponse(
        (r) => r.request().method() === 'PUT' && r.url().includes('/api/v1/settings/visit-plan'),
      )
      .then((r) => r.status());
    await page.getByTestId('cadence-save').click();
    expect(await saved).toBe(200);
    await page.locator('.ant-message-success', { hasText: s.visitsSaved }).waitFor();
    expect(escalationPuts).toEqual([]);
    await page.context().close();
  });

  it('a junior manager reads the catalog without edit controls', async () => {
    const page = await newPage(language);
    await openCatalog(page, JUNIOR, s.title);
    await page.getByTestId('product-search').locator('input').fill(code);
    await page.getByTestId('product-search').locator('input').press('Enter');
    const row = page.getByTestId('product-table').locator('tr', { hasText: code });
    await row.getByText(name).waitFor();
    expect(await page.getByTestId('products-subtitle').textContent()).toContain(s.readOnly);
    expect(await page.getByTestId('new-product').count()).toBe(0);
    expect(await page.getByTestId(`edit-product-${code}`).count()).toBe(0);
    expect(await page.getByTestId(`deactivate-product-${code}`).count()).toBe(0);
    expect(await page.getByTestId('nav-visit-settings').count()).toBe(0);
    // What the page hides the server refuses too.
    const refused = await page.evaluate(async (c) => {
      const csrf = (await (await fetch('/api/v1/auth/csrf')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/products', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.csrfToken },
        body: JSON.stringify({ code: `${c}-X`, name: 'x', category: 'x', unitPrice: 1, unit: '台' }),
      });
      return { status: res.status, body: (await res.json()) as { error: { message: string } } };
    }, code);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('product catalog');
    await page.context().close();
  });
});
