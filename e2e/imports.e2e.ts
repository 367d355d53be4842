import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, useServerAndBrowser } from './support.js';

const session = useServerAndBrowser({ beforeAll, afterAll });
const { newPage, apiGet } = session;

type Imports = { data: { id: string; created: number; failed: number; status: string }[] };

describe('the import wizard in the browser', () => {
  it.each([
    ['zh-CN', '导入数据', '已完成'],
    ['en-US', 'Import data', 'Finished'],
  ] as const)('imports a small CSV with one bad row (%s)', async (language, title, finished) => {
    const tag = `E2E${language.replace('-', '')}${Date.now().toString(36)}`;
    const csv = `客户名称,手机,邮箱,地区\n${tag} 甲,13900000001,a@${tag}.cn,上海\n${tag} 乙,13900000002,not-an-email,上海\n${tag} 丙,13900000003,c@${tag}.cn,北京\n`;
    const page = await newPage(language);
    await signIn(page, session.url(), 'admin@steward.demo');
    await page.getByTestId('nav-import').click();
    await page.waitForURL((u) => u.pathname === '/data/import');
    await page.getByRole('heading', { name: title }).waitFor();

    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-next').click();
    // Mapping: suggested from the Chinese headers.
    await page.getByTestId('map-邮箱').waitFor();
    expect(await page.getByTestId('map-邮箱').textContent()).toContain('email');
    await page.getByTestId('import-next').click();
    // Preview: the bad row is flagged before anything is written.
    await page.getByTestId('preview-errors-2').waitFor();
    expect(await page.getByTestId('preview-errors-2').textContent()).toContain('invalid_email');
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-start').click();

    await page.getByTestId('import-status').filter({ hasText: finished }).waitFor({ timeout: 60_000 });
    const errors = page.getByTestId('import-errors');
    await errors.getByText('invalid_email').waitFor();
    expect(await errors.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await errors.locator('tbody tr.ant-table-row').first().textContent()).toContain('邮箱');
    await page.getByTestId('download-errors').waitFor();

    const latest = (await apiGet<Imports>('admin@steward.demo', '/imports?limit=1')).data[0]!;
    expect(latest).toMatchObject({ status: 'succeeded', created: 2, failed: 1 });
    const found = await apiGet<{ data: { name: string }[] }>(
      'admin@steward.demo',
      `/customers?q=${encodeURIComponent(tag)}&limit=10`,
    );
    expect(found.data.map((c) => c.name).sort()).toEqual([`${tag} 丙`, `${tag} 甲`]);
    await page.context().close();
  });
});
