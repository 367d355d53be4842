import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiLogin, signIn, useServerAndBrowser } from './support.js';

type User = { id: string; name: string; email: string; role: string; status: string; teamId: string | null };
type Team = { id: string; name: string; leadId: string | null; parentId: string | null };
type Ranking = { managerId: string; managerName: string; teamId: string | null; overall: number | null };
const session = useServerAndBrowser({ beforeAll, afterAll });
const { newPage, apiGet } = session;

const pad = (n: number) => String(n).padStart(2, '0');
/** This month as the dashboard shows it by default (the browser's and the server's clock agree). */
function thisMonth() {
  const d = new Date();
  const last = new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate();
  const ym = `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
  return { from: `${ym}-01`, to: `${ym}-${pad(last)}` };
}

/** lead1's team as the dashboard picks it (the first team they lead or belong to) and its members. */
async function lead1Team() {
  const me = await apiGet<{ user: { id: string; teamIds: string[] } }>('lead1@steward.demo', '/me');
  const teams = (await apiGet<{ data: Team[] }>('lead1@steward.demo', '/teams')).data;
  const team = teams.find((x) => x.leadId === me.user.id || me.user.teamIds.includes(x.id))!;
  const users = (await apiGet<{ data: User[] }>('lead1@steward.demo', '/users')).data;
  const members = users.filter((u) => u.role === 'manager' && u.status === 'active' && u.teamId === team.id);
  return { team, members };
}

/** The text of a CSV download started by clicking a button. */
async function downloadText(page: Page, testId: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFileSync((await download.path())!, 'utf8');
}

const rowTexts = async (page: Page, table: string) =>
  page.getByTestId(table).locator('tbody tr.ant-table-row').allInnerTexts();

type Case = {
  language: 'zh-CN' | 'en-US';
  pick: number;
  teamTitle: (team: string) => string;
  personTitle: string;
  csvHeader: string;
  customers: string;
};

/** lead1 opens the team dashboard, exports the leaderboard, drills down to a member and their customers. */
async function leadDrillsDown(c: Case) {
  const { team, members } = await lead1Team();
  const member = members[c.pick]!;
  expect(member).toBeDefined();
  const { from, to } = thisMonth();
  const ranking = (
    await apiGet<{ data: Ranking[] }>(
      'lead1@steward.demo',
      `/scorecards/rankings?teamId=${team.id}&from=${from}&to=${to}`,
    )
  ).data;
  const page = await newPage(c.language);
  await signIn(page, session.url(), 'lead1@steward.demo');
  await page.getByTestId('nav-performance').click();
  await page.getByTestId('perf-tab-dashboard').click();
  await page.waitForURL((u) => u.pathname === '/performance/dashboard');

  // The team dashboard: the lead's team, its ranking as the API has it, the charts drawn.
  await expect
    .poll(() => page.getByTestId('dash-title').textContent(), { timeout: 60_000 })
    .toBe(c.teamTitle(team.name));
  expect(await page.getByTestId('perf-dashboard').getAttribute('data-subject')).toBe(`team:${team.id}`);
  await page.getByTestId('dash-leaderboard-table').waitFor();
  const rows = await rowTexts(page, 'dash-leaderboard-table');
  expect(rows).toHaveLength(Math.min(10, ranking.length));
  for (const r of ranking.slice(0, 10)) expect(rows.some((text) => text.includes(r.managerName))).toBe(true);
  await page.getByTestId('dash-sales-chart').locator('canvas').first().waitFor();

  // Export of the leaderboard: its header in the page's language and one line per person.
  const csv = await downloadText(page, 'dash-leaderboard-export');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe(c.csvHeader);
  expect(lines).toHaveLength(ranking.length + 1);
  expect(lines.some((l) => l.includes(member.name))).toBe(true);

  // The table behind a chart is one click away.
  await page.getByTestId('dash-distribution-toggle').click();
  await page.getByTestId('dash-distribution-table').waitFor();

  // Drill down to the member: their dashboard, under the team in the breadcrumb.
  await page.getByTestId(`dash-open-${member.id}`).click();
  await page.waitForURL((u) => u.searchParams.get('manager') === member.id);
  await expect
    .poll(() => page.getByTestId('dash-title').textContent(), { timeout: 60_000 })
    .toBe(`${c.personTitle}${member.name}`);
  expect(await page.getByTestId('dash-crumb-team').textContent()).toBe(team.name);
  expect(await page.getByTestId('perf-dashboard').getAttribute('data-subject')).toBe(`manager:${member.id}`);
  await page.getByTestId('dash-overall').waitFor();
  expect(await page.getByTestId('dash-leaderboard').count()).toBe(0);

  // And to their customers: the customer list filtered by owner, as many as the API counts.
  const { count } = await apiGet<{ count: number }>(
    'lead1@steward.demo',
    `/customers/count?ownerId=${member.id}`,
  );
  expect(count).toBeGreaterThan(0);
  await page.getByTestId('dash-customers').click();
  await page.waitForURL((u) => u.pathname === '/customers' && u.searchParams.get('ownerId') === member.id);
  await expect
    .poll(() => page.getByTestId('customer-count').textContent(), { timeout: 60_000 })
    .toContain(String(count));
  expect(await page.getByTestId('customer-count').textContent()).toContain(c.customers);
  const customerRows = await rowTexts(page, 'customer-table');
  expect(customerRows.length).toBeGreaterThan(0);
  for (const text of customerRows) expect(text).toContain(member.name);

  // Back on the member's dashboard, the breadcrumb leads up to the team.
  await page.goBack();
  await page.getByTestId('dash-crumb-team').click();
  await expect
    .poll(() => page.getByTestId('dash-title').textContent(), { timeout: 60_000 })
    .toBe(c.teamTitle(team.name));
  await page.context().close();
}

describe('performance dashboards in the browser', () => {
  it('a lead drills down from the team to a member to their customers, in Chinese', () =>
    leadDrillsDown({
      language: 'zh-CN',
      pick: 0,
      teamTitle: (name) => `团队看板：${name}`,
      personTitle: '个人看板：',
      csvHeader: '\uFEFF名次,客户经理,团队,得分,公司名次',
      customers: '位客户',
    }));

  it('a lead drills down from the team to a member to their customers, in English', () =>
    leadDrillsDown({
      language: 'en-US',
      pick: 1,
      teamTitle: (name) => `Team dashboard: ${name}`,
      personTitle: 'Personal dashboard: ',
      csvHeader: '\uFEFFRank,Manager,Team,Score,Company rank',
      customers: 'customer',
    }));

  it('a director drills from the company to a team; a manager sees only their own dashboard', async () => {
    const director = await newPage('en-US');
    await signIn(director, session.url(), 'director@steward.demo');
    await director.goto(`${session.url()}/performance/dashboard`);
    await expect
      .poll(() => director.getByTestId('dash-title').textContent(), { timeout: 60_000 })
      .toBe('Company performance');
    await director.getByTestId('dash-teams-table').waitFor();
    const { team } = await lead1Team();
    await director.getByTestId(`dash-team-${team.id}`).click();
    await expect
      .poll(() => director.getByTestId('dash-title').textContent(), { timeout: 60_000 })
      .toBe(`Team dashboard: ${team.name}`);
    await director.getByTestId('dash-crumb-company').click();
    await expect
      .poll(() => director.getByTestId('dash-title').textContent(), { timeout: 60_000 })
      .toBe('Company performance');
    await director.context().close();

    const manager = await newPage('zh-CN');
    await signIn(manager, session.url(), 'manager1@steward.demo');
    await manager.goto(`${session.url()}/performance/dashboard`);
    const me = await apiGet<{ user: { id: string; name: string } }>('manager1@steward.demo', '/me');
    await expect
      .poll(() => manager.getByTestId('dash-title').textContent(), { timeout: 60_000 })
      .toBe(`个人看板：${me.user.name}`);
    await manager.getByTestId('dash-scorecard').waitFor();
    expect(await manager.getByTestId('dash-crumb-company').count()).toBe(0);
    expect(await manager.getByTestId('dash-leaderboard').count()).toBe(0);
    await manager.context().close();
  });

  it('a director sets up a scorecard template and a career level on the settings page', async () => {
    const page = await newPage('en-US');
    await signIn(page, session.url(), 'director@steward.demo');
    await page.getByTestId('nav-performance').click();
    await page.getByTestId('perf-tab-settings').click();
    await page.waitForURL((u) => u.pathname === '/performance/settings');

    // A template: the form starts with sales; a save without its target is refused at the field.
    await page.getByTestId('new-template').click();
    await page.getByTestId('template-name').fill('Senior scorecard');
    await page.getByTestId('template-submit').click();
    await page.getByTestId('template-form').getByText('Required').first().waitFor();
    await page
      .locator('[data-testid="template-target-0"] input, input[data-testid="template-target-0"]')
      .first()
      .fill('250000');
    await page.getByTestId('template-submit').click();
    await page.getByTestId('template-table').getByText('Senior scorecard').waitFor();
    type Template = {
      name: string;
      role: string | null;
      items: { kpi: string; weight: number; target: number; cap: number }[];
    };
    const templates = (await apiGet<{ data: Template[] }>('director@steward.demo', '/scorecard-templates'))
      .data;
    expect(templates.find((x) => x.name === 'Senior scorecard')).toMatchObject({
      role: 'manager',
      items: [{ kpi: 'sales_amount', weight: 1, target: 250000, cap: 1.2 }],
    });

    // A career level, shown in order with its criteria.
    await page.getByTestId('new-level').click();
    await page.getByTestId('level-code').fill('Senior');
    await page.getByTestId('level-name').fill('Senior manager');
    await page.getByTestId('level-submit').click();
    await page.getByTestId('level-form').getByText('Start with a lower-case letter').waitFor();
    await page.getByTestId('level-code').fill('senior_mgr');
    await page.getByTestId('level-submit').click();
    await page.getByTestId('level-table').getByText('Senior manager').waitFor();
    const levels = (
      await apiGet<{ data: { code: string; name: string }[] }>('director@steward.demo', '/career-levels')
    ).data;
    expect(levels.some((l) => l.code === 'senior_mgr' && l.name === 'Senior manager')).toBe(true);
    await page.context().close();

    // A lead has no settings tab.
    const lead = await newPage('en-US');
    await signIn(lead, session.url(), 'lead1@steward.demo');
    await lead.goto(`${session.url()}/performance`);
    await lead.getByTestId('perf-tab-overview').waitFor();
    expect(await lead.getByTestId('perf-tab-settings').count()).toBe(0);
    await lead.context().close();
  });

  it('a manager sets a visit plan of their own for one customer and goes back to the tier, in Chinese', async () => {
    type Plan = { override: { cadenceDays: number | null } | null; effective: { source: string } };
    const customer = (await apiGet<{ data: { id: string }[] }>('manager1@steward.demo', '/customers?limit=1'))
      .data[0]!;
    const page = await newPage('zh-CN');
    await signIn(page, session.url(), 'manager1@steward.demo');
    await page.goto(`${session.url()}/customers/${customer.id}`);
    await page.getByTestId('visit-plan-cadence').waitFor();
    await page.getByTestId('visit-plan-edit').click();
    await page
      .locator('[data-testid="visit-plan-days"] input, input[data-testid="visit-plan-days"]')
      .first()
      .fill('14');
    await page.getByTestId('visit-plan-save').click();
    await page.getByTestId('visit-plan-cadence').getByText('每 14 天').waitFor();
    await page.getByTestId('visit-plan-cadence').getByText('单独设置').waitFor();
    const own = await apiGet<Plan>('manager1@steward.demo', `/customers/${customer.id}/visit-plan`);
    expect(own.override?.cadenceDays).toBe(14);
    expect(own.effective.source).toBe('override');

    await page.getByTestId('visit-plan-reset').click();
    await page.locator('.ant-popover .ant-btn-primary').click();
    await page.getByTestId('visit-plan-cadence').getByText('类默认').waitFor();
    const back = await apiGet<Plan>('manager1@steward.demo', `/customers/${customer.id}/visit-plan`);
    expect(back.override).toBeNull();
    expect(back.effective.source).toBe('tier');
    await page.context().close();
  });

  it('complaint analytics show the period’s complaints as the API counts them, in English', async () => {
    // Two complaints today (a delivery one and a quality one), so every chart has something to show.
    const customer = (await apiGet<{ data: { id: string }[] }>('manager1@steward.demo', '/customers?limit=1'))
      .data[0]!;
    const { cookie, csrfToken } = await apiLogin(session.url(), 'manager1@steward.demo');
    for (const category of ['delivery', 'quality']) {
      const res = await fetch(`${session.url()}/api/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({
          customerId: customer.id,
          severity: 'high',
          category,
          channel: 'phone',
          description: 'late',
        }),
      });
      expect(res.status).toBe(201);
    }
    const { from, to } = thisMonth();
    const a = await apiGet<{ total: number; byCategory: { key: string; count: number }[] }>(
      'director@steward.demo',
      `/analytics/complaints?from=${from}&to=${to}`,
    );
    const page = await newPage('en-US');
    await signIn(page, session.url(), 'director@steward.demo');
    await page.getByTestId('nav-complaint-analytics').click();
    await page.waitForURL((u) => u.pathname === '/complaints/analytics');
    await page.getByTestId('complaint-analytics-dates').getByText(`${from} ~ ${to}`).waitFor();
    await expect
      .poll(
        () => page.getByTestId('complaint-analytics-total').locator('.ant-statistic-content').textContent(),
        {
          timeout: 60_000,
        },
      )
      .toBe(String(a.total));
    await page.getByTestId('complaints-by-category').getByText('By category').waitFor();
    expect(a.total).toBeGreaterThanOrEqual(2);
    await page.getByTestId('complaints-by-category-chart').locator('canvas').first().waitFor();
    await page.getByTestId('complaints-by-category-toggle').click();
    const rows = await rowTexts(page, 'complaints-by-category-table');
    expect(rows).toHaveLength(a.byCategory.length);
    expect(rows.some((r) => r.includes('Delivery'))).toBe(true);
    expect(rows.some((r) => r.includes('Product quality'))).toBe(true);
    await page.context().close();
  });
});
