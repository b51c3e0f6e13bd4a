// Browser mode under attack: hostile bodies, names and headers sent with the right token to the
// real host (the HTTP server with its backend in a worker thread, as `npm run web` runs it).
// Each is refused with the API's error shape, and the same process answers the next request.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { REQUEST_LIMITS } from '../../../main/api/inputLimits';
import { startWebServer, type WebServer } from '../../../main/http/server';
import { WorkerBackend } from '../../../main/worker/workerBackend';
import { removeDir, tempDir } from '../../helpers/tempBackend';

jest.setTimeout(60_000);

let dir: string;
let backend: WorkerBackend;
let server: WebServer;
const crashes: unknown[] = [];
const onCrash = (reason: unknown) => crashes.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  dir = tempDir('http-bounds');
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
  backend = await WorkerBackend.start({ dataDir: path.join(dir, 'data'), user: 'li.na' });
  server = await startWebServer({ dispatcher: backend, staticDir });
});

afterAll(async () => {
  await server.close();
  await backend.close();
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
  removeDir(dir);
});

interface Answer {
  status: number;
  body: { ok: boolean; errors?: { code: string; messageKey: string }[] };
  text: string;
}

/** A raw request: node:http lets a test set `Host` (fetch does not). */
function request(
  pathname: string,
  options: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: pathname,
        method: options.method ?? 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csm-token': server.token,
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let body: Answer['body'] = { ok: false };
          try {
            body = JSON.parse(text) as Answer['body'];
          } catch {
            // The page (HTML), not an API answer.
          }
          resolve({ status: res.statusCode ?? 0, body, text });
        });
      },
    );
    // A dropped connection is a failure: every refusal must be an answer.
    req.on('error', reject);
    req.end(options.body);
  });
}

const firstError = (a: Answer) => a.body.errors?.[0];

/** The process is alive and well: the next ordinary request is answered. */
async function stillAnswers(): Promise<void> {
  const info = await request('/api/system.info', { body: '{}' });
  expect(info.status).toBe(200);
  expect(info.body.ok).toBe(true);
}

function deepJson(levels: number): string {
  return `{"data":${'['.repeat(levels)}${']'.repeat(levels)}}`;
}

function deepValue(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { inner: value };
  return value;
}

describe('browser mode refuses hostile requests and lives on', () => {
  it('refuses JSON nested 5,000 levels deep before parsing it', async () => {
    const body = deepJson(5000);
    expect(body.length).toBeLessThan(11 * 1024);
    const deep = await request('/api/account.create', { body });
    expect(deep.status).toBe(400);
    expect(firstError(deep)).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'error.input.tooDeep',
    });
    await stillAnswers();
    // 64 levels are still accepted as JSON (and then judged by the method's schema).
    const edge = await request('/api/account.create', { body: deepJson(63) });
    expect(edge.status).toBe(400);
    expect(firstError(edge)?.messageKey).not.toBe('error.input.tooDeep');
  });

  it('refuses a body over the size limit with 413 and the error shape', async () => {
    const name = 'x'.repeat(REQUEST_LIMITS.maxBytes);
    const huge = await request('/api/account.create', {
      body: JSON.stringify({ data: { name, tier: 'micro', ownerCsm: 'li.na' } }),
    });
    expect(huge.status).toBe(413);
    expect(firstError(huge)).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'error.input.tooLarge',
    });
    await stillAnswers();
  });

  it('answers only its own loopback Host, for the page as for the API', async () => {
    const port = String(server.port);
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      '127.0.0.1:1',
      `10.0.0.1:${port}`,
    ]) {
      const api = await request('/api/system.info', { body: '{}', headers: { host } });
      expect([host, api.status, firstError(api)?.messageKey]).toEqual([
        host,
        403,
        'error.http.foreignHost',
      ]);
      const page = await request('/', { method: 'GET', headers: { host } });
      expect([host, page.status]).toEqual([host, 403]);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const api = await request('/api/system.info', { body: '{}', headers: { host } });
      expect([host, api.status]).toEqual([host, 200]);
      const page = await request('/accounts', { method: 'GET', headers: { host } });
      expect([host, page.status, page.text]).toEqual([host, 200, expect.stringContaining('shell')]);
    }
  });

  it('refuses a cross-origin Origin and accepts its own', async () => {
    const own = `http://127.0.0.1:${server.port}`;
    for (const origin of ['http://evil.example', `http://localhost:${server.port}`, 'null']) {
      const api = await request('/api/system.info', { body: '{}', headers: { origin } });
      expect([origin, api.status, firstError(api)?.messageKey]).toEqual([
        origin,
        403,
        'error.http.crossOrigin',
      ]);
    }
    const same = await request('/api/system.info', { body: '{}', headers: { origin: own } });
    expect(same.status).toBe(200);
  });

  it('knows no method by a prototype name', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const answer = await request(`/api/${name}`, { body: '{}' });
      expect([name, answer.status, firstError(answer)]).toEqual([
        name,
        404,
        expect.objectContaining({ code: 'NOT_FOUND', messageKey: 'error.unknownMethod' }),
      ]);
      // The backend's own dispatch says the same, whoever calls it.
      const direct = await backend.dispatch(name, {});
      expect(direct).toMatchObject({ ok: false, errors: [{ code: 'NOT_FOUND' }] });
    }
    await stillAnswers();
  });

  it('the worker-thread path refuses what cannot cross it, and keeps answering', async () => {
    const deep = await backend.dispatch('account.create', { data: deepValue(5000) });
    expect(deep).toMatchObject({ ok: false, errors: [{ messageKey: 'error.input.tooDeep' }] });
    const big = await backend.dispatch('account.create', {
      data: { name: 'y'.repeat(REQUEST_LIMITS.maxBytes) },
    });
    expect(big).toMatchObject({ ok: false, errors: [{ messageKey: 'error.input.tooLarge' }] });
    const fn = await backend.dispatch('account.create', { data: { name: () => 'x' } });
    expect(fn).toMatchObject({
      ok: false,
      errors: [{ messageKey: 'error.messageUndeliverable' }],
    });
    const created = await backend.dispatch('account.create', {
      data: { name: '西部能源', tier: 'micro', ownerCsm: 'li.na' },
    });
    expect(created).toMatchObject({ ok: true, data: { name: '西部能源' } });
  });

  it('tallies a mixed attack: every request refused, none crashed anything', async () => {
    const attacks: (() => Promise<Answer>)[] = [];
    for (let i = 0; i < 10; i++) {
      attacks.push(() => request('/api/account.create', { body: deepJson(5000 + i * 1000) }));
      attacks.push(() => request('/api/__proto__', { body: '{}' }));
      attacks.push(() => request('/', { method: 'GET', headers: { host: `rebind${i}.example` } }));
      attacks.push(() => request('/api/system.info', { body: '{', headers: {} }));
    }
    let refused = 0;
    for (const attack of attacks) {
      const answer = await attack();
      if (answer.status >= 400 && answer.status < 500) refused++;
      await stillAnswers();
    }
    expect(refused).toBe(attacks.length);
    expect(crashes).toEqual([]);
  });
});
