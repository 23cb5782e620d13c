/** The static server the browser tests use behaves like a plain static host. */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { expect, inject, test } from 'vitest';
import { contentType } from '../support/static-server.ts';

const site = inject('exampleSite');
const base = inject('siteUrl');

/** A raw GET, so that paths such as `/../x` reach the server as written. */
function get(path: string): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  const url = new URL(base);
  return new Promise((done, fail) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('serves a directory as its index.html', async () => {
  const home = await get('/');
  expect(home.status).toBe(200);
  expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(home.body).toBe(readFileSync(join(site.dist, 'index.html'), 'utf8'));
  expect((await get('/history/')).status).toBe(200);
});

test('redirects a directory without its trailing slash', async () => {
  const res = await get('/history');
  expect(res.status).toBe(301);
  expect(res.headers['location']).toBe('/history/');
});

test('answers an unknown path with 404.html and status 404', async () => {
  const res = await get('/no/such/page/');
  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.body).toBe(readFileSync(join(site.dist, '404.html'), 'utf8'));
});

test('never serves a file outside the folder', async () => {
  // The content folder sits next to dist/ (see test/support/example-site.ts).
  for (const path of [
    '/../content/heliograph.yaml',
    '/%2e%2e/content/heliograph.yaml',
    '/..%2fcontent%2fheliograph.yaml',
    '/..%5ccontent%5cheliograph.yaml',
  ]) {
    expect((await get(path)).status, path).toBe(404);
  }
});

test('sends the content type of each kind of file', async () => {
  expect((await get('/logo.svg')).headers['content-type']).toBe('image/svg+xml');
  expect(contentType('a/b.css')).toBe('text/css; charset=utf-8');
  expect(contentType('badge.png')).toBe('image/png');
  expect(contentType('api/v2/summary.json')).toBe('application/json; charset=utf-8');
  expect(contentType('feed.xml')).toBe('application/xml; charset=utf-8');
  expect(contentType('maintenance.ics')).toBe('text/calendar; charset=utf-8');
  expect(contentType('README')).toBe('application/octet-stream');
});
