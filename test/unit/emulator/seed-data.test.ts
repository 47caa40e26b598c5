import { SEED_CUSTOMERS, type SeedCustomer } from '../../../src/emulator/seed-data';
import { isGuid } from '../../../src/partner-center/partner-center.contract';
import { seedDocumentResponse } from '../../fixtures/seed-document';

type Json = Record<string, unknown>;

function addressOf(customer: SeedCustomer): Json {
  return (customer.profile.defaultAddress ?? {}) as Json;
}

function seedIn(country: string): SeedCustomer[] {
  return SEED_CUSTOMERS.filter((c) => addressOf(c).country === country);
}

function seedNamed(companyName: string): SeedCustomer {
  const customer = SEED_CUSTOMERS.find((c) => c.companyName === companyName);
  if (!customer) {
    throw new Error(`no seed customer named ${companyName}`);
  }
  return customer;
}

const rows = SEED_CUSTOMERS.map((c) => [c.companyName, c] as const);

describe('SEED_CUSTOMERS', () => {
  it.each(rows)('%s has GUID customer and profile ids', (_name, customer) => {
    expect(isGuid(customer.id)).toBe(true);
    expect(isGuid(customer.profile.id)).toBe(true);
  });

  it.each<[string, (c: SeedCustomer) => string]>([
    ['customer ids', (c) => c.id.toLowerCase()],
    ['profile ids', (c) => c.profile.id.toLowerCase()],
    ['domains', (c) => c.domain.toLowerCase()],
    ['company names', (c) => c.companyName],
  ])('has distinct %s', (_what, key) => {
    const values = SEED_CUSTOMERS.map(key);

    expect(new Set(values).size).toBe(values.length);
  });

  it('is a frozen list', () => {
    expect(Object.isFrozen(SEED_CUSTOMERS)).toBe(true);
  });

  it('covers US, GB, DE, JP, BR, IN and IE', () => {
    const countries = SEED_CUSTOMERS.map((c) => addressOf(c).country);

    expect(countries).toEqual(expect.arrayContaining(['US', 'GB', 'DE', 'JP', 'BR', 'IN', 'IE']));
  });

  it('starts with the seed document sample values', () => {
    const {
      links: _links,
      attributes: _attributes,
      ...profile
    } = seedDocumentResponse(SEED_CUSTOMERS[0]!.id);

    expect(SEED_CUSTOMERS[0]!.profile).toEqual(profile);
  });

  it('has customers with and without the optional region and addressLine2', () => {
    const addresses = SEED_CUSTOMERS.map(addressOf);

    expect(addresses.some((a) => a.region === undefined && a.addressLine2 === undefined)).toBe(
      true,
    );
    expect(addresses.some((a) => a.region !== undefined && a.addressLine2 !== undefined)).toBe(
      true,
    );
  });

  // Awkward but real values Partner Center stores; an update must keep them, and the gateway must
  // never refuse an update because of them. They are here on purpose: removing one loses a test.
  describe('awkward but real values', () => {
    const litware = seedNamed('Litware, Inc.');
    const litwareAddress = addressOf(litware);

    it('has a US customer with a lower-case culture, as customer-resources writes it', () => {
      expect(addressOf(litware).country).toBe('US');
      expect(litware.profile.culture).toBe('en-us');
    });

    it('has a customer without a profile first name', () => {
      expect(litware.profile).not.toHaveProperty('firstName');
      expect(litware.profile.lastName).toBe('Okafor');
    });

    it('has an address phone number with an extension', () => {
      expect(litwareAddress.phoneNumber).toBe('+1 425 555 0100 ext 12');
    });

    it("has a middle name and the swagger's address id, district and emailAddress", () => {
      expect(litwareAddress).toMatchObject({
        middleName: 'Quinn',
        district: 'King County',
        emailAddress: 'ap@litware.com',
      });
      expect(isGuid(String(litwareAddress.id))).toBe(true);
    });

    it('has properties no documentation names, a string and a nested object with an array', () => {
      expect(litware.profile.purchaseOrderReference).toBe('PO-2026-0042');
      expect(litware.profile.invoicePreferences).toEqual({
        delivery: 'email',
        copies: 2,
        languages: ['en', 'es'],
      });
    });

    it('has an Irish customer without a postal code (Ireland does not require one)', () => {
      const irish = seedIn('IE');

      expect(irish.length).toBeGreaterThan(0);
      expect(irish.some((c) => addressOf(c).postalCode === undefined)).toBe(true);
    });

    it('has a Brazilian customer without a phone number', () => {
      const brazilian = seedIn('BR');

      expect(brazilian.length).toBeGreaterThan(0);
      expect(brazilian.some((c) => addressOf(c).phoneNumber === undefined)).toBe(true);
    });
  });
});
