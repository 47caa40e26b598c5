import { randomUUID } from 'node:crypto';

import {
  expectErrorBody,
  startTestEmulator,
  US_CUSTOMER,
  type SendOptions,
  type TestEmulator,
} from '../../helpers/emulator-http';

const UNKNOWN_ID = '9e9e9e9e-0000-4000-8000-000000000000';
const billing = (id: string): string => `/v1/customers/${id}/profiles/billing`;

describe('emulator error answers', () => {
  let t: TestEmulator;

  beforeAll(async () => {
    t = await startTestEmulator();
  });

  afterAll(async () => {
    await t.stop();
  });

  it.each<[string, string, string, SendOptions, number, string]>([
    ['a non-GUID customer id', 'GET', '/v1/customers/not-a-guid', {}, 400, '800002'],
    ['a non-GUID id on the billing path', 'GET', billing('12345'), {}, 400, '800002'],
    ['a non-GUID id on PUT', 'PUT', billing('contoso'), { body: '{}' }, 400, '800002'],
    ['a malformed percent-encoded id', 'GET', '/v1/customers/%E0%A4%A', {}, 400, '800002'],
    [
      'a malformed percent-encoded id on the billing path',
      'GET',
      billing('%zz'),
      {},
      400,
      '800002',
    ],
    ['an unknown customer', 'GET', `/v1/customers/${UNKNOWN_ID}`, {}, 404, '60003'],
    ['an unknown customer on the billing path', 'GET', billing(UNKNOWN_ID), {}, 404, '60003'],
    [
      'an unknown customer on PUT',
      'PUT',
      billing(UNKNOWN_ID),
      { body: '{}', headers: { 'if-match': 'x' } },
      404,
      '60003',
    ],
    ['an unknown path', 'GET', '/v1/orders', {}, 404, '1000'],
    ['a bad page size', 'GET', '/v1/customers?size=0', {}, 400, '800002'],
    ['a missing bearer token', 'GET', billing(US_CUSTOMER.id), { token: null }, 401, '400'],
  ])(
    'answers %s (%s) with the documented error body',
    async (_situation, method, path, options, status, code) => {
      const answer = await t.http.send(method, path, options);

      const body = expectErrorBody(answer, status, code);
      expect(Object.keys(body).sort()).toEqual(['code', 'description', 'source']);
    },
  );

  it('answers a non-GUID id with source PartnerFD before looking the customer up', async () => {
    const answer = await t.http.send('GET', billing(`${US_CUSTOMER.id}x`));

    expect(expectErrorBody(answer, 400, '800002').source).toBe('PartnerFD');
  });

  it('finds a customer whatever the casing of its GUID', async () => {
    const answer = await t.http.send('GET', billing(US_CUSTOMER.id.toUpperCase()));

    expect(answer.status).toBe(200);
  });

  it('answers 401 with WWW-Authenticate: Bearer', async () => {
    const answer = await t.http.send('GET', billing(US_CUSTOMER.id), { token: null });

    expectErrorBody(answer, 401, '400');
    expect(answer.headers['www-authenticate']).toBe('Bearer');
  });

  it.each(['text/html', 'application/xml', 'text/*'])(
    'answers Accept: %s with 406',
    async (accept) => {
      const answer = await t.http.send('GET', billing(US_CUSTOMER.id), {
        headers: { accept },
      });

      expectErrorBody(answer, 406, '800002');
    },
  );

  it.each(['application/json', '*/*', 'application/*', 'text/html, application/json;q=0.9'])(
    'serves Accept: %s',
    async (accept) => {
      const answer = await t.http.send('GET', billing(US_CUSTOMER.id), { headers: { accept } });

      expect(answer.status).toBe(200);
    },
  );

  it.each<[string, string, string]>([
    ['DELETE', billing(US_CUSTOMER.id), 'GET, PUT'],
    ['POST', billing(US_CUSTOMER.id), 'GET, PUT'],
    ['PATCH', billing(US_CUSTOMER.id), 'GET, PUT'],
    ['DELETE', `/v1/customers/${US_CUSTOMER.id}`, 'GET'],
    ['POST', '/v1/customers', 'GET'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const answer = await t.http.send(method, path);

    expectErrorBody(answer, 405, '800002');
    expect(answer.headers.allow).toBe(allow);
  });

  it('echoes MS-CorrelationId and MS-RequestId on error answers', async () => {
    const correlationId = randomUUID();
    const requestId = randomUUID();

    const answer = await t.http.send('GET', billing(UNKNOWN_ID), {
      headers: { 'ms-correlationid': correlationId, 'ms-requestid': requestId },
    });

    expect(answer.status).toBe(404);
    expect(answer.headers['ms-correlationid']).toBe(correlationId);
    expect(answer.headers['ms-requestid']).toBe(requestId);
  });

  it('invents MS-CorrelationId and MS-RequestId when the caller sends none', async () => {
    const answer = await t.http.send('GET', billing(US_CUSTOMER.id));

    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(answer.headers['ms-correlationid']).toMatch(guid);
    expect(answer.headers['ms-requestid']).toMatch(guid);
  });
});
