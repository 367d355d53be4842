import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, useServerAndBrowser } from './support.js';

type User = { id: string; name: string; email: string; role: string; status: string };
const session = useServerAndBrowser({ beforeAll, afterAll });
const { newPage, apiGet } = session;

describe('team pages and tasks in the browser', () => {
  it('shows a director the people, manager1 among them', async () => {
    const page = await newPage();
    await signIn(page, session.url(), 'director@steward.demo');
    await page.getByTestId('nav-people').click();
    await page.waitForURL((u) => u.pathname === '/team/people');
    const table = page.getByTestId('people-table');
    await table.getByText('manager1@steward.demo', { exact: true }).waitFor();
    await page.context().close();
  });

  it('lets a lead give a member a task, which the member is told about and sees under Mine', async () => {
    const users = (await apiGet<{ data: User[] }>('lead1@steward.demo', '/users')).data;
    const member = users.find((u) => u.role === 'manager' && u.status === 'active')!;
    expect(member).toBeDefined();
    const title = `Call back about renewal ${Date.now()}`;

    const lead = await newPage();
    await signIn(lead, session.url(), 'lead1@steward.demo');
    await lead.goto(`${session.url()}/tasks`);
    await lead.getByTestId('new-task').click();
    await lead.getByTestId('task-title').fill(title);
    await lead.getByTestId('task-assignee').click();
    await lead.keyboard.type(member.name);
    await lead.locator('.ant-select-item-option').filter({ hasText: member.name }).first().click();
    await lead.getByTestId('task-due').click();
    await lead.keyboard.type('2030-01-15 10:00');
    await lead.keyboard.press('Enter');
    await lead.getByTestId('task-submit').click();
    await lead.locator('.ant-modal').waitFor({ state: 'hidden' });
    await lead.getByTestId('task-tab-all').click();
    await lead.getByTestId('task-table').getByText(title).waitFor();
    await lead.context().close();

    const page = await newPage();
    await signIn(page, session.url(), member.email);
    const count = page.getByTestId('notification-count');
    await count.waitFor();
    expect(Number(await count.textContent())).toBeGreaterThanOrEqual(1);
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-drawer').getByText(title, { exact: false }).first().waitFor();
    await page.keyboard.press('Escape');
    await page.goto(`${session.url()}/tasks`);
    await page.getByTestId('task-table').getByText(title).waitFor();
    await page.context().close();
  });
});
