import {
  expectErrorBody,
  fetchProfile,
  requestAddress,
  seedCustomer,
  startTestEmulator,
  US_CUSTOMER,
  type RequestJson,
  type TestEmulator,
} from '../../helpers/emulator-http';

/** Seed customers holding awkward but real values (seed-data.ts). */
const LITWARE_ID = '6eb05fa8-d351-4f91-af53-5c8f9a0b1c23';
const IRELAND_ID = seedCustomer('IE').id;
const BRAZIL_ID = seedCustomer('BR').id;

type Edit = (body: RequestJson) => void;

const setAddress =
  (values: Record<string, unknown>): Edit =>
  (body) =>
    Object.assign(requestAddress(body), values);

describe('emulator validation of what a PUT changes', () => {
  let t: TestEmulator;

  beforeAll(async () => {
    t = await startTestEmulator();
  });

  beforeEach(() => {
    t.emulator.reset();
  });

  afterAll(async () => {
    await t.stop();
  });

  async function put(customerId: string, edit: Edit) {
    const { profile, request } = await fetchProfile(t.http, customerId);
    edit(request);
    const answer = await t.http.putProfile(customerId, request, { etag: profile.attributes.etag });
    return { profile, answer };
  }

  describe('refused changes', () => {
    it.each<[string, string, Edit, string]>([
      // Documented limits (create-a-customer, utility-resources).
      ['a malformed Email', 'US', (b) => (b.Email = 'not-an-email'), 'Email'],
      ['an Email with a space', 'US', (b) => (b.Email = 'ada @contoso.com'), 'Email'],
      ['a cleared Email', 'US', (b) => (b.Email = null), 'Email'],
      ['an Email that is not a string', 'US', (b) => (b.Email = 42), 'Email'],
      ['a malformed Culture', 'US', (b) => (b.Culture = 'english'), 'Culture'],
      ['a cleared Culture', 'US', (b) => (b.Culture = ''), 'Culture'],
      ['a three-letter Language', 'US', (b) => (b.Language = 'eng'), 'Language'],
      ['a cleared CompanyName', 'US', (b) => (b.CompanyName = null), 'CompanyName'],
      [
        'an address FirstName over 50 characters',
        'US',
        setAddress({ FirstName: 'x'.repeat(51) }),
        'DefaultAddress.FirstName',
      ],
      [
        'a cleared address FirstName',
        'US',
        setAddress({ FirstName: null }),
        'DefaultAddress.FirstName',
      ],
      [
        'an address LastName over 50 characters',
        'US',
        setAddress({ LastName: 'x'.repeat(51) }),
        'DefaultAddress.LastName',
      ],
      [
        'a MiddleName over 50 characters',
        'US',
        setAddress({ MiddleName: 'x'.repeat(51) }),
        'DefaultAddress.MiddleName',
      ],
      [
        'an AddressLine1 over 200 characters',
        'US',
        setAddress({ AddressLine1: 'a'.repeat(201) }),
        'DefaultAddress.AddressLine1',
      ],
      [
        'a cleared AddressLine1',
        'US',
        setAddress({ AddressLine1: null }),
        'DefaultAddress.AddressLine1',
      ],
      [
        'an AddressLine2 over 200 characters',
        'GB',
        setAddress({ AddressLine2: 'a'.repeat(201) }),
        'DefaultAddress.AddressLine2',
      ],
      ['a State over 2 characters', 'GB', setAddress({ State: 'LND' }), 'DefaultAddress.State'],
      ['a three-letter Country', 'US', setAddress({ Country: 'USA' }), 'DefaultAddress.Country'],
      ['a Country with a digit', 'US', setAddress({ Country: 'U1' }), 'DefaultAddress.Country'],
      ['a cleared Country', 'US', setAddress({ Country: null }), 'DefaultAddress.Country'],
      ['a City that is not a string', 'US', setAddress({ City: 7 }), 'DefaultAddress.City'],
      // The rules each country publishes (GET /v1/countryvalidationrules/{iso2}).
      [
        'a cleared PostalCode in the US',
        'US',
        setAddress({ PostalCode: null }),
        'DefaultAddress.PostalCode',
      ],
      [
        'a four-digit PostalCode in the US',
        'US',
        setAddress({ PostalCode: '9805' }),
        'DefaultAddress.PostalCode',
      ],
      [
        'a malformed PostalCode in GB',
        'GB',
        setAddress({ PostalCode: 'LONDON' }),
        'DefaultAddress.PostalCode',
      ],
      [
        'a four-digit PostalCode in DE',
        'DE',
        setAddress({ PostalCode: '8080' }),
        'DefaultAddress.PostalCode',
      ],
      [
        'a five-digit PostalCode in IN',
        'IN',
        setAddress({ PostalCode: '56007' }),
        'DefaultAddress.PostalCode',
      ],
      ['a State not on the US list', 'US', setAddress({ State: 'ZZ' }), 'DefaultAddress.State'],
      ['a cleared State in the US', 'US', setAddress({ State: null }), 'DefaultAddress.State'],
      ['a State not on the BR list', 'BR', setAddress({ State: 'XX' }), 'DefaultAddress.State'],
      ['a cleared City in the US', 'US', setAddress({ City: null }), 'DefaultAddress.City'],
      ['a cleared City in JP', 'JP', setAddress({ City: '' }), 'DefaultAddress.City'],
      [
        'a PhoneNumber that is not a US number',
        'US',
        setAddress({ PhoneNumber: '555-CALL-NOW' }),
        'DefaultAddress.PhoneNumber',
      ],
    ])(
      'answers %s (%s) with 400 code 3000 naming %s, and stores nothing',
      async (_problem, country, edit, field) => {
        const id = seedCustomer(country).id;

        const { profile, answer } = await put(id, edit);

        const body = expectErrorBody(answer, 400, '3000');
        expect(body.data).toEqual(
          expect.arrayContaining([{ field, message: expect.stringContaining(field) as unknown }]),
        );
        expect(new Set(body.data?.map((d) => (d as { field: string }).field))).toEqual(
          new Set([field]),
        );
        expect((await t.http.getProfile(id)).body).toEqual(profile);
      },
    );

    it('lists every problem of one body in data and in the description', async () => {
      const { profile, answer } = await put(US_CUSTOMER.id, (b) => {
        b.Email = 'nope';
        setAddress({ FirstName: 'x'.repeat(51), PostalCode: null, State: 'ZZ' })(b);
      });

      const body = expectErrorBody(answer, 400, '3000');
      const data = (body.data ?? []) as { field: string; message: string }[];
      expect(data.map((d) => d.field).sort()).toEqual([
        'DefaultAddress.FirstName',
        'DefaultAddress.PostalCode',
        'DefaultAddress.State',
        'Email',
      ]);
      for (const { message } of data) {
        expect(body.description).toContain(message);
      }
      expect((await t.http.getProfile(US_CUSTOMER.id)).body).toEqual(profile);
    });

    it('names a problem in PascalCase whatever casing the request used', async () => {
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
      const { Email: _email, ...rest } = request;

      const answer = await t.http.putProfile(
        US_CUSTOMER.id,
        { ...rest, email: 'nope' },
        { etag: profile.attributes.etag },
      );

      expect(expectErrorBody(answer, 400, '3000').data).toEqual([
        { field: 'Email', message: expect.any(String) as unknown },
      ]);
    });

    it('counts a property missing from the body as null: leaving out Email clears it, which is refused', async () => {
      const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);
      const { Email: _email, ...withoutEmail } = request;

      const answer = await t.http.putProfile(US_CUSTOMER.id, withoutEmail, {
        etag: profile.attributes.etag,
      });

      expect(expectErrorBody(answer, 400, '3000').data).toEqual([
        { field: 'Email', message: expect.any(String) as unknown },
      ]);
    });

    it.each<[string, (body: RequestJson) => Record<string, unknown>]>([
      ['a null DefaultAddress', (b) => ({ ...b, DefaultAddress: null })],
      ['no DefaultAddress', ({ DefaultAddress: _a, ...rest }) => rest],
    ])(
      'refuses %s with 400 code 3000, as it clears the required address lines, and keeps the address',
      async (_case, edit) => {
        const { profile, request } = await fetchProfile(t.http, US_CUSTOMER.id);

        const answer = await t.http.putProfile(US_CUSTOMER.id, edit(request), {
          etag: profile.attributes.etag,
        });

        const body = expectErrorBody(answer, 400, '3000');
        for (const entry of (body.data ?? []) as { field: string }[]) {
          expect(entry.field).toMatch(/^DefaultAddress/);
        }
        expect((await t.http.getProfile(US_CUSTOMER.id)).body).toEqual(profile);
      },
    );
  });

  describe('accepted changes', () => {
    it.each<[string, string, Edit]>([
      ['a Culture in any case', 'US', (b) => (b.Culture = 'EN-us')],
      ['a Language in upper case', 'US', (b) => (b.Language = 'ES')],
      [
        'a profile FirstName of any length (no documented rule)',
        'US',
        (b) => (b.FirstName = 'x'.repeat(80)),
      ],
      ['a cleared profile LastName (no documented rule)', 'US', (b) => (b.LastName = null)],
      [
        'an address FirstName of exactly 50 characters',
        'US',
        setAddress({ FirstName: 'x'.repeat(50) }),
      ],
      ['an empty MiddleName', 'US', setAddress({ MiddleName: '' })],
      ['a MiddleName of 50 characters', 'US', setAddress({ MiddleName: 'm'.repeat(50) })],
      ['an AddressLine1 of 200 characters', 'US', setAddress({ AddressLine1: 'a'.repeat(200) })],
      ['an AddressLine2 of 200 characters', 'US', setAddress({ AddressLine2: 'a'.repeat(200) })],
      [
        'an AddressLine3 of any length (no documented rule)',
        'US',
        setAddress({ AddressLine3: 'a'.repeat(300) }),
      ],
      ['a ZIP+4 PostalCode in the US', 'US', setAddress({ PostalCode: '98052-6399' })],
      ['a US State in lower case', 'US', setAddress({ State: 'or' })],
      ['DC, on the US state list', 'US', setAddress({ State: 'DC' })],
      ['a US PhoneNumber with dashes', 'US', setAddress({ PhoneNumber: '425-555-0100' })],
      ['a cleared PhoneNumber in the US', 'US', setAddress({ PhoneNumber: null })],
      [
        'any PhoneNumber in GB (no published pattern)',
        'GB',
        setAddress({ PhoneNumber: '+44 (0)20 7946 0000 ext. 9' }),
      ],
      ['a State in GB (not required, no list)', 'GB', setAddress({ State: 'ZZ' })],
      ['a GB PostalCode in lower case', 'GB', setAddress({ PostalCode: 'sw1a 1aa' })],
      ['a JP PostalCode without the dash', 'JP', setAddress({ PostalCode: '1080075' })],
      ['a cleared PostalCode in IE (not required)', 'IE', setAddress({ PostalCode: null })],
      ['a real Eircode as the IE PostalCode', 'IE', setAddress({ PostalCode: 'D02 X285' })],
      [
        'an unknown Country of the right shape (no published rules)',
        'US',
        setAddress({ Country: 'XK' }),
      ],
    ])('accepts %s (%s)', async (_change, country, edit) => {
      const { answer } = await put(seedCustomer(country).id, edit);

      expect(answer.status).toBe(200);
    });

    it.each<[string, Record<string, unknown>]>([
      ['GB', { Country: 'GB', State: null, PostalCode: 'EC2A 1AF', City: 'London' }],
      ['DE', { Country: 'DE', State: null, PostalCode: '80807', City: 'München' }],
      ['FR', { Country: 'FR', State: null, PostalCode: '75001', City: 'Paris' }],
      ['JP', { Country: 'JP', State: null, PostalCode: '108-0075', City: '港区' }],
      ['IE', { Country: 'IE', State: null, PostalCode: null, City: 'Galway' }],
      ['IN', { Country: 'IN', State: 'KA', PostalCode: '560071', City: 'Bengaluru' }],
      ['BR', { Country: 'BR', State: 'SP', PostalCode: '04543-011', City: 'São Paulo' }],
      ['CA', { Country: 'CA', State: 'ON', PostalCode: 'M5V 3L9', City: 'Toronto' }],
      ['AU', { Country: 'AU', State: null, PostalCode: '2000', City: 'Sydney' }],
    ])(
      'accepts moving the US customer to %s with an address that follows its published rules',
      async (country, values) => {
        const { answer } = await put(US_CUSTOMER.id, setAddress(values));

        expect(answer.status).toBe(200);
        expect(answer.body.defaultAddress?.country).toBe(country);
      },
    );

    it('judges a changed address by the rules of the country it moves to', async () => {
      const { answer } = await put(
        US_CUSTOMER.id,
        setAddress({ Country: 'DE', State: null, PostalCode: '98052-6399' }),
      );

      const body = expectErrorBody(answer, 400, '3000');
      expect(body.data).toEqual([
        {
          field: 'DefaultAddress.PostalCode',
          message: expect.stringContaining('DE') as unknown,
        },
      ]);
    });
  });

  describe('stored values are never judged again', () => {
    it('accepts a PUT to the Litware customer that changes only Email, and keeps every other property', async () => {
      const { profile, request } = await fetchProfile(t.http, LITWARE_ID);
      // What makes Litware awkward: each of these would be refused if the PUT set it.
      expect(profile).not.toHaveProperty('firstName');
      expect(profile.culture).toBe('en-us');
      expect(profile.defaultAddress).toEqual(
        expect.objectContaining({
          phoneNumber: '+1 425 555 0100 ext 12',
          middleName: 'Quinn',
          id: expect.any(String) as unknown,
          district: 'King County',
          emailAddress: 'ap@litware.com',
        }),
      );
      expect(profile).toEqual(
        expect.objectContaining({
          purchaseOrderReference: 'PO-2026-0042',
          invoicePreferences: { delivery: 'email', copies: 2, languages: ['en', 'es'] },
        }),
      );
      request.Email = 'ap-new@litware.com';

      const answer = await t.http.putProfile(LITWARE_ID, request, {
        etag: profile.attributes.etag,
      });

      expect(answer.status).toBe(200);
      const { attributes: _before, ...expected } = profile;
      expect(answer.body).toEqual({
        ...expected,
        email: 'ap-new@litware.com',
        attributes: { etag: expect.any(String) as unknown, objectType: 'CustomerBillingProfile' },
      });
      expect((await t.http.getProfile(LITWARE_ID)).body).toEqual(answer.body);
    });

    it('still judges the Litware phone number once a PUT changes it', async () => {
      const { profile, answer } = await put(
        LITWARE_ID,
        setAddress({ PhoneNumber: '+1 425 555 0199 ext 3' }),
      );

      expect(expectErrorBody(answer, 400, '3000').data).toEqual([
        { field: 'DefaultAddress.PhoneNumber', message: expect.any(String) as unknown },
      ]);
      expect((await t.http.getProfile(LITWARE_ID)).body).toEqual(profile);
    });

    it.each<[string, string, string]>([
      ['Irish customer without a postal code', IRELAND_ID, 'postalCode'],
      ['Brazilian customer without a phone number', BRAZIL_ID, 'phoneNumber'],
    ])(
      'accepts a PUT to the %s that changes only Email, and keeps the rest',
      async (_customer, id, missing) => {
        const { profile, request } = await fetchProfile(t.http, id);
        expect(profile.defaultAddress).not.toHaveProperty(missing);
        request.Email = 'changed@example.com';

        const answer = await t.http.putProfile(id, request, { etag: profile.attributes.etag });

        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({
          ...profile,
          email: 'changed@example.com',
          attributes: expect.objectContaining({ objectType: 'CustomerBillingProfile' }) as unknown,
        });
      },
    );

    it('accepts a PUT to the Japanese customer, whose address has no names, that changes only City', async () => {
      const id = seedCustomer('JP').id;

      const { profile, answer } = await put(id, setAddress({ City: '品川区' }));

      expect(profile.defaultAddress).not.toHaveProperty('firstName');
      expect(answer.status).toBe(200);
      expect(answer.body.defaultAddress).toEqual({ ...profile.defaultAddress, city: '品川区' });
    });
  });

  describe('a phone number where the country requires one (code 600051)', () => {
    it.each<[string, unknown]>([
      ['null', null],
      ['an empty string', ''],
    ])(
      'answers a PUT that clears the Indian phone number with %s with 400 code 600051, and stores nothing',
      async (_how, value) => {
        const id = seedCustomer('IN').id;

        const { profile, answer } = await put(id, setAddress({ PhoneNumber: value }));

        const body = expectErrorBody(answer, 400, '600051');
        expect(body.description).toMatch(/phone/i);
        expect((await t.http.getProfile(id)).body).toEqual(profile);
      },
    );

    it('answers a move to a phone-required country without a phone with 400 code 600051', async () => {
      const id = seedCustomer('DE').id;

      const { profile, answer } = await put(
        id,
        setAddress({ Country: 'BR', State: 'SP', PostalCode: '01310-100', City: 'São Paulo' }),
      );

      expect(profile.defaultAddress).not.toHaveProperty('phoneNumber');
      expectErrorBody(answer, 400, '600051');
      expect((await t.http.getProfile(id)).body).toEqual(profile);
    });

    it('accepts a move to a phone-required country when the phone number stays', async () => {
      const { profile, answer } = await put(
        US_CUSTOMER.id,
        setAddress({ Country: 'IN', State: 'KA', PostalCode: '560071', City: 'Bengaluru' }),
      );

      expect(answer.status).toBe(200);
      expect(answer.body.defaultAddress?.phoneNumber).toBe(profile.defaultAddress?.phoneNumber);
      expect(profile.defaultAddress?.phoneNumber).toBeTruthy();
    });

    it('accepts a PUT to the Brazilian customer whose phone was already missing and is not changed', async () => {
      const { answer } = await put(BRAZIL_ID, setAddress({ City: 'Campinas' }));

      expect(answer.status).toBe(200);
      expect(answer.body.defaultAddress).not.toHaveProperty('phoneNumber');
    });

    it('accepts clearing the phone number in a country that does not require one (GB)', async () => {
      const { answer } = await put(seedCustomer('GB').id, setAddress({ PhoneNumber: null }));

      expect(answer.status).toBe(200);
    });
  });
});
