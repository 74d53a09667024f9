/**
 * How fast the console's pages show on demo data, in headless Chromium.
 *
 *   npx tsx bench/console.ts [--customers 1000] [--runs 5]   (or `omnidex bench console`)
 *
 * Starts Omnidex in memory with demo data, as `npm start` does (everything in this process), and
 * opens each page in a fresh tab signed in as an agent: the search page with a query, a customer
 * (on all three channels) until its profile, index, timeline, records and merge explanation have
 * all shown, and the dashboard until its trend is drawn. The time is the page's own clock
 * (`performance.now()`, from the start of the navigation) when the last of those appears. The first
 * run of each page has an empty browser cache (a first view); the median is over the others.
 * Prints the load average: the machine is shared.
 */
import os from 'node:os';
import { Command } from 'commander';
import type { Page } from 'playwright-core';
import { commonLastName, showcaseCustomer, startConsoleDemo } from '../scripts/console-demo';

async function shownAfter(page: Page, url: string, selectors: string[]): Promise<number> {
  await page.goto(url);
  for (const selector of selectors) await page.locator(selector).first().waitFor({ timeout: 60_000 });
  return page.evaluate(() => performance.now());
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const options = new Command().option('--customers <n>', 'demo customers', '1000').option('--runs <n>', 'views per page', '5').parse().opts<{ customers: string; runs: string }>();
  const demo = await startConsoleDemo({ customers: Number(options.customers) });
  try {
    const subject = await showcaseCustomer(demo);
    const last = await commonLastName(demo);
    const pages = {
      search: { url: `${demo.origin}/?q=${last.slice(0, 4)}`, selectors: ['.results li'] },
      customer: {
        url: `${demo.origin}/customers/${subject.id}`,
        selectors: ['table.profile', 'section.index .index-score', '.timeline-entries > li', 'table.records', '.linked-records'],
      },
      dashboard: { url: `${demo.origin}/dashboard`, selectors: ['.trend svg circle'] },
    };
    const load = os.loadavg()[0]!.toFixed(1);
    for (const [name, { url, selectors }] of Object.entries(pages)) {
      const times: number[] = [];
      for (let run = 0; run < Number(options.runs); run++) {
        const page = await demo.signedInPage('agent');
        times.push(await shownAfter(page, url, selectors));
        await page.close();
      }
      const [first, ...rest] = times;
      console.log(`${name.padEnd(9)} first view ${first!.toFixed(0)} ms; then median ${median(rest).toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms)`);
    }
    console.log(`load average ${load} → ${os.loadavg()[0]!.toFixed(1)} (${os.cpus().length} cores)`);
  } finally {
    await demo.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
