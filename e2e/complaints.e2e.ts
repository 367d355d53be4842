import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, submitModal, useServerAndBrowser } from './support.js';

type ListBody = { data: { id: string; name: string }[] };
const session = useServerAndBrowser({ beforeAll, afterAll });
const { newPage, apiGet } = session;

const statusText = (page: Page) => page.getByTestId('complaint-status').first().textContent();
const countdown = (page: Page) => page.getByTestId('sla-countdown').first();

/** Raises a complaint from the customer's page and lands on the complaint. */
async function raise(page: Page, email: string, description: string) {
  const customer = (await apiGet<ListBody>(email, '/customers?limit=1')).data[0]!;
  await page.goto(`${session.url()}/customers/${customer.id}`);
  await page.getByTestId('new-complaint').click();
  const status = await submitModal(page, {
    submitTestId: 'complaint-submit',
    path: '/api/v1/complaints',
    fill: () => page.getByTestId('complaint-description').fill(description),
  });
  expect(status).toBe(201);
  await page.waitForURL((u) => /\/complaints\/[0-9a-f-]{36}$/.test(u.pathname));
  await page.getByTestId('complaint-timeline').waitFor();
  return customer;
}

async function move(page: Page, to: string, expected: string) {
  await page.getByTestId(`transition-${to}`).click();
  await page
    .getByTestId('complaint-status')
    .and(page.getByText(expected, { exact: true }))
    .waitFor();
}

describe('complaints in the browser', () => {
  it('raises a complaint, shows its countdown and moves it through the flow (English)', async () => {
    const page = await newPage('en-US');
    await signIn(page, session.url(), 'manager1@steward.demo');
    const description = `E2E leak ${Date.now()}`;
    await raise(page, 'manager1@steward.demo', description);
    expect(await statusText(page)).toBe('Open');
    expect(await countdown(page).getAttribute('data-state')).toBe('normal');
    expect(await countdown(page).textContent()).toMatch(/^First response: .* left$/);

    await move(page, 'acknowledged', 'Acknowledged');
    expect(await countdown(page).textContent()).toMatch(/^Resolution: .* left$/);
    await move(page, 'in_progress', 'In progress');
    await move(page, 'waiting_customer', 'Waiting on customer');
    expect(await countdown(page).getAttribute('data-state')).toBe('paused');
    await move(page, 'in_progress', 'In progress');
    await page.getByTestId('complaint-note').fill('Called back, replacing the part');
    await page.getByTestId('complaint-note-submit').click();
    await page.getByTestId('complaint-timeline').getByText('Called back, replacing the part').waitFor();
    await move(page, 'resolved', 'Resolved');
    await move(page, 'closed', 'Closed');
    expect(await countdown(page).getAttribute('data-state')).toBe('met');
    const kinds = await page
      .getByTestId('complaint-event')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds.filter((k) => k === 'transition')).toHaveLength(6);
    expect(kinds).toContain('note');

    // The inbox lists it with its SLA state when asked for closed complaints.
    await page.goto(`${session.url()}/complaints?status=closed&q=${encodeURIComponent(description)}`);
    await page.getByTestId('complaint-table').getByText('Met').waitFor();
    await page.context().close();
  });

  it('shows the inbox countdown and the status flow in Chinese', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, session.url(), 'manager2@steward.demo');
    const description = `E2E 投诉 ${Date.now()}`;
    await raise(page, 'manager2@steward.demo', description);
    expect(await statusText(page)).toBe('待受理');
    expect(await countdown(page).textContent()).toMatch(/^首次响应剩余 /);
    await move(page, 'acknowledged', '已受理');
    await move(page, 'in_progress', '处理中');

    await page.goto(`${session.url()}/complaints?q=${encodeURIComponent(description)}`);
    const table = page.getByTestId('complaint-table');
    await table.getByText('处理中').waitFor();
    expect(await table.getByTestId('sla-countdown').first().getAttribute('data-state')).toBe('normal');
    expect(await table.getByTestId('sla-countdown').first().textContent()).toMatch(/^解决剩余 /);
    await table.getByTestId('complaint-link').first().click();
    await move(page, 'resolved', '已解决');
    await move(page, 'in_progress', '处理中'); // reopen
    await page.getByTestId('complaint-timeline').getByText('重新打开', { exact: false }).waitFor();
    await page.context().close();
  });
});
