import { identifierEvidence } from './ground-truth';
import type { Person } from './people';
import type { Product, SeedRun } from './seed-run';

/** Writes the person's visitors (one per device), their sessions and the events of each. */
export function generateWeb(run: SeedRun, person: Person): void {
  const deviceCount = run.rng.helpers.weightedArrayElement([
    { weight: 62, value: 1 },
    { weight: 30, value: 2 },
    { weight: 8, value: 3 },
  ]);
  const deviceTypes = run.rng.helpers.shuffle(['desktop', 'mobile', 'tablet'] as const);
  const visitors = Array.from({ length: deviceCount }, (_, i) => ({
    visitorId: run.rng.string.uuid(),
    device: deviceTypes[i % deviceTypes.length]!,
    loggedIn: false,
    evidence: -1,
  }));
  for (const visitor of visitors) visitor.evidence = run.truth.add('web', 'visitor', visitor.visitorId, person);
  run.counts.visitors += visitors.length;

  const sessionTimes = Array.from({ length: run.int(1, 9) + deviceCount - 1 }, () =>
    run.between(person.since, run.until - 3_600_000),
  ).sort((a, b) => a - b);
  const identifies = run.chance(0.65);
  const how = run.rng.helpers.weightedArrayElement([
    { weight: 55, value: 'signup' as const },
    { weight: 30, value: 'order' as const },
    { weight: 15, value: 'newsletter' as const },
  ]);
  // Identify in a later session when there is one, so the earlier ones are anonymous.
  const identifyAt = identifies ? (sessionTimes.length > 1 ? run.int(1, sessionTimes.length - 1) : 0) : -1;
  const userId = identifies && how === 'signup' ? run.uniqueId(() => `u${run.rng.string.alphanumeric({ length: 10, casing: 'lower' })}`) : undefined;

  sessionTimes.forEach((startAt, index) => {
    // Every device gets at least one session; after that, sessions land on any device.
    const visitor = index < visitors.length ? visitors[index]! : run.rng.helpers.arrayElement(visitors);
    const identified = identifyAt >= 0 && index >= identifyAt;
    const mode: 'anonymous' | 'identify' | 'known' =
      index === identifyAt ? 'identify' : identified && userId && (visitor.loggedIn || run.chance(0.6)) ? 'known' : 'anonymous';
    session(run, person, visitor, startAt, mode, how, userId, identified);
  });
}

function session(
  run: SeedRun,
  person: Person,
  visitor: { visitorId: string; device: 'desktop' | 'mobile' | 'tablet'; loggedIn: boolean; evidence: number },
  startAt: number,
  mode: 'anonymous' | 'identify' | 'known',
  how: 'signup' | 'order' | 'newsletter',
  userId: string | undefined,
  identified: boolean,
): void {
  run.counters.session += 1;
  run.counts.sessions += 1;
  const sessionId = `s${run.counters.session.toString(36).padStart(8, '0')}`;
  let at = startAt;
  const host = 'https://shop.example.com';
  const emit = (type: string, fields: Record<string, unknown> = {}): void => {
    run.counters.event += 1;
    const event: Record<string, unknown> = {
      eventId: `e${run.counters.event.toString(36).padStart(10, '0')}`,
      visitorId: visitor.visitorId,
      sessionId,
      at: run.iso(at),
      type,
    };
    if (mode === 'known' || (mode === 'identify' && visitor.loggedIn)) event.userId = userId;
    Object.assign(event, fields);
    event.device = visitor.device;
    run.truth.addKeys(visitor.evidence, identifierEvidence(person, event));
    run.out.events.line(JSON.stringify(event));
    run.counts.events += 1;
    at += run.int(5, 180) * 1000;
  };

  emit('page_view', { url: `${host}/` });
  if (mode === 'known' && !visitor.loggedIn) {
    emit('login', { email: run.writtenEmail(person.email) });
    visitor.loggedIn = run.chance(0.8);
  }
  if (mode === 'identify' && how === 'signup') {
    visitor.loggedIn = true;
    emit('signup', { email: run.writtenEmail(person.email) });
  }
  const browsing = run.int(0, 6);
  const viewed: Product[] = [];
  for (let i = 0; i < browsing; i++) {
    if (run.chance(0.25)) {
      emit('search', { url: `${host}/search?q=${encodeURIComponent(run.rng.commerce.productAdjective().toLowerCase())}` });
    } else {
      const product = run.rng.helpers.arrayElement(run.products);
      viewed.push(product);
      emit('product_view', { url: `${host}/p/${product.slug}`, sku: product.sku });
    }
  }
  if (mode === 'identify' && how === 'newsletter') emit('newsletter', { email: run.writtenEmail(person.email) });

  const guestOrder = mode === 'identify' && how === 'order';
  if (guestOrder || run.chance(0.3)) {
    const cart = viewed.length > 0 ? viewed.slice(0, run.int(1, Math.min(3, viewed.length))) : [run.rng.helpers.arrayElement(run.products)];
    for (const product of cart) emit('add_to_cart', { url: `${host}/p/${product.slug}`, sku: product.sku });
    // Orders need an email, so only people who are (or become here) identified place them.
    if (guestOrder || (identified && run.chance(0.35))) {
      const email = run.writtenEmail(person.email);
      emit('checkout', { url: `${host}/checkout`, email });
      run.counters.order += 1;
      const amount = Math.round(cart.reduce((sum, p) => sum + p.price, 0) * 100) / 100;
      emit('order', {
        url: `${host}/checkout/done`,
        email,
        orderId: `W${String(run.counters.order).padStart(9, '0')}`,
        amount,
        currency: person.country.currency,
      });
    }
  }
}
