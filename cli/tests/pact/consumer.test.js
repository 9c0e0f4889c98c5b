// A pact-js consumer test: the "web" app's expectations of the "orders" provider, written
// as a V4 pact with matchers into $PACT_DIR (PACT_EXTRA=1 adds a fourth interaction). Run by cli/tests/pact_clients.rs; prints
// "CONSUMER OK" when every interaction ran against the mock server.
const assert = require('node:assert');
const path = require('node:path');
const { PactV4, MatchersV3 } = require('@pact-foundation/pact');

const { like, eachLike, regex, integer, timestamp, string } = MatchersV3;

const consumer = process.env.PACT_CONSUMER || 'web';
const provider = process.env.PACT_PROVIDER || 'orders';
const dir = process.env.PACT_DIR || path.join(__dirname, 'pacts');

async function getJson(base, p) {
  const res = await fetch(base + p, { headers: { Accept: 'application/json' } });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

async function main() {
  const pact = new PactV4({ consumer, provider, dir, logLevel: 'warn' });

  await pact
    .addInteraction()
    .given('orders exist')
    .uponReceiving('a request for all orders')
    .withRequest('GET', '/orders', (b) => b.headers({ Accept: 'application/json' }))
    .willRespondWith(200, (b) =>
      b.headers({ 'Content-Type': 'application/json' }).jsonBody(
        eachLike({
          id: integer(1),
          status: regex('^(open|shipped|cancelled)$', 'open'),
          total: like(12.5),
          createdAt: timestamp("yyyy-MM-dd'T'HH:mm:ss'Z'", '2024-01-02T03:04:05Z'),
        }),
      ),
    )
    .executeTest(async (mock) => {
      const { status, body } = await getJson(mock.url, '/orders');
      assert.strictEqual(status, 200);
      assert.ok(Array.isArray(body) && body.length >= 1);
      assert.strictEqual(typeof body[0].id, 'number');
    });

  await pact
    .addInteraction()
    .given('order 7 exists', { id: 7 })
    .uponReceiving('a request for order 7')
    .withRequest('GET', '/orders/7', (b) => b.headers({ Accept: 'application/json' }))
    .willRespondWith(200, (b) =>
      b.headers({ 'Content-Type': 'application/json' }).jsonBody({
        id: integer(7),
        status: regex('^(open|shipped|cancelled)$', 'shipped'),
        customer: like({ name: string('Ada') }),
        lines: eachLike({ sku: regex('^[A-Z]{3}-\\d+$', 'ABC-1'), quantity: integer(2) }),
      }),
    )
    .executeTest(async (mock) => {
      const { status, body } = await getJson(mock.url, '/orders/7');
      assert.strictEqual(status, 200);
      assert.strictEqual(body.id, 7);
      assert.ok(body.lines.length >= 1);
    });

  await pact
    .addInteraction()
    .given('no order 404 exists')
    .uponReceiving('a request for a missing order')
    .withRequest('GET', '/orders/404', (b) => b.headers({ Accept: 'application/json' }))
    .willRespondWith(404)
    .executeTest(async (mock) => {
      const res = await fetch(mock.url + '/orders/404', { headers: { Accept: 'application/json' } });
      assert.strictEqual(res.status, 404);
    });

  // A later consumer version needs one more endpoint: its pact differs, so the provider's
  // verification of the earlier pact does not cover it.
  if (process.env.PACT_EXTRA === '1') {
    await pact
      .addInteraction()
      .given('order 7 exists', { id: 7 })
      .uponReceiving('a request to cancel order 7')
      .withRequest('POST', '/orders/7/cancel', (b) => b.headers({ Accept: 'application/json' }))
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': 'application/json' }).jsonBody({
          id: integer(7),
          status: regex('^cancelled$', 'cancelled'),
        }),
      )
      .executeTest(async (mock) => {
        const res = await fetch(mock.url + '/orders/7/cancel', {
          method: 'POST',
          headers: { Accept: 'application/json' },
        });
        assert.strictEqual(res.status, 200);
        assert.strictEqual((await res.json()).status, 'cancelled');
      });
  }

  console.log(`CONSUMER OK ${path.join(dir, `${consumer}-${provider}.json`)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
