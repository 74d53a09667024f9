// Takes the screenshots of the console in docs/ (README.md, docs/CONSOLE.md) with headless Chromium:
//   npx tsx scripts/console-screenshots.ts
import path from 'node:path';
import { commonLastName, showcaseCustomer, startConsoleDemo } from './console-demo';

const DOCS = path.resolve(__dirname, '..', 'docs');

async function main(): Promise<void> {
  const demo = await startConsoleDemo({ viewport: { width: 1280, height: 900 } });
  try {
    const subject = await showcaseCustomer(demo);
    const agent = await demo.signedInPage('agent');

    const last = await commonLastName(demo);
    await agent.goto(`${demo.origin}/?q=${encodeURIComponent(`${last.slice(0, 2)}${last[3]}${last[2]}${last.slice(4)}`)}`);
    await agent.locator('.results li').first().waitFor();
    await agent.screenshot({ path: path.join(DOCS, 'console-search.png') });

    await agent.setViewportSize({ width: 1280, height: 1500 });
    await agent.goto(`${demo.origin}/customers/${subject.id}`);
    await agent.locator('section.index .index-score').waitFor();
    await agent.locator('table.profile').waitFor();
    await agent.locator('.timeline-entries > li').first().waitFor();
    await agent.screenshot({ path: path.join(DOCS, 'console-customer.png') });

    await agent.setViewportSize({ width: 1280, height: 1250 });
    await agent.goto(`${demo.origin}/dashboard`);
    await agent.locator('.trend svg circle').first().waitFor();
    await agent.screenshot({ path: path.join(DOCS, 'console-dashboard.png') });

    const frontend = await demo.signedInPage('frontend');
    await frontend.setViewportSize({ width: 1280, height: 760 });
    await frontend.goto(`${demo.origin}/customers/${subject.id}`);
    await frontend.locator('table.profile .withheld').first().waitFor();
    await frontend.locator('section.index .index-score').waitFor();
    await frontend.screenshot({ path: path.join(DOCS, 'console-withheld.png') });
    console.log(`screenshots of ${subject.id} written to ${DOCS}`);
  } finally {
    await demo.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
