import { startStaticServer } from '../support/static-server.ts';
import { launchChromium } from './browser.ts';
const [dist, path, selector, out, scheme, w, h, focus] = process.argv.slice(2);
const srv = await startStaticServer(dist!);
const browser = await launchChromium();
const ctx = await browser.newContext({ javaScriptEnabled: false, colorScheme: scheme as 'light' | 'dark', viewport: { width: Number(w ?? 1280), height: Number(h ?? 720) } });
const page = await ctx.newPage();
await page.goto(srv.url + path);
if (focus) { await page.locator(focus).focus(); }
await page.locator(selector!).screenshot({ path: out! });
await browser.close(); await srv.close();
