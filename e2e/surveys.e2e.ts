import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiLogin, signIn, useServerAndBrowser } from './support.js';

const session = useServerAndBrowser({ beforeAll, afterAll });
const { newPage, apiGet } = session;

type Sent = { sends: { id: string; customerId: string; token: string; url: string }[] };

async function apiPost<T>(email: string, path: string, body: unknown): Promise<T> {
  const { cookie, csrfToken } = await apiLogin(session.url(), email);
  const res = await fetch(`${session.url()}/api/v1${path}`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A template (default question) sent by manager1 to one of their customers, in a language. */
async function sendSurvey(kind: 'csat' | 'nps', language: 'zh-CN' | 'en-US') {
  const tpl = await apiPost<{ id: string }>('admin@steward.demo', '/survey-templates', {
    name: `E2E ${kind} ${Date.now()}`,
    kind,
  });
  const customers = await apiGet<{ data: { id: string; name: string }[] }>(
    'manager1@steward.demo',
    `/customers?limit=20`,
  );
  const customer = customers.data[kind === 'csat' ? 0 : 1]!;
  const sent = await apiPost<Sent>('manager1@steward.demo', '/surveys/send', {
    templateId: tpl.id,
    customerIds: [customer.id],
    language,
  });
  return { customer, send: sent.sends[0]! };
}

/** A phone: 390 × 844 CSS pixels. */
async function phonePage(locale: 'zh-CN' | 'en-US'): Promise<Page> {
  const page = await newPage(locale);
  await page.setViewportSize({ width: 390, height: 844 });
  return page;
}

const fitsTheScreen = (page: Page) =>
  page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth + 1');

describe('the public survey page on a phone', () => {
  it('answers a CSAT survey in Chinese (the language it was sent in), then shows "already answered"', async () => {
    const { send } = await sendSurvey('csat', 'zh-CN');
    expect(send.url).toContain(`/s/${send.token}`);
    // The browser prefers English; the survey was sent in Chinese.
    const page = await phonePage('en-US');
    await page.goto(`${session.url()}/s/${send.token}`);
    const question = page.getByTestId('survey-question');
    await question.waitFor();
    await page.getByText('您对Demo的服务满意吗？').waitFor();
    expect(await page.getByTestId('survey-org').textContent()).toBe('Demo');
    expect(await fitsTheScreen(page)).toBe(true);

    // switchable: English and back
    await page.getByTestId('survey-lang-en').click();
    await page.getByText('How satisfied are you with the service of Demo?').waitFor();
    await page.getByTestId('survey-lang-zh').click();
    await page.getByText('您对Demo的服务满意吗？').waitFor();

    // submitting without a score asks for one
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-pick-score').waitFor();
    await page.locator('[data-testid="csat-stars"] .ant-rate-star').nth(3).click();
    await page.getByText('满意', { exact: true }).waitFor();
    await page.getByTestId('survey-comment').fill('服务很周到');
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-thanks').waitFor();
    await page.getByText('感谢您的反馈！').waitFor();

    await page.reload();
    await page.getByTestId('survey-answered').waitFor();
    await page.getByText('此问卷已回答').waitFor();

    const listed = await apiGet<{ data: { id: string; score: number; comment: string; status: string }[] }>(
      'manager1@steward.demo',
      `/surveys/sends?customerId=${send.customerId}`,
    );
    expect(listed.data.find((s) => s.id === send.id)).toMatchObject({
      score: 4,
      comment: '服务很周到',
      status: 'answered',
    });
    await page.context().close();
  });

  it('answers an NPS survey in English with a low score, which gives the manager a follow-up task', async () => {
    const { send } = await sendSurvey('nps', 'en-US');
    const page = await phonePage('zh-CN');
    await page.goto(`${session.url()}/s/${send.token}`);
    await page.getByText('How likely are you to recommend Demo to a friend or colleague?').waitFor();
    expect(await fitsTheScreen(page)).toBe(true);
    const button = page.getByTestId('nps-3');
    const box = (await button.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    await button.click();
    expect(await button.getAttribute('aria-checked')).toBe('true');
    await page.getByTestId('survey-submit').click();
    await page.getByText('Thank you for your feedback!').waitFor();

    // a second visit
    const again = await phonePage('en-US');
    await again.goto(`${session.url()}/s/${send.token}`);
    await again.getByText('This survey has already been answered').waitFor();

    const tasks = await apiGet<{ data: { type: string; customerId: string }[] }>(
      'manager1@steward.demo',
      `/tasks?type=follow_up&customerId=${send.customerId}`,
    );
    expect(tasks.data).toHaveLength(1);
    await page.context().close();
    await again.context().close();
  });

  it('says so when the link is unknown', async () => {
    const page = await phonePage('en-US');
    await page.goto(`${session.url()}/s/${'x'.repeat(32)}`);
    await page.getByTestId('survey-missing').waitFor();
    await page.getByText('Survey not found').waitFor();
    await page.context().close();
  });
});

describe('survey pages for staff', () => {
  it('shows the templates, the results chart and the answered send', async () => {
    const page = await newPage('en-US');
    await signIn(page, session.url(), 'manager1@steward.demo');
    await page.getByTestId('nav-surveys').click();
    await page.waitForURL((u) => u.pathname === '/surveys');
    const table = page.getByTestId('send-table');
    await table.getByText('Answered').first().waitFor();
    await page.getByTestId('survey-trend-chart').waitFor();
    await page.getByTestId('survey-group-chart').waitFor();
    await page.getByText('Surveys & results').first().waitFor();

    await page.getByTestId('send-survey').click();
    await page.getByTestId('send-template').waitFor();
    await page.keyboard.press('Escape');

    await page.goto(`${session.url()}/surveys/templates`);
    await page.getByTestId('template-table').getByText('E2E csat', { exact: false }).first().waitFor();
    expect(await page.getByTestId('new-template').count()).toBe(0); // managers read, do not write
    await page.context().close();
  });
});
