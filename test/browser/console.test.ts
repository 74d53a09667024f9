import type { Page, Request } from 'playwright-core';
import { identityCollections } from '../../src/identity/store';
import { launchBrowser, type Browser } from '../support/browser';
import { OIDC_RESOURCE, startTestProvider, type TestProvider } from '../support/oidc';
import { startStack, type Stack } from '../support/stack';

/*
 * The console in a real headless Chromium against a whole Omnidex stack and a real OpenID
 * provider: sign in, search by a misspelt name, open the customer, scroll its timeline, read its
 * index explanation, see a withheld field as `frontend`, split a record as `admin`, open the
 * dashboard and filter it — and no request from the page leaves its origin.
 */

jest.setTimeout(240_000);

const CLIENT = { clientId: 'omnidex-console', clientSecret: 'console-client-secret-for-the-tests' };
// Both the provider's RS256 tokens and HS256 demo tokens are accepted, as in a development set-up.
const JWT_SECRET = 'a-test-secret-of-at-least-thirty-two-characters';

let provider: TestProvider;
let stack: Stack;
let browser: Browser;
let page: Page;
let origin: string;
const requests: { url: string; frame: string; navigation: boolean }[] = [];

interface Subject {
  id: string;
  firstName: string;
  lastName: string;
}

/** A customer with a history longer than a page of timeline (10) and a name worth misspelling. */
async function pickSubject(): Promise<Subject> {
  const identity = identityCollections(stack.dbs.identity);
  const busiest = await identity.activity
    .aggregate<{ _id: string; n: number }>([{ $group: { _id: '$customerId', n: { $sum: 1 } } }, { $match: { n: { $gt: 10 } } }, { $sort: { n: -1, _id: 1 } }])
    .toArray();
  for (const { _id } of busiest) {
    const records = await identity.records.find({ customerId: _id, kind: 'contact' }).toArray();
    const named = records.find((r) => (r.record.firstName?.length ?? 0) >= 3 && /^[a-z]{5,}$/.test(r.record.lastName ?? ''));
    if (named) return { id: _id, firstName: named.record.firstName!, lastName: named.record.lastName! };
  }
  throw new Error('the seeded data has no customer with a long history and a plain last name');
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Omnidex' }).waitFor();
}

beforeAll(async () => {
  provider = await startTestProvider();
  stack = await startStack({
    seedCustomers: 300,
    env: {
      OMNIDEX_DEV: 'true',
      OMNIDEX_RATE_LIMIT: '0',
      OMNIDEX_JWT_SECRET: JWT_SECRET,
      OMNIDEX_JWKS_URL: `${provider.issuer}/jwks`,
      OMNIDEX_JWT_ISSUER: provider.issuer,
      OMNIDEX_JWT_AUDIENCE: OIDC_RESOURCE,
      OMNIDEX_OIDC_ISSUER: provider.issuer,
      OMNIDEX_OIDC_CLIENT_ID: CLIENT.clientId,
      OMNIDEX_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      OMNIDEX_OIDC_RESOURCE: OIDC_RESOURCE,
    },
  });
  origin = new URL(stack.gatewayUrl).origin;
  await provider.serve({ ...CLIENT, redirectUri: `${origin}/sign-in/callback` });
  browser = await launchBrowser();
  const providerOrigin = new URL(provider.issuer).origin;
  // The network is closed anyway; anything for another host is refused (and recorded below).
  await browser.context.route('**/*', (route) => {
    const target = new URL(route.request().url()).origin;
    return target === origin || target === providerOrigin ? route.continue() : route.abort();
  });
  browser.context.on('request', (request: Request) => {
    let frame = '';
    try {
      frame = request.frame().url();
    } catch {
      // A service worker's request has no frame; the console registers none.
    }
    requests.push({ url: request.url(), frame, navigation: request.isNavigationRequest() });
  });
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await provider?.stop();
});

