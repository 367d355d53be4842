import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, useServerAndBrowser } from './support.js';

type User = { id: string; name: string; email: string; role: string; status: string; teamId: string | null };
type Goal = { id: string; subjectId: string; target: number };
const session = useServerAndBrowser({ beforeAll, afterAll });
const { newPage, apiGet } = session;

/** Active managers in lead1's teams, from the API. */
async function lead1Members(): Promise<User[]> {
  const me = await apiGet<{ user: { teamIds: string[] } }>('lead1@steward.demo', '/me');
  const users = (await apiGet<{ data: User[] }>('lead1@steward.demo', '/users')).data;
  return users.filter(
    (u) => u.role === 'manager' && u.status === 'active' && u.teamId && me.user.teamIds.includes(u.teamId),
  );
}

const input = (page: Page, id: string) =>
  page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

async function setGoal(page: Page, member: User, target: number) {
  await page.getByTestId('new-goal').click();
  await page.getByTestId('goal-subject').click();
  await page.keyboard.type(member.name);
  await page.locator('.ant-select-item-option').filter({ hasText: member.name }).first().click();
  await input(page, 'goal-target').fill(String(target));
  await page.getByTestId('goal-submit').click();
  await page.locator('.ant-modal').waitFor({ state: 'hidden' });
}

describe('performance in the browser', () => {
  it('a lead sets a goal for a member and sees its progress, in Chinese and in English', async () => {
    const [first, second] = await lead1Members();
    expect(first && second).toBeTruthy();
    const cases = [
      { language: 'zh-CN' as const, member: first!, newGoal: '新建目标', cards: '销售额', offTrack: '落后' },
      {
        language: 'en-US' as const,
        member: second!,
        newGoal: 'New goal',
        cards: 'Sales amount',
        offTrack: 'Off track',
      },
    ];
    for (const c of cases) {
      const page = await newPage(c.language);
      await signIn(page, session.url(), 'lead1@steward.demo');
      await page.getByTestId('nav-performance').click();
      await page.waitForURL((u) => u.pathname === '/performance');
      await page.getByTestId('kpi-cards').waitFor();
      expect(await page.locator('[data-testid^="kpi-value-"]').count()).toBe(14);
      await page.getByTestId('kpi-sales_amount').getByText(c.cards).waitFor();
      expect(await page.getByTestId('new-goal').textContent()).toContain(c.newGoal);

      // A target no one reaches: far behind the straight line, so shown off track in red.
      await setGoal(page, c.member, 1_000_000_000);
      const goals = (await apiGet<{ data: Goal[] }>('lead1@steward.demo', '/goals')).data;
      const goal = goals.find((g) => g.subjectId === c.member.id && g.target === 1_000_000_000)!;
      expect(goal).toBeDefined();
      const cell = page.getByTestId(`goal-progress-${goal.id}`);
      await cell.waitFor();
      expect(await cell.getAttribute('data-offtrack')).toBe('true');
      await cell.getByText(c.offTrack).waitFor();
      await page.getByTestId('goal-table').getByText(c.member.name).first().waitFor();
      await page.context().close();
    }

    // The member reads their own goal and its progress.
    const page = await newPage('en-US');
    await signIn(page, session.url(), second!.email);
    await page.goto(`${session.url()}/performance`);
    await page.getByTestId('kpi-cards').waitFor();
    expect(await page.getByTestId('new-goal').count()).toBe(0);
    const own = (await apiGet<{ data: Goal[] }>(second!.email, '/goals')).data;
    expect(own.some((g) => g.subjectId === second!.id)).toBe(true);
    expect(own.some((g) => g.subjectId === first!.id)).toBe(false);
    await page.getByTestId(`goal-progress-${own[0]!.id}`).waitFor();
    await page.context().close();
  });

  it('switches the period and the subject; no data is shown as a dash', async () => {
    const page = await newPage('en-US');
    await signIn(page, session.url(), 'director@steward.demo');
    await page.goto(`${session.url()}/performance`);
    await page.getByTestId('kpi-cards').waitFor();
    await page.getByTestId('perf-scope-organization').click();
    await page.getByTestId('perf-period-year').click();
    const year = new Date().getFullYear();
    await page.getByTestId('perf-period-dates').getByText(`${year}-01-01 ~ ${year}-12-31`).waitFor();
    const sales = page.getByTestId('kpi-value-sales_amount');
    await expect.poll(async () => (await sales.textContent())?.trim()).not.toBe('—');
    // The director has no customers of their own: their own sales are "no data".
    await page.getByTestId('perf-scope-me').click();
    await expect.poll(async () => (await sales.textContent())?.trim()).toBe('—');
    await page.context().close();
  });
});
