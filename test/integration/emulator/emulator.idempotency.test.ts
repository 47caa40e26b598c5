import { randomUUID } from 'node:crypto';

import {
  expectErrorBody,
  fetchProfile,
  seedCustomer,
  startTestEmulator,
  US_CUSTOMER,
  type TestEmulator,
} from '../../helpers/emulator-http';

const ID = US_CUSTOMER.id;

describe('emulator idempotency by MS-RequestId', () => {
  let t: TestEmulator;

  beforeEach(async () => {
    t = await startTestEmulator();
  });

  afterEach(async () => {
    await t.stop();
  });

  it('answers a repeated PUT with the original answer and applies it once', async () => {
    const { profile, request } = await fetchProfile(t.http, ID);
    request.FirstName = 'Once';
    const requestId = randomUUID();
    const first = await t.http.putProfile(ID, request, {
      etag: profile.attributes.etag,
      requestId,
    });
    expect(first.status).toBe(200);
    const stored = t.emulator.store.getProfile(ID);

    const repeat = await t.http.putProfile(ID, request, {
      etag: profile.attributes.etag,
      requestId,
    });

    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.text).toBe(first.text);
    expect(repeat.headers['ms-requestid']).toBe(requestId);
    expect(t.emulator.store.getProfile(ID)).toEqual(stored);
    expect(stored?.attributes.etag).toBe(first.body.attributes.etag);
  });

  it('answers the old etag under a new MS-RequestId with 400 code 2055 once the first PUT applied', async () => {
    const { profile, request } = await fetchProfile(t.http, ID);
    const requestId = randomUUID();
    await t.http.putProfile(ID, request, { etag: profile.attributes.etag, requestId });
    await t.http.putProfile(ID, request, { etag: profile.attributes.etag, requestId });

    const fresh = await t.http.putProfile(ID, request, { etag: profile.attributes.etag });

    expectErrorBody(fresh, 400, '2055');
  });

  it('ignores a changed body under a repeated MS-RequestId', async () => {
    const { profile, request } = await fetchProfile(t.http, ID);
    const requestId = randomUUID();
    const first = await t.http.putProfile(ID, request, {
      etag: profile.attributes.etag,
      requestId,
    });
    request.FirstName = 'Second thoughts';

    const repeat = await t.http.putProfile(ID, request, {
      etag: first.body.attributes.etag,
      requestId,
    });

    expect(repeat.body).toEqual(first.body);
    expect((await t.http.getProfile(ID)).body).toEqual(first.body);
  });

  it('repeats a business failure too: the next call must use a new MS-RequestId', async () => {
    const { profile, request } = await fetchProfile(t.http, ID);
    const requestId = randomUUID();
    const failed = await t.http.putProfile(
      ID,
      { ...request, Attributes: { Etag: 'stale' } },
      { etag: '"stale"', requestId },
    );
    expectErrorBody(failed, 400, '2055');

    const repeat = await t.http.putProfile(ID, request, {
      etag: profile.attributes.etag,
      requestId,
    });

    expectErrorBody(repeat, 400, '2055');
    expect(repeat.body).toEqual(failed.body);
    expect((await t.http.getProfile(ID)).body).toEqual(profile);
  });

  it('matches MS-RequestId case-insensitively', async () => {
    const { profile, request } = await fetchProfile(t.http, ID);
    const requestId = randomUUID();
    const first = await t.http.putProfile(ID, request, {
      etag: profile.attributes.etag,
      requestId,
    });

    const repeat = await t.http.putProfile(ID, request, {
      etag: profile.attributes.etag,
      requestId: requestId.toUpperCase(),
    });

    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(first.body);
  });

  it('keeps the MS-RequestIds of different partners (tokens) apart', async () => {
    const { profile, request } = await fetchProfile(t.http, ID);
    const requestId = randomUUID();
    const first = await t.http.putProfile(ID, request, {
      etag: profile.attributes.etag,
      requestId,
      token: 'partner-a',
    });

    const other = await t.http.putProfile(
      ID,
      { ...request, Attributes: { Etag: first.body.attributes.etag } },
      {
        etag: first.body.attributes.etag,
        requestId,
        token: 'partner-b',
      },
    );

    expect(other.status).toBe(200);
    expect(other.body.attributes.etag).not.toBe(first.body.attributes.etag);
  });

  it("never replays one customer's answer for a PUT to another customer", async () => {
    const other = seedCustomer('GB').id;
    const us = await fetchProfile(t.http, ID);
    const gb = await fetchProfile(t.http, other);
    gb.request.FirstName = 'Reused';
    const requestId = randomUUID();
    await t.http.putProfile(ID, us.request, { etag: us.profile.attributes.etag, requestId });

    const answer = await t.http.putProfile(other, gb.request, {
      etag: gb.profile.attributes.etag,
      requestId,
    });

    expect(answer.status).toBe(200);
    expect(answer.body.id).toBe(gb.profile.id);
    expect(answer.body.firstName).toBe('Reused');
    expect(t.emulator.store.getProfile(other)).toEqual(answer.body);
  });

  it('applies every PUT that carries no MS-RequestId', async () => {
    const { profile, request } = await fetchProfile(t.http, ID);
    const first = await t.http.send<{ attributes: { etag: string } }>(
      'PUT',
      `/v1/customers/${ID}/profiles/billing`,
      {
        body: request,
        headers: { 'if-match': profile.attributes.etag },
      },
    );
    expect(first.status).toBe(200);

    const second = await t.http.send('PUT', `/v1/customers/${ID}/profiles/billing`, {
      body: request,
      headers: { 'if-match': profile.attributes.etag },
    });

    expectErrorBody(second, 400, '2055');
    expect(t.emulator.store.getProfile(ID)?.attributes.etag).toBe(first.body.attributes.etag);
  });
});
