import { SEED_CUSTOMERS } from '../../../src/emulator/seed-data';
import { validateBillingProfile } from '../../../src/partner-center/billing-profile.rules';
import { isGuid } from '../../../src/partner-center/partner-center.contract';

describe('SEED_CUSTOMERS', () => {
  it.each(SEED_CUSTOMERS.map((c) => [c.companyName, c] as const))(
    '%s passes validateBillingProfile',
    (_name, customer) => {
      expect(validateBillingProfile(customer.profile)).toEqual([]);
    },
  );

  it.each(SEED_CUSTOMERS.map((c) => [c.companyName, c] as const))(
    '%s has GUID customer and profile ids',
    (_name, customer) => {
      expect(isGuid(customer.id)).toBe(true);
      expect(isGuid(customer.profile.id)).toBe(true);
    },
  );

  it('has distinct customer ids', () => {
    const ids = SEED_CUSTOMERS.map((c) => c.id.toLowerCase());

    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers at least US, GB, DE, JP and BR', () => {
    const countries = SEED_CUSTOMERS.map((c) => c.profile.defaultAddress?.country);

    expect(countries).toEqual(expect.arrayContaining(['US', 'GB', 'DE', 'JP', 'BR']));
  });

  it('has customers with and without the optional region and addressLine2', () => {
    const addresses = SEED_CUSTOMERS.map((c) => c.profile.defaultAddress ?? {});

    expect(addresses.some((a) => a.region === undefined && a.addressLine2 === undefined)).toBe(
      true,
    );
    expect(addresses.some((a) => a.region !== undefined && a.addressLine2 !== undefined)).toBe(
      true,
    );
  });
});
