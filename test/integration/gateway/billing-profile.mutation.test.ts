import type { UpdateBillingProfileInput } from '../../generated/graphql';
import { toRequestBody } from '../../helpers/emulator-http';
import { postGraphQL } from '../../helpers/graphql-client';
import { useStack } from '../../helpers/start-stack';
import {
  billingPath,
  BR_CUSTOMER,
  DE_CUSTOMER,
  expectedProfile,
  GB_CUSTOMER,
  IE_CUSTOMER,
  IN_CUSTOMER,
  JP_CUSTOMER,
  LITWARE_CUSTOMER,
  readProfile,
  storedProfile,
  updateProfile,
  upstream,
  US_CUSTOMER,
} from './gateway-test-kit';

const stack = useStack();

function etagOf(customerId: string): string {
  return storedProfile(stack, customerId).attributes.etag;
}

/** The one PUT the emulator saw, its body parsed. */
function onlyPut(): { headers: Record<string, string>; body: Record<string, unknown> } {
  const puts = upstream(stack, 'PUT');
  expect(puts).toHaveLength(1);
  const put = puts[0]!;
  return { headers: put.headers, body: JSON.parse(put.body ?? 'null') as Record<string, unknown> };
}

describe('BillingProfileUpdated', () => {
  it('answers the merged profile with a new etag and stores it upstream', async () => {
    const before = storedProfile(stack, US_CUSTOMER);

    const response = await updateProfile(
      stack,
      { customerId: US_CUSTOMER, firstName: 'Ada', email: 'ada@example.com' },
      before.attributes.etag,
    );

    expect(response.errors).toBeUndefined();
    const result = response.data?.updateBillingProfile;
    expect(result?.__typename).toBe('BillingProfileUpdated');
    if (result?.__typename !== 'BillingProfileUpdated') {
      return;
    }
    const after = storedProfile(stack, US_CUSTOMER);
    expect(after.firstName).toBe('Ada');
    expect(after.email).toBe('ada@example.com');
    expect(after.attributes.etag).not.toBe(before.attributes.etag);
    expect(result.billingProfile).toEqual(expectedProfile(after));
    expect(upstream(stack).map((r) => r.method)).toEqual(['GET', 'PUT']);
  });

  it('lets a later request read the updated profile and its new etag', async () => {
    const updated = await updateProfile(
      stack,
      { customerId: GB_CUSTOMER, companyName: 'Fabrikam Europe Ltd' },
      etagOf(GB_CUSTOMER),
    );
    const result = updated.data?.updateBillingProfile;
    expect(result?.__typename).toBe('BillingProfileUpdated');

    const read = await readProfile(stack, GB_CUSTOMER);

    const profile = read.data?.customer?.billingProfile;
    expect(profile?.companyName).toBe('Fabrikam Europe Ltd');
    expect(profile?.etag).toBe(
      result?.__typename === 'BillingProfileUpdated' ? result.billingProfile.etag : undefined,
    );
  });

  it('lets a later update in the same operation see the first update without another GET', async () => {
    const etag = etagOf(US_CUSTOMER);
    const mutation = /* GraphQL */ `
      mutation Twice(
        $first: UpdateBillingProfileInput!
        $second: UpdateBillingProfileInput!
        $etag: String!
      ) {
        first: updateBillingProfile(input: $first, etag: $etag) {
          __typename
          ... on BillingProfileUpdated {
            billingProfile {
              firstName
              etag
            }
          }
        }
        second: updateBillingProfile(input: $second, etag: $etag) {
          __typename
          ... on EtagMismatch {
            currentEtag
            current {
              firstName
              etag
            }
          }
        }
      }
    `;
    type Answer = {
      first: { __typename: string; billingProfile?: { firstName: string; etag: string } };
      second: {
        __typename: string;
        currentEtag?: string;
        current?: { firstName: string; etag: string };
      };
    };

    const response = await postGraphQL<Answer, Record<string, unknown>>(
      stack.gatewayUrl,
      mutation,
      {
        first: { customerId: US_CUSTOMER, firstName: 'First' },
        second: { customerId: US_CUSTOMER, firstName: 'Second' },
        etag,
      },
    );

    expect(response.errors).toBeUndefined();
    const newEtag = etagOf(US_CUSTOMER);
    expect(response.data?.first).toEqual({
      __typename: 'BillingProfileUpdated',
      billingProfile: { firstName: 'First', etag: newEtag },
    });
    expect(response.data?.second).toEqual({
      __typename: 'EtagMismatch',
      currentEtag: newEtag,
      current: { firstName: 'First', etag: newEtag },
    });
    expect(upstream(stack).map((r) => r.method)).toEqual(['GET', 'PUT']);
    expect(storedProfile(stack, US_CUSTOMER).firstName).toBe('First');
  });
});

