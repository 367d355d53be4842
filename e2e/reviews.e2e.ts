import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, useServerAndBrowser } from './support.js';

type User = { id: string; name: string; email: string; role: string; status: string; teamId: string | null };
type Review = {
  id: string;
  managerId: string;
  status: string;
  strengths: string | null;
  managerComment: string | null;
  plan: { text: string }[];
};
const session = useServerAndBrowser({ beforeAll, afterAll });
const { newPage, apiGet } = session;
const LEAD = 'lead1@steward.demo';

/** Active managers in lead1's teams, from the API. */
async function lead1Members(): Promise<User[]> {
  const me = await apiGet<{ user: { teamIds: string[] } }>(LEAD, '/me');
  const users = (await apiGet<{ data: User[] }>(LEAD, '/users')).data;
  return users.filter(
    (u) => u.role === 'manager' && u.status === 'active' && u.teamId && me.user.teamIds.includes(u.teamId),
  );
}

const input = (page: Page, id: string) =>
  page
    .locator(`input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"]`)
    .first();

/** The lead opens the member's scorecard, starts a monthly review, writes it and signs it. */
async function writeAndSign(page: Page, member: User, words: { tab: string; signed: string }) {
  await signIn(page, session.url(), LEAD);
  await page.goto(`${session.url()}/performance`);
  const tab = page.getByTestId('perf-tab-scorecards');
  expect(await tab.textContent()).toBe(words.tab);
  await tab.click();
  await page.waitForURL((u) => u.pathname === '/performance/scorecards');
  await page.getByTestId(`open-scorecard-${member.id}`).click();
  await page.getByTestId('scorecard-name').getByText(member.name).waitFor();
  expect(await page.getByTestId('scorecard-items').locator('tbody tr').count()).toBeGreaterThan(0);
  await page.getByTestId('write-review').click();
  await page.getByTestId('start-review').click();
  await page.waitForURL((u) => /^\/performance\/reviews\/[0-9a-f-]{36}$/.test(u.pathname));

  await input(page, 'review-strengths').fill('Strong renewals / 续约表现好');
  await input(page, 'review-gaps').fill('Late visits');
  await input(page, 'review-feedback').fill('Plan visits early in the week');
  await page.getByTestId('plan-add').click();
  await input(page, 'plan-text').fill('Visit 3 A-tier customers weekly');
  await input(page, 'plan-due').click();
  await input(page, 'plan-due').fill('2030-12-31');
  await page.keyboard.press('Enter');
  await page.getByTestId('review-sign').click();
  await page.getByTestId('review-sign-confirm').click();
  await page.getByTestId('review-status').getByText(words.signed).waitFor();
  await page.getByTestId('review-locked').waitFor();
  expect(await page.getByTestId('review-sign').count()).toBe(0);
  return page.url().split('/').pop()!;
}

/** The member finds the review in their list and acknowledges it with a comment. */
async function acknowledge(page: Page, member: User, id: string, words: { acknowledged: string }) {
  await signIn(page, session.url(), member.email);
  await page.goto(`${session.url()}/performance/reviews`);
  await page.getByTestId(`review-link-${id}`).click();
  await page.waitForURL((u) => u.pathname === `/performance/reviews/${id}`);
  expect(await page.getByTestId('review-sign').count()).toBe(0);
  await input(page, 'ack-comment').fill('Agreed / 同意');
  await page.getByTestId('review-acknowledge').click();
  await page.getByTestId('review-status').getByText(words.acknowledged).waitFor();
  await page.getByTestId('manager-comment').getByText('Agreed / 同意').waitFor();
}

describe('reviews in the browser', () => {
  it('a lead writes and signs a review from the scorecard; the member acknowledges it; both languages', async () => {
    const [first, second] = await lead1Members();
    expect(first && second).toBeTruthy();
    const cases = [
      {
        language: 'zh-CN' as const,
        member: first!,
        words: { tab: '记分卡', signed: '已签署', acknowledged: '已确认' },
      },
      {
        language: 'en-US' as const,
        member: second!,
        words: { tab: 'Scorecards', signed: 'Signed', acknowledged: 'Acknowledged' },
      },
    ];
    for (const c of cases) {
      const lead = await newPage(c.language);
      const id = await writeAndSign(lead, c.member, c.words);
      await lead.context().close();
      const signed = await apiGet<Review>(LEAD, `/reviews/${id}`);
      expect(signed).toMatchObject({
        managerId: c.member.id,
        status: 'signed',
        strengths: 'Strong renewals / 续约表现好',
      });
      expect(signed.plan.map((p) => p.text)).toEqual(['Visit 3 A-tier customers weekly']);

      const member = await newPage(c.language);
      await acknowledge(member, c.member, id, c.words);
      await member.context().close();
      expect(await apiGet<Review>(c.member.email, `/reviews/${id}`)).toMatchObject({
        status: 'acknowledged',
        managerComment: 'Agreed / 同意',
      });
    }
  });
});
