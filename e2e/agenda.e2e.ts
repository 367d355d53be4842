import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, signIn, useServerAndBrowser } from './support.js';

type Task = { id: string; status: string; completedAt: string | null };
type Interaction = {
  taskId: string | null;
  feedback: { satisfaction?: number; needsRaised?: string[] } | null;
};
const session = useServerAndBrowser({ beforeAll, afterAll });
const { newPage, apiGet } = session;
const MANAGER = 'manager1@steward.demo';

/** A visit task for manager1 on one of their customers, due later today. */
async function visitDueToday(title: string) {
  const me = await apiGet<{ user: { id: string } }>(MANAGER, '/me');
  const customer = (await apiGet<{ data: { id: string }[] }>(MANAGER, '/customers?limit=1')).data[0]!;
  const { cookie, csrfToken } = await apiLogin(session.url(), MANAGER);
  const res = await fetch(`${session.url()}/api/v1/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({
      type: 'visit',
      title,
      assigneeId: me.user.id,
      customerId: customer.id,
      dueAt: new Date(Date.now() + 60_000).toISOString(),
    }),
  });
  expect(res.status).toBe(201);
  return { task: (await res.json()) as Task, customerId: customer.id };
}

const cases = [
  { language: 'en-US', today: 'Today', done: 'Done', logVisit: 'Log visit' },
  { language: 'zh-CN', today: '今天', done: '已完成', logVisit: '记录回访' },
] as const;

describe('the agenda in the browser', () => {
  for (const c of cases)
    it(`shows today's visit, logs it with feedback and the task is done (${c.language})`, async () => {
      const title = `Visit ${c.language} ${Date.now()}`;
      const { task, customerId } = await visitDueToday(title);
      const page = await newPage(c.language);
      await signIn(page, session.url(), MANAGER);
      await page.getByTestId('nav-agenda').click();
      await page.waitForURL((u) => u.pathname === '/agenda');
      const today = page.getByTestId('agenda-today');
      await today.getByText(c.today, { exact: true }).waitFor();
      await today.getByText(title).waitFor();
      await page.getByTestId('agenda-calendar').getByText(title).first().waitFor();

      const log = page.getByTestId(`agenda-log-${task.id}`);
      expect(await log.textContent()).toContain(c.logVisit);
      await log.click();
      const modal = page.locator('.ant-modal');
      await modal.waitFor();
      await page.locator('#interaction_summary').fill('E2E visit: reviewed the order plan');
      await page.locator('[data-testid="interaction-satisfaction"] li').nth(3).click();
      const needs = page.locator('#interaction_needsRaised');
      await needs.fill('faster delivery');
      await needs.press('Enter');
      await page.getByTestId('interaction-submit').click();
      await modal.waitFor({ state: 'hidden' });
      const status = page.getByTestId(`agenda-status-${task.id}`);
      await status.waitFor();
      expect(await status.textContent()).toBe(c.done);
      await expect.poll(async () => await page.getByTestId(`agenda-log-${task.id}`).count()).toBe(0);

      const after = await apiGet<Task>(MANAGER, `/tasks/${task.id}`);
      expect(after.status).toBe('done');
      expect(after.completedAt).not.toBeNull();
      const logged = (
        await apiGet<{ data: Interaction[] }>(MANAGER, `/customers/${customerId}/interactions?limit=5`)
      ).data;
      const mine = logged.find((i) => i.taskId === task.id)!;
      expect(mine.feedback).toMatchObject({ satisfaction: 4, needsRaised: ['faster delivery'] });
      await page.context().close();
    });
});
