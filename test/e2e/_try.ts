import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startStaticServer } from '/work/main/test/support/static-server.ts';
const srv = await startStaticServer('/tmp/heliograph-site-YF8T8l/dist');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
for (const scheme of ['light', 'dark'] as const) {
  const ctx = await browser.newContext({ javaScriptEnabled: false, colorScheme: scheme });
  for (const p of ['', 'incidents/meta-platforms-outage/', 'components/website/', 'maintenance/tracking-map-upgrade/', 'history/', 'nope/']) {
    const page = await ctx.newPage();
    const r = await page.goto(srv.url + p, { timeout: 10000 });
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: false });
    const res = await new AxeBuilder({ page }).setLegacyMode().analyze();
    console.log(scheme, p, r?.status(), r?.headers()['content-type'], res.violations.map((v) => `${v.id}/${v.impact}: ${v.nodes.length} ${v.nodes.slice(0,2).map(n=>n.target.join(' ') + ' ' + n.failureSummary).join(' | ')}`));
    await page.close();
  }
  await ctx.close();
}
await browser.close(); await srv.close();