describe('patch semantics', () => {
  it('keeps every field the input leaves out', async () => {
    const before = storedProfile(stack, GB_CUSTOMER);

    const response = await updateProfile(
      stack,
      { customerId: GB_CUSTOMER, lastName: 'Hughes-Smith' },
      before.attributes.etag,
    );

    expect(response.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
    const after = storedProfile(stack, GB_CUSTOMER);
    const { attributes: _a, lastName: _l, ...unchangedAfter } = after;
    const { attributes: _b, lastName: _m, ...unchangedBefore } = before;
    expect(unchangedAfter).toEqual(unchangedBefore);
    expect(after.lastName).toBe('Hughes-Smith');
  });

  it('clears optional address fields sent as null and sends them upstream as null', async () => {
    const before = storedProfile(stack, GB_CUSTOMER);
    expect(before.defaultAddress).toMatchObject({ region: 'England', addressLine2: 'Floor 3' });

    const response = await updateProfile(
      stack,
      { customerId: GB_CUSTOMER, defaultAddress: { region: null, addressLine2: null } },
      before.attributes.etag,
    );

    const result = response.data?.updateBillingProfile;
    expect(result?.__typename).toBe('BillingProfileUpdated');
    if (result?.__typename === 'BillingProfileUpdated') {
      expect(result.billingProfile.defaultAddress).toMatchObject({
        region: null,
        addressLine2: null,
        city: 'London',
      });
    }
    const { region: _r, addressLine2: _l2, ...kept } = before.defaultAddress!;
    expect(storedProfile(stack, GB_CUSTOMER).defaultAddress).toEqual(kept);
    const body = onlyPut().body as { DefaultAddress: Record<string, unknown> };
    expect(body.DefaultAddress.Region).toBeNull();
    expect(body.DefaultAddress.AddressLine2).toBeNull();
  });

  it('merges a nested address patch field by field', async () => {
    const before = storedProfile(stack, GB_CUSTOMER);

    const response = await updateProfile(
      stack,
      { customerId: GB_CUSTOMER, defaultAddress: { city: 'Manchester', postalCode: 'M1 1AE' } },
      before.attributes.etag,
    );

    expect(response.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
    expect(storedProfile(stack, GB_CUSTOMER).defaultAddress).toEqual({
      ...before.defaultAddress,
      city: 'Manchester',
      postalCode: 'M1 1AE',
    });
  });

  it('sets an optional address field the profile did not have', async () => {
    const response = await updateProfile(
      stack,
      { customerId: US_CUSTOMER, defaultAddress: { addressLine2: 'Building 92' } },
      etagOf(US_CUSTOMER),
    );

    expect(response.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
    expect(storedProfile(stack, US_CUSTOMER).defaultAddress?.addressLine2).toBe('Building 92');
  });
});

describe('the PUT sent upstream', () => {
  it('carries the resource exactly as read, in PascalCase, with only the changed property overlaid', async () => {
    const before = storedProfile(stack, US_CUSTOMER);

    await updateProfile(
      stack,
      { customerId: US_CUSTOMER, firstName: 'Grace' },
      before.attributes.etag,
    );

    const { body } = onlyPut();
    expect(body).toEqual({ ...toRequestBody(before), FirstName: 'Grace' });
    expect(body.Links).toEqual({
      Self: { Uri: billingPath(US_CUSTOMER), Method: 'GET', Headers: [] },
    });
    expect(body.Attributes).toEqual({
      Etag: before.attributes.etag,
      ObjectType: 'CustomerBillingProfile',
    });
  });

  it('keeps every property it does not model: unknown ones, nested ones, and the address id, district and emailAddress', async () => {
    const before = storedProfile(stack, LITWARE_CUSTOMER);
    expect(before.purchaseOrderReference).toBeDefined();

    const response = await updateProfile(
      stack,
      { customerId: LITWARE_CUSTOMER, email: 'invoices@litware.com' },
      before.attributes.etag,
    );

    expect(response.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
    const { body } = onlyPut();
    expect(body).toEqual({ ...toRequestBody(before), Email: 'invoices@litware.com' });
    const { attributes: _a, ...after } = storedProfile(stack, LITWARE_CUSTOMER);
    const { attributes: _b, ...expected } = before;
    expect(after).toEqual({ ...expected, email: 'invoices@litware.com' });
  });

  it('names every property once, whatever the case of the change', async () => {
    await updateProfile(
      stack,
      {
        customerId: GB_CUSTOMER,
        email: 'o.hughes@fabrikam.co.uk',
        defaultAddress: { city: 'Leeds' },
      },
      etagOf(GB_CUSTOMER),
    );

    const put = upstream(stack, 'PUT')[0]!;
    expect(put.body?.match(/"email"/gi)).toHaveLength(1);
    expect(put.body?.match(/"city"/gi)).toHaveLength(1);
    expect(put.body).toContain('"Email":"o.hughes@fabrikam.co.uk"');
    expect(put.body).toContain('"City":"Leeds"');
  });

  it('goes to the billing-profile path with the etag quoted in If-Match', async () => {
    const etag = etagOf(DE_CUSTOMER);

    await updateProfile(stack, { customerId: DE_CUSTOMER, language: 'en' }, etag);

    const puts = upstream(stack, 'PUT');
    expect(puts.map((r) => r.path)).toEqual([billingPath(DE_CUSTOMER)]);
    expect(puts[0]?.headers['if-match']).toBe(`"${etag}"`);
  });
});

describe('values Partner Center already holds', () => {
  // Each of these was once refused because the gateway re-validated the stored profile.
  const cases: [string, string, Omit<UpdateBillingProfileInput, 'customerId'>][] = [
    [
      'a lower-case culture, no first name and a phone with an extension',
      LITWARE_CUSTOMER,
      { companyName: 'Litware' },
    ],
    ['an Irish address without postal code', IE_CUSTOMER, { email: 'finance@fourthcoffee.ie' }],
    [
      'a Brazilian address without phone number',
      BR_CUSTOMER,
      { email: 'financeiro@wingtip.com.br' },
    ],
  ];

  it.each(cases)('never stop an update of another field: %s', async (_name, customerId, patch) => {
    const before = storedProfile(stack, customerId);

    const response = await updateProfile(stack, { customerId, ...patch }, before.attributes.etag);

    expect(response.errors).toBeUndefined();
    expect(response.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
    expect(upstream(stack, 'PUT')).toHaveLength(1);
  });

  it('accept a country code that is not in the ISO list but that Partner Center serves (XK)', async () => {
    const response = await updateProfile(
      stack,
      { customerId: DE_CUSTOMER, defaultAddress: { country: 'XK', city: 'Prishtina' } },
      etagOf(DE_CUSTOMER),
    );

    expect(response.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
    expect(storedProfile(stack, DE_CUSTOMER).defaultAddress?.country).toBe('XK');
  });
});

describe('EtagMismatch', () => {
  it('answers the current profile for a stale etag and sends no PUT', async () => {
    const before = storedProfile(stack, US_CUSTOMER);

    const response = await updateProfile(
      stack,
      { customerId: US_CUSTOMER, firstName: 'Stale' },
      'an-etag-from-yesterday',
    );

    expect(response.errors).toBeUndefined();
    const result = response.data?.updateBillingProfile;
    expect(result).toEqual({
      __typename: 'EtagMismatch',
      message: expect.any(String) as string,
      currentEtag: before.attributes.etag,
      current: expectedProfile(before),
    });
    expect(upstream(stack).map((r) => r.method)).toEqual(['GET']);
    expect(storedProfile(stack, US_CUSTOMER)).toEqual(before);
  });

  it('answers EtagMismatch for the etag a previous update replaced', async () => {
    const oldEtag = etagOf(GB_CUSTOMER);
    await updateProfile(stack, { customerId: GB_CUSTOMER, firstName: 'Newer' }, oldEtag);
    stack.emulator.clearRequests();

    const response = await updateProfile(
      stack,
      { customerId: GB_CUSTOMER, firstName: 'Older' },
      oldEtag,
    );

    const result = response.data?.updateBillingProfile;
    expect(result?.__typename).toBe('EtagMismatch');
    if (result?.__typename === 'EtagMismatch') {
      expect(result.current.firstName).toBe('Newer');
      expect(result.currentEtag).toBe(etagOf(GB_CUSTOMER));
    }
    expect(upstream(stack, 'PUT')).toHaveLength(0);
    expect(storedProfile(stack, GB_CUSTOMER).firstName).toBe('Newer');
  });

  it("turns Partner Center's stale-etag answer (400, code 2055) for a write between our read and our PUT into EtagMismatch", async () => {
    // The emulator holds both PUTs until both writers have read the same etag and sent theirs;
    // the second PUT then reaches a changed profile and Partner Center answers 400 with code 2055.
    const gate = stack.emulator.gate({ methods: ['PUT'] });
    const etag = etagOf(US_CUSTOMER);

    const racing = Promise.all(
      ['Alpha', 'Bravo'].map((firstName) =>
        updateProfile(stack, { customerId: US_CUSTOMER, firstName }, etag),
      ),
    );
    await gate.arrived(2);
    await gate.release();
    const results = await racing;

    const outcomes = results.map((r) => r.data?.updateBillingProfile);
    expect(outcomes.map((o) => o?.__typename).sort()).toEqual([
      'BillingProfileUpdated',
      'EtagMismatch',
    ]);
    expect(upstream(stack, 'PUT')).toHaveLength(2);
    const winner = outcomes.find((o) => o?.__typename === 'BillingProfileUpdated');
    const loser = outcomes.find((o) => o?.__typename === 'EtagMismatch');
    const stored = storedProfile(stack, US_CUSTOMER);
    if (winner?.__typename === 'BillingProfileUpdated' && loser?.__typename === 'EtagMismatch') {
      expect(stored.firstName).toBe(winner.billingProfile.firstName);
      expect(loser.currentEtag).toBe(stored.attributes.etag);
      expect(loser.current).toEqual(expectedProfile(stored));
    }
  });

  it('turns a 412 from Partner Center into EtagMismatch with a fresh read', async () => {
    const before = storedProfile(stack, GB_CUSTOMER);
    stack.emulator.faults.set({ failNext: { status: 412, methods: ['PUT'] } });

    const response = await updateProfile(
      stack,
      { customerId: GB_CUSTOMER, firstName: 'Late' },
      before.attributes.etag,
    );

    const result = response.data?.updateBillingProfile;
    expect(result?.__typename).toBe('EtagMismatch');
    expect(upstream(stack).map((r) => r.method)).toEqual(['GET', 'PUT', 'GET']);
    expect(storedProfile(stack, GB_CUSTOMER)).toEqual(before);
  });
});

describe('InvalidBillingProfile', () => {
  const long51 = 'x'.repeat(51);
  const cases: [string, Omit<UpdateBillingProfileInput, 'customerId'>, string[][], string?][] = [
    ['a non-GUID customer id', {}, [['customerId']], 'not-a-guid'],
    ['an invalid email', { email: 'not-an-email' }, [['email']]],
    [
      'a three-letter country',
      { defaultAddress: { country: 'USA' } },
      [['defaultAddress', 'country']],
    ],
    ['a malformed culture', { culture: 'english' }, [['culture']]],
    ['a three-letter language', { language: 'eng' }, [['language']]],
    [
      'an address first name of 51 characters',
      { defaultAddress: { firstName: long51 } },
      [['defaultAddress', 'firstName']],
    ],
    [
      'a state of 3 characters',
      { defaultAddress: { state: 'WAS' } },
      [['defaultAddress', 'state']],
    ],
    ['a required field cleared with null', { email: null }, [['email']]],
    [
      'a required address field cleared with null',
      { defaultAddress: { addressLine1: null } },
      [['defaultAddress', 'addressLine1']],
    ],
    ['the whole address cleared with null', { defaultAddress: null }, [['defaultAddress']]],
    [
      'three problems at once',
      { email: 'nope', defaultAddress: { country: 'USA', lastName: long51 } },
      [['email'], ['defaultAddress', 'country'], ['defaultAddress', 'lastName']],
    ],
  ];

  it.each(cases)(
    'refuses %s with one FieldError per problem and no upstream request',
    async (_name, patch, paths, customerId = US_CUSTOMER) => {
      const before = storedProfile(stack, US_CUSTOMER);

      const response = await updateProfile(stack, { customerId, ...patch }, before.attributes.etag);

      expect(response.errors).toBeUndefined();
      const result = response.data?.updateBillingProfile;
      expect(result?.__typename).toBe('InvalidBillingProfile');
      if (result?.__typename !== 'InvalidBillingProfile') {
        return;
      }
      expect(result.fieldErrors.map((e) => e.path).sort()).toEqual([...paths].sort());
      for (const error of result.fieldErrors) {
        expect(error.message).toContain(error.path.at(-1));
      }
      expect(result.message).not.toBe('');
      expect(upstream(stack)).toHaveLength(0);
      expect(storedProfile(stack, US_CUSTOMER)).toEqual(before);
    },
  );

  it('checks no rule without a source: any profile name, a long company name, an unusual email', async () => {
    const response = await updateProfile(
      stack,
      {
        customerId: US_CUSTOMER,
        firstName: long51,
        lastName: null,
        companyName: 'C'.repeat(300),
        email: "o'brien+billing@example.museum",
      },
      etagOf(US_CUSTOMER),
    );

    expect(response.data?.updateBillingProfile.__typename).toBe('BillingProfileUpdated');
  });

  it('refuses an empty etag without any upstream request', async () => {
    const response = await updateProfile(stack, { customerId: US_CUSTOMER, firstName: 'X' }, '');

    const result = response.data?.updateBillingProfile;
    expect(result?.__typename).toBe('InvalidBillingProfile');
    if (result?.__typename === 'InvalidBillingProfile') {
      expect(result.fieldErrors.map((e) => e.path)).toEqual([['etag']]);
    }
    expect(upstream(stack)).toHaveLength(0);
  });

  const countryCases: [string, string, UpdateBillingProfileInput['defaultAddress'], string[]][] = [
    [
      'the postal code cleared in the US',
      US_CUSTOMER,
      { postalCode: null },
      ['defaultAddress', 'postalCode'],
    ],
    [
      'a postal code that is not a US one',
      US_CUSTOMER,
      { postalCode: 'EC2A 1AF' },
      ['defaultAddress', 'postalCode'],
    ],
    ['a state that is not a US one', US_CUSTOMER, { state: 'XX' }, ['defaultAddress', 'state']],
    [
      'a phone number the US rules do not allow',
      US_CUSTOMER,
      { phoneNumber: 'call me' },
      ['defaultAddress', 'phoneNumber'],
    ],
    [
      'a German postal code given with a move to India',
      DE_CUSTOMER,
      { country: 'IN', state: 'KA', postalCode: '80807' },
      ['defaultAddress', 'postalCode'],
    ],
  ];

  it.each(countryCases)(
    "refuses %s by the country's published rules, without a PUT",
    async (_name, customerId, defaultAddress, path) => {
      const before = storedProfile(stack, customerId);

      const response = await updateProfile(
        stack,
        { customerId, defaultAddress },
        before.attributes.etag,
      );

      const result = response.data?.updateBillingProfile;
      expect(result?.__typename).toBe('InvalidBillingProfile');
      if (result?.__typename === 'InvalidBillingProfile') {
        expect(result.fieldErrors.map((e) => e.path)).toEqual([path]);
      }
      expect(upstream(stack, 'PUT')).toHaveLength(0);
      expect(storedProfile(stack, customerId)).toEqual(before);
    },
  );

  it("fetches a country's rules once and reuses them for later updates", async () => {
    await updateProfile(
      stack,
      { customerId: JP_CUSTOMER, defaultAddress: { postalCode: 'x' } },
      etagOf(JP_CUSTOMER),
    );
    await updateProfile(
      stack,
      { customerId: JP_CUSTOMER, defaultAddress: { postalCode: 'y' } },
      etagOf(JP_CUSTOMER),
    );

    const rulesReads = upstream(stack, 'GET').filter((r) =>
      r.path.startsWith('/v1/countryvalidationrules/'),
    );
    expect(rulesReads.map((r) => r.path)).toEqual(['/v1/countryvalidationrules/JP']);
  });

  const phoneCases: [string, string, UpdateBillingProfileInput['defaultAddress']][] = [
    ['the phone number cleared in India', IN_CUSTOMER, { phoneNumber: null }],
    [
      'a move to Brazil without a phone number',
      DE_CUSTOMER,
      { country: 'BR', state: 'SP', postalCode: '01000-000' },
    ],
  ];

  it.each(phoneCases)(
    'leaves %s to Partner Center and shows its 600051 refusal at the phone number',
    async (_name, customerId, defaultAddress) => {
      const before = storedProfile(stack, customerId);

      const response = await updateProfile(
        stack,
        { customerId, defaultAddress },
        before.attributes.etag,
      );

      const result = response.data?.updateBillingProfile;
      expect(result?.__typename).toBe('InvalidBillingProfile');
      if (result?.__typename === 'InvalidBillingProfile') {
        expect(result.fieldErrors.map((e) => e.path)).toEqual([['defaultAddress', 'phoneNumber']]);
        expect(result.message).toMatch(/phone number is missing/i);
      }
      expect(upstream(stack, 'PUT')).toHaveLength(1);
      expect(storedProfile(stack, customerId)).toEqual(before);
    },
  );
});
