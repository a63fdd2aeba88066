// Plays the user in a real browser: opens the URL the app asked to open in Debian's headless Chromium
// (driven by playwright-core; no browser is ever downloaded), signs in on the provider's login form and gives
// consent (or aborts), and follows the pages until the provider shows its final page or the browser is sent
// back to the app's loopback redirect.
//
//   node browse.mjs [--login=NAME] [--deny] [--chromium=PATH] <url>
//
// Prints one line "RESULT <json>" with {url, status, title, text} of the last page, then exits 0.
// Exits 1 with a message on stderr if the browser could not be driven. Only 127.0.0.1/localhost is reachable.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

function option(name, fallback) {
  const prefix = `--${name}=`;
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return arg === undefined ? fallback : arg.slice(prefix.length);
}
const login = option('login', 'alice');
const deny = process.argv.includes('--deny');
const executablePath = option('chromium', process.env.MLTF_TEST_CHROMIUM || '/usr/bin/chromium');
const startUrl = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!startUrl) {
  process.stderr.write('usage: browse.mjs [--login=NAME] [--deny] <url>\n');
  process.exit(2);
}
const providerOrigin = new URL(startUrl).origin;
const isLoopback = (u) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(u).hostname);

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mltf-chromium-'));
const watchdog = setTimeout(() => fail('the browser did not finish within 150 s'), 150_000);
let context;

async function fail(message) {
  process.stderr.write(`browse.mjs: ${message}\n`);
  try { await context?.close(); } catch { /* already gone */ }
  fs.rmSync(userDataDir, { recursive: true, force: true });
  process.exit(1);
}

// Clicks and waits for the page it leads to.
async function submit(page, selector) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 60_000 }), page.click(selector)]);
}

async function finalPage(page, response) {
  return {
    url: page.url(),
    status: response ? response.status() : 0,
    title: await page.title().catch(() => ''),
    text: await page.innerText('body').catch(() => ''),
  };
}

try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    chromiumSandbox: false,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // The provider's pages import web fonts: nothing but loopback is reachable, so do not even try.
  await context.route('**/*', (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort()));
  const page = context.pages()[0] ?? await context.newPage();
  let lastResponse = null;
  page.on('response', (r) => { if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) lastResponse = r; });
  await page.goto(startUrl, { waitUntil: 'load', timeout: 60_000 }).catch((e) => {
    // A loopback listener that answers and closes can end the navigation with an error after the page arrived.
    if (!page.url().startsWith('http')) throw e;
  });

  for (let step = 0; step < 12; step += 1) {
    if (new URL(page.url()).origin !== providerOrigin) break; // back at the app's loopback redirect
    if (await page.$('form[id="op.deviceConfirmForm"]')) {
      await submit(page, deny ? 'button[name=abort]' : 'button[autofocus]');
    } else if (await page.$('form[id="op.deviceInputForm"]')) {
      await submit(page, 'button[form="op.deviceInputForm"]');
    } else if (await page.$('input[name=login]')) {
      if (deny) {
        await submit(page, '.login-help a');
      } else {
        await page.fill('input[name=login]', login);
        await page.fill('input[name=password]', 'any-password');
        await submit(page, 'button[type=submit]');
      }
    } else if (await page.$('input[name=prompt][value=consent]')) {
      await submit(page, deny ? '.login-help a' : 'button[type=submit]');
    } else {
      break; // a final page of the provider (success, aborted, error)
    }
  }
  const result = await finalPage(page, lastResponse);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  clearTimeout(watchdog);
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
  process.exit(0);
} catch (e) {
  await fail(e && e.message ? e.message : String(e));
}
