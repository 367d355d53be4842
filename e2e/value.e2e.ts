import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, signIn, useServerAndBrowser } from './support.js';

type User = { id: string; email: string; role: string };
type Alert = { id: string; customerId: string; customerName: string; ownerId: string | null; status: string };
const session = useServerAndBrowser({ beforeAll, afterAll });
const { newPage, apiGet } = session;

/** Runs value-refresh on the demo orders (as of now) through the job route and waits for it. */
async function refreshValues() {
  const { cookie, csrfToken } = await apiLogin(session.url(), 'admin@steward.demo');
  const res = await fetch(`${session.url()}/api/v1/jobs/value-refresh/run`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ unit: 'week' }),
  });
  expect(res.status).toBe(202);
  const { jobId } = (await res.json()) as { jobId: string };
  for (let i = 0; i < 600; i++) {
    const job = await apiGet<{ status: string; error?: string }>('admin@steward.demo', `/jobs/${jobId}`);
    if (job.status === 'failed') throw new Error(`value-refresh failed: ${job.error}`);
    if (job.status === 'succeeded') return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('value-refresh did not finish');
}

describe('customer value pages in the browser', () => {
  beforeAll(refreshValues, 180_000);

  it('shows a director the value dashboard in Chinese', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, session.url(), 'director@steward.demo');
    await page.getByTestId('nav-value').click();
    await page.waitForURL((u) => u.pathname === '/value');
    await page.getByText('价值看板', { exact: true }).first().waitFor();
    for (const id of ['value-segments-chart', 'value-tiers-chart', 'value-clv-chart', 'value-stages-chart'])
      await page.getByTestId(id).waitFor();
    const segments = page.getByTestId('value-segments');
    await segments.locator('tbody tr.ant-table-row').first().waitFor();
    const d = await apiGet<{ segments: { segment: string }[] }>('director@steward.demo', '/analytics/value');
    expect(await segments.locator('tbody tr.ant-table-row').count()).toBe(d.segments.length);
    await page.getByText('各客户经理的流失预警').waitFor();
    await page.context().close();
  });

  it('lets a manager resolve a churn alert from the at-risk list, in English', async () => {
    const open = (
      await apiGet<{ data: Alert[] }>('director@steward.demo', '/churn-alerts?status=open&limit=500')
    ).data;
    const users = (await apiGet<{ data: User[] }>('director@steward.demo', '/users')).data;
    const alert = open.find((a) => users.find((u) => u.id === a.ownerId)?.role === 'manager');
    expect(alert, 'the demo data should give some manager an open churn alert').toBeDefined();
    const owner = users.find((u) => u.id === alert!.ownerId)!;

    const page = await newPage('en-US');
    await signIn(page, session.url(), owner.email);
    await page.getByTestId('nav-at-risk').click();
    await page.waitForURL((u) => u.pathname === '/value/at-risk');
    await page.getByText('At-risk customers', { exact: true }).first().waitFor();
    const table = page.getByTestId('at-risk-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    // Show the whole book, then resolve the alert's customer.
    await page.getByTestId('at-risk-limit').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '200' }).click();
    const row = table.locator('tr.ant-table-row').filter({ hasText: alert!.customerName });
    await row.getByTestId('resolve-alert').click();
    await page.getByTestId('resolve-retained').click();
    await page.getByTestId('resolve-note').fill('Called; a new order is on its way');
    await page.getByTestId('resolve-confirm').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await row.getByTestId('resolve-alert').waitFor({ state: 'detached' });
    const after = await apiGet<Alert>(owner.email, `/churn-alerts/${alert!.id}`);
    expect(after.status).toBe('retained');
    await page.context().close();
  });

  it('lets a lead apply low-value re-evaluation proposals with a reason, in English', async () => {
    const page = await newPage('en-US');
    await signIn(page, session.url(), 'lead1@steward.demo');
    await page.getByTestId('nav-reevaluation').click();
    await page.waitForURL((u) => u.pathname === '/value/reevaluation');
    await page.getByTestId('reevaluation-propose').click();
    await page.getByTestId('reevaluation-summary').waitFor();
    const proposal = await apiGet<{ proposals: { customerId: string; action: string }[] }>(
      'lead1@steward.demo',
      '/reevaluation?limit=500',
    );
    const movable = proposal.proposals.filter((p) => p.action !== 'keep_owner');
    expect(movable.length).toBeGreaterThan(0);
    const rows = page.getByTestId('reevaluation-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(proposal.proposals.length);
    await page.getByTestId('reevaluation-apply').click();
    await page.getByTestId('reevaluation-reason').fill('Quarterly low-value review');
    await page.getByTestId('reevaluation-apply-confirm').click();
    await page
      .locator('.ant-message')
      .getByText(/Moved \d+ customer/)
      .waitFor();
    const moved = movable[0]!;
    const history = await apiGet<{ data: { reason: string | null }[] }>(
      'director@steward.demo',
      `/customers/${moved.customerId}/assignments`,
    );
    expect(history.data[0]!.reason).toBe('Quarterly low-value review');
    await page.context().close();
  });
});
