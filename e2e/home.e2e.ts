import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, signIn, useServerAndBrowser } from './support.js';

type User = { id: string; email: string; role: string; status: string };
type Task = { id: string; title: string };
type Agenda = { today: Task[]; overdue: Task[] };
type AtRisk = { data: { customerId: string; customerName: string; action: string }[] };
type Kpis = { data: { kpi: string; value: number | null }[] };
type Ranking = { data: { teamId: string | null; teamName: string | null }[] };
type ValueDashboard = {
  scored: number;
  segments: { segment: string }[];
  alertsByManager: { open: number }[];
};

const session = useServerAndBrowser({ beforeAll, afterAll });
const { newPage, apiGet } = session;
const DIRECTOR = 'director@steward.demo';

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const now = new Date();
/** This month, as the home computes it (the browser runs on this machine's clock and zone). */
const MONTH = {
  from: day(new Date(now.getFullYear(), now.getMonth(), 1)),
  to: day(new Date(now.getFullYear(), now.getMonth() + 1, 0)),
};

async function post(email: string, path: string, body: unknown) {
  const { cookie, csrfToken } = await apiLogin(session.url(), email);
  const res = await fetch(`${session.url()}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify(body),
  });
  if (res.status !== 201 && res.status !== 202)
    throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Runs value-refresh on the demo orders through the job route and waits for it (scores, at-risk). */
async function refreshValues() {
  const { jobId } = (await post('admin@steward.demo', '/jobs/value-refresh/run', { unit: 'week' })) as {
    jobId: string;
  };
  for (let i = 0; i < 600; i++) {
    const job = await apiGet<{ status: string; error?: string }>('admin@steward.demo', `/jobs/${jobId}`);
    if (job.status === 'failed') throw new Error(`value-refresh failed: ${job.error}`);
    if (job.status === 'succeeded') return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('value-refresh did not finish');
}

describe('the home of each role in the browser', () => {
  beforeAll(refreshValues, 180_000);

  it('lands an account manager on their agenda, customers at risk, goals and notifications (English)', async () => {
    // A manager with customers at risk, a visit due later today and an order goal this month.
    const users = (await apiGet<{ data: User[] }>(DIRECTOR, '/users')).data;
    let manager: User | undefined;
    for (const u of users.filter((x) => x.role === 'manager' && x.status === 'active')) {
      const risk = await apiGet<AtRisk>(DIRECTOR, `/value/at-risk?managerId=${u.id}&limit=5`);
      if (risk.data.length) {
        manager = u;
        break;
      }
    }
    expect(manager, 'the demo data should put some manager’s customers at risk').toBeDefined();
    const email = manager!.email;
    const customer = (await apiGet<{ data: { id: string }[] }>(email, '/customers?limit=1')).data[0]!;
    const title = `Home visit ${Date.now()}`;
    await post(email, '/tasks', {
      type: 'visit',
      title,
      assigneeId: manager!.id,
      customerId: customer.id,
      dueAt: new Date(Date.now() + 60_000).toISOString(),
    });
    const goal = (await post(DIRECTOR, '/goals', {
      subjectType: 'manager',
      subjectId: manager!.id,
      kpi: 'order_count',
      periodStart: MONTH.from,
      periodEnd: MONTH.to,
      target: 40,
    })) as { id: string };

    const page = await newPage('en-US');
    await signIn(page, session.url(), email, null);
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByTestId('home-manager').waitFor();
    expect(await page.getByTestId('nav-home').textContent()).toBe('Home');

    // Agenda: the counts of the API's today and overdue, today's tasks first.
    const agenda = await apiGet<Agenda>(email, '/agenda');
    expect(agenda.today.map((t) => t.title)).toContain(title);
    const card = page.getByTestId('home-agenda');
    await expect
      .poll(() => card.getByTestId('home-agenda-today').textContent(), { timeout: 60_000 })
      .toBe(`Today ${agenda.today.length.toLocaleString('en-US')}`);
    expect(await card.getByTestId('home-agenda-overdue').textContent()).toBe(
      `Overdue ${agenda.overdue.length.toLocaleString('en-US')}`,
    );
    expect(await card.locator('[data-testid^="home-agenda-task-"]').first().textContent()).toContain(
      agenda.today[0]!.title,
    );

    // Customers at risk: the API's list of the manager's own book, with the next-best action.
    const risk = await apiGet<AtRisk>(email, '/value/at-risk?limit=5');
    expect(risk.data.length).toBeGreaterThan(0);
    const riskCard = page.getByTestId('home-at-risk');
    await riskCard.getByTestId('home-at-risk-name').first().waitFor();
    expect(await riskCard.getByTestId('home-at-risk-name').allTextContents()).toEqual(
      risk.data.map((r) => r.customerName),
    );
    const actions = { retain: 'Retain', visit: 'Visit', check_in: 'Check in' } as Record<string, string>;
    await riskCard
      .getByTestId(`home-at-risk-${risk.data[0]!.customerId}`)
      .getByText(actions[risk.data[0]!.action]!, { exact: true })
      .waitFor();

    // Goals this month: the goal just set, with its progress.
    const goalRow = page.getByTestId('home-goals').getByTestId(`home-goal-${goal.id}`);
    await goalRow.getByTestId(`goal-progress-${goal.id}`).waitFor();
    expect(await goalRow.textContent()).toContain(`${MONTH.from} ~ ${MONTH.to}`);

    // Notifications: the latest of the API, at most five.
    const notes = (await apiGet<{ data: { id: string }[] }>(email, '/notifications?limit=5')).data;
    const notesCard = page.getByTestId('home-notifications');
    if (notes.length) {
      await notesCard.getByTestId(`notification-${notes[0]!.id}`).waitFor();
      expect(await notesCard.locator('[data-testid^="notification-"][data-unread]').count()).toBe(
        notes.length,
      );
    } else {
      await notesCard.getByText('No notifications yet.').waitFor();
    }

    // Each card opens its full page.
    await page.getByTestId('home-at-risk-open').click();
    await page.waitForURL((u) => u.pathname === '/value/at-risk');
    await page.getByTestId('nav-home').click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByTestId('home-agenda-open').click();
    await page.waitForURL((u) => u.pathname === '/agenda');
    await page.context().close();
  });

  it('lands a director on company KPIs, teams side by side, value and churn (Chinese)', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, session.url(), DIRECTOR, null);
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByTestId('home-director').waitFor();
    expect(await page.getByTestId('nav-home').textContent()).toBe('首页');
    expect(await page.getByTestId('home-title').textContent()).toMatch(/，你好$/);

    // Company KPIs of this month, as the API computes them.
    const kpis = await apiGet<Kpis>(DIRECTOR, `/kpis?subject=organization&from=${MONTH.from}&to=${MONTH.to}`);
    const orders = kpis.data.find((k) => k.kpi === 'order_count')!.value;
    await expect
      .poll(() => page.getByTestId('home-company-kpi-order_count').textContent(), { timeout: 60_000 })
      .toBe(
        orders === null ? '—' : new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(orders),
      );

    // Teams side by side: every team of the company ranking.
    const ranking = await apiGet<Ranking>(
      DIRECTOR,
      `/scorecards/rankings?organization=true&from=${MONTH.from}&to=${MONTH.to}`,
    );
    const teamIds = [...new Set(ranking.data.map((r) => r.teamId).filter((x): x is string => !!x))];
    expect(teamIds.length).toBeGreaterThan(0);
    const teams = page.getByTestId('dash-teams');
    for (const id of teamIds) await teams.getByTestId(`dash-team-${id}`).waitFor();

    // Value by segment and churn at risk, from the value dashboard.
    const value = await apiGet<ValueDashboard>(DIRECTOR, '/analytics/value');
    expect(value.scored).toBeGreaterThan(0);
    const segments = page.getByTestId('home-segments');
    await segments.locator('[data-testid^="home-segment-"]').first().waitFor();
    expect(await segments.locator('[data-testid^="home-segment-"]').count()).toBe(value.segments.length);
    const open = value.alertsByManager.reduce((s, a) => s + a.open, 0);
    expect(await page.getByTestId('home-churn-open-alerts').textContent()).toBe(open.toLocaleString('zh-CN'));
    await page.getByTestId('home-churn').getByText('未处理的流失预警').first().waitFor();

    // A team opens its dashboard.
    await teams.getByTestId(`dash-team-${teamIds[0]}`).click();
    await page.waitForURL(
      (u) => u.pathname === '/performance/dashboard' && u.searchParams.get('team') === teamIds[0],
    );
    await page.context().close();
  });
});
