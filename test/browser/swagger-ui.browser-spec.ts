import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { Run } from '../support/built-app';
import { freePort, startBuiltApp, stopAll, waitUntilReady } from '../support/built-app';

/**
 * A Swagger UI explorer's path through /docs, in headless Chromium from the system's `chromium`
 * package (playwright-core downloads no browser): authorize with a real token, "Try it out" on
 * creating a post, and see 201. The built app runs on its own embedded PostgreSQL, on loopback.
 */
const STEP_TIMEOUT = 15_000;

function findChromium(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'chromium')),
  ];
  const found = candidates.find((candidate): candidate is string =>
    Boolean(candidate && existsSync(candidate)),
  );
  if (!found) {
    throw new Error('No chromium on PATH: install it (apt-get install -y chromium) or set CHROMIUM_PATH.');
  }
  return found;
}

async function api<T>(origin: string, method: string, url: string, body: unknown): Promise<T> {
  const res = await fetch(`${origin}${url}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(STEP_TIMEOUT),
  });
  if (!res.ok) {
    throw new Error(`${method} ${url} answered ${res.status}: ${await res.text()}`);
  }
  return (await res.json()) as T;
}

describe('Swagger UI in a browser', () => {
  let dataDir: string;
  let run: Run;
  let origin: string;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'strata-browser-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    // Registers and signs in at once: following the mailed link is the account-flow tests' subject.
    run = startBuiltApp({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      AUTH_REQUIRE_VERIFIED_EMAIL: 'false',
    });
    await waitUntilReady(port, run);
    browser = await chromium.launch({
      executablePath: findChromium(),
      headless: true,
      timeout: STEP_TIMEOUT,
      // CI runs as root, where Chromium's sandbox cannot start; the page is our own, on loopback.
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
  });

  afterAll(async () => {
    await browser?.close();
    await stopAll();
    // If the app died without stopping its database, stop that too.
    const pid = Number(
      (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => '')).split(
        '\n',
      )[0],
    );
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        // Already gone.
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('authorizes with a bearer token and creates a post with "Try it out"', async () => {
    const account = {
      email: 'explorer@example.com',
      username: 'explorer',
      password: 'a sturdy passphrase 42',
    };
    await api(origin, 'POST', '/api/v1/users', account);
    const login = await api<{ data: { accessToken: string } }>(origin, 'POST', '/api/v1/auth/login', {
      email: account.email,
      password: account.password,
    });

    await page.goto(`${origin}/docs`, { waitUntil: 'domcontentloaded' });
    await page.locator('.swagger-ui .info .title').waitFor();

    await page.locator('.scheme-container button.authorize').click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    await dialog.locator('input[type="text"]').fill(login.data.accessToken);
    await dialog.locator('.auth-btn-wrapper button.authorize').click();
    await dialog.locator('button.btn-done').click();

    const operation = page.locator('#operations-posts-Posts_create');
    await operation.locator('.opblock-summary').first().click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('textarea.body-param__text').fill(
      JSON.stringify({
        title: 'Hello from Swagger UI',
        content: 'Written in a browser.',
        status: 'published',
      }),
    );
    await operation.locator('button.execute').click();

    // The live response (the server's answer), not the documented ones listed below it.
    const response = operation.locator('.live-responses-table tbody tr.response');
    await response.waitFor();
    expect((await response.locator('.response-col_status').innerText()).trim()).toBe('201');
    const body = await response.locator('.response-col_description pre').first().innerText();
    expect(JSON.parse(body)).toMatchObject({
      success: true,
      statusCode: 201,
      data: { title: 'Hello from Swagger UI' },
    });
  });

  it('lists every post with "Try it out" on GET /posts and no edits: no filter is pre-filled', async () => {
    const operation = page.locator('#operations-posts-Posts_list');
    await operation.locator('.opblock-summary').first().click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();

    const requestUrl = await operation.locator('.request-url pre').innerText();
    expect(new URL(requestUrl).searchParams.has('tag')).toBe(false);
    expect(new URL(requestUrl).searchParams.has('q')).toBe(false);
    expect(new URL(requestUrl).searchParams.has('authorId')).toBe(false);
    const response = operation.locator('.live-responses-table tbody tr.response');
    await response.waitFor();
    expect((await response.locator('.response-col_status').innerText()).trim()).toBe('200');
    const body = JSON.parse(await response.locator('.response-col_description pre').first().innerText()) as {
      data: Array<{ title: string }>;
    };
    expect(body.data.map((post) => post.title)).toContain('Hello from Swagger UI');
  });

  it("shows a 404's own example: its message and the operation's path", async () => {
    const operation = page.locator('#operations-posts-Posts_findOne');
    await operation.locator('.opblock-summary').first().click();
    const notFound = operation.locator('.responses-table tr.response[data-code="404"]');
    await notFound.waitFor();
    const text = await notFound.innerText();
    expect(text).toContain('Post not found');
    expect(text).toMatch(/"path": "\/api\/v1\/posts\/[0-9a-f-]{36}"/);
    expect(text).not.toContain('Validation failed');
    expect(text).not.toContain('details');
  });
});
