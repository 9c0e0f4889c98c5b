// The "orders" provider the pact-js consumer test describes: a node http server on
// 127.0.0.1:$PORT (0 picks a free port; the address is printed as "PROVIDER LISTENING <port>").
// With BREAK_CONTRACT=1 it renames a field the consumer relies on, so verifying the pact
// against it fails. POST /_pact/provider-states accepts the verifier's state changes.
const http = require('node:http');

const broken = process.env.BREAK_CONTRACT === '1';
let orders = [];

function order(id) {
  const o = {
    id,
    status: 'shipped',
    total: 12.5,
    createdAt: '2024-01-02T03:04:05Z',
    customer: { name: 'Ada' },
    lines: [{ sku: 'ABC-1', quantity: 2 }],
  };
  if (broken) {
    // The consumer needs `status`; a provider that ships `state` instead breaks it.
    o.state = o.status;
    delete o.status;
  }
  return o;
}

function send(res, status, body) {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/_pact/provider-states') {
      const change = raw ? JSON.parse(raw) : {};
      if (change.action !== 'teardown') {
        if (change.state === 'orders exist') orders = [order(1), order(2)];
        else if (change.state === 'order 7 exists') orders = [order(Number(change.params?.id ?? 7))];
        else if (change.state === 'no order 404 exists') orders = [];
      }
      return send(res, 200, {});
    }
    if (req.method === 'GET' && url.pathname === '/orders') return send(res, 200, orders);
    const c = url.pathname.match(/^\/orders\/(\d+)\/cancel$/);
    if (req.method === 'POST' && c) {
      const found = orders.find((o) => o.id === Number(c[1]));
      if (!found) return send(res, 404);
      const key = broken ? 'state' : 'status';
      return send(res, 200, { id: found.id, [key]: 'cancelled' });
    }
    const m = url.pathname.match(/^\/orders\/(\d+)$/);
    if (req.method === 'GET' && m) {
      const found = orders.find((o) => o.id === Number(m[1]));
      return found ? send(res, 200, found) : send(res, 404);
    }
    send(res, 404);
  });
});

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log(`PROVIDER LISTENING ${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