describe('the console in a browser', () => {
  let subject: Subject;

  it('signs an agent in through the identity provider (authorization code with PKCE)', async () => {
    subject = await pickSubject();
    await page.goto(`${origin}/`);
    await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
    // The provider's own (development) login and consent pages.
    await page.locator('input[name=login]').fill('agent');
    await page.locator('input[name=password]').fill('any password');
    await page.locator('button[type=submit]').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Find a customer' }).waitFor();
    await expect(page.locator('.who').textContent()).resolves.toContain('Signed in as agent (agent)');
  });

  it('finds the customer by a misspelt name and opens it', async () => {
    const last = subject.lastName;
    const misspelt = last.slice(0, 2) + last[3] + last[2] + last.slice(4);
    await page.getByLabel('Name, email, phone, postcode or loyalty id').fill(`${subject.firstName} ${misspelt}`);
    const hit = page.locator(`a[href="/customers/${subject.id}"]`);
    await hit.waitFor();
    await expect(hit.locator('mark').count()).resolves.toBeGreaterThanOrEqual(2);
    await expect(hit.textContent()).resolves.toContain('close spelling');
    await hit.click();
    await page.getByRole('heading', { name: `Customer ${subject.id}` }).waitFor();
  });

  it('scrolls the timeline, loading the next page as it comes into view', async () => {
    // Once the cards above it are drawn, the timeline's first page (ten) ends below the fold.
    await page.locator('table.profile').waitFor();
    await page.locator('section.index .index-score').waitFor();
    const entries = page.locator('.timeline-entries > li');
    await entries.nth(9).waitFor();
    const total = Number(/^(\d+) interactions/.exec((await page.locator('.timeline .hint').textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(10);
    const shown = await entries.count();
    await entries.nth(shown - 1).scrollIntoViewIfNeeded();
    // A whole next page arrives; more may follow while the end of the list stays near the fold.
    await page.locator(`.timeline-entries > li:nth-child(${Math.min(total, shown + 10)})`).waitFor();
    const { listed, hint } = await page.evaluate(() => ({
      listed: document.querySelectorAll('.timeline-entries > li').length,
      hint: document.querySelector('.timeline .hint')?.textContent ?? '',
    }));
    expect(listed).toBeGreaterThanOrEqual(Math.min(total, shown + 10));
    expect(hint).toContain(`showing ${listed}.`);
    // Filtering by one channel shows only its entries.
    const channel = (await page.locator('.timeline-entries .entry-channel').first().textContent())!;
    await page.getByRole('group', { name: 'Channels' }).getByLabel(channel).check();
    await page.locator('.timeline .hint', { hasText: 'match the filters' }).waitFor();
    expect(new Set(await page.locator('.timeline-entries .entry-channel').allTextContents())).toEqual(new Set([channel]));
  });

  it('explains the Integration Index in words', async () => {
    const index = page.locator('section.index');
    await index.locator('.index-score').waitFor();
    await expect(index.locator('.evidence').textContent()).resolves.toMatch(/Recognised in \d+ of \d+ (service cases?|sessions?|receipts?)/);
    await expect(index.locator('.evidence').textContent()).resolves.toMatch(/agrees with the golden profile on \d+ of \d+ attributes?|not measured/);
    await expect(index.locator('table.components tbody tr').count()).resolves.toBe(3);
  });

  it('opens the dashboard and filters it', async () => {
    await page.getByRole('link', { name: 'Integration Index' }).click();
    const customers = page.locator('.headline .hint');
    await customers.waitFor();
    const all = await customers.textContent();
    await expect(page.locator('.band-bars li').count()).resolves.toBe(4);
    await expect(page.locator('.trend svg circle').count()).resolves.toBeGreaterThan(0);
    await page.getByLabel('Country').fill('GB');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('Filtered by country GB.').waitFor();
    await page.waitForURL(/country=GB/);
    await page.waitForFunction((before) => document.querySelector('.headline .hint')?.textContent !== before, all);
    expect(await customers.textContent()).not.toBe(all);
  });

  it('shows a field the frontend role may not read as withheld, never as empty', async () => {
    await signOut();
    await page.getByRole('button', { name: 'frontend' }).click();
    await page.goto(`${origin}/customers/${subject.id}`);
    const fullName = page.locator('table.profile tr[data-attribute=fullName] td').first();
    await fullName.locator('.withheld').waitFor();
    await expect(fullName.textContent()).resolves.toContain('Withheld');
    // First names are for the frontend role: shown.
    const firstName = (await page.locator('table.profile tr[data-attribute=firstName] td').first().textContent())!;
    expect(firstName.toLowerCase()).toContain(subject.firstName);
    await page.locator('section[aria-labelledby=explain-heading] .withheld').waitFor();
  });

  it('splits a record off a customer as admin, after a confirmation', async () => {
    await signOut();
    await page.getByLabel('Bearer token (a JWT)').fill(await stack.tokenFor('admin', 'admin-in-the-browser'));
    await page.getByRole('button', { name: 'Use this token' }).click();
    await page.goto(`${origin}/customers/${subject.id}`);
    const boxes = page.locator('.linked-records input[type=checkbox]');
    await boxes.first().waitFor();
    const key = (await boxes.first().getAttribute('aria-label'))!.replace(/^Move (\S+) to a new customer$/, '$1');
    await boxes.first().check();
    await page.getByRole('button', { name: 'Split the selected records into a new customer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Split this customer?' });
    await dialog.getByLabel('Note for the audit trail (optional)').fill('two people in one (browser test)');
    await dialog.getByRole('button', { name: 'Split' }).click();
    await page.locator('.success', { hasText: 'Split' }).waitFor();
    const moved = await identityCollections(stack.dbs.identity).records.findOne({ _id: key });
    expect(moved!.customerId).not.toBe(subject.id);
    await expect(page.locator('.success a').allTextContents()).resolves.toContain(moved!.customerId);
  });

  it('made no request outside its own origin', () => {
    const providerOrigin = new URL(provider.issuer).origin;
    const fromConsole = requests.filter((r) => r.frame === '' || r.frame.startsWith(origin) || r.frame === 'about:blank');
    const outside = fromConsole.filter((r) => new URL(r.url).origin !== origin && !(r.navigation && new URL(r.url).origin === providerOrigin));
    expect(fromConsole.length).toBeGreaterThan(20);
    expect(outside).toEqual([]);
  });
});
