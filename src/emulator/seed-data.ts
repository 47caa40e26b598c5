import type { JsonObject } from '../partner-center/partner-center.dto';

/** A stored billing profile: camelCase, any property Partner Center may hold (without links or etag). */
export type StoredProfile = JsonObject & { id: string };

/** A seeded customer: tenant facts plus the billing profile. */
export interface SeedCustomer {
  id: string;
  domain: string;
  companyName: string;
  profile: StoredProfile;
}

/**
 * Deterministic sample customers: varied countries (US, GB, DE, JP, BR, IN, IE), some without the
 * optional region or addressLine2; the first uses the sample values of the seed document. Some hold
 * values that are awkward but real, which Partner Center stores and an update must keep: a lower-case
 * culture (customer-resources writes en-us), no profile first name, no postal code where the country
 * does not require one, no phone in Brazil, a phone with an extension, a middle name, the swagger's
 * address id, district and emailAddress, and properties no documentation names yet.
 */
export const SEED_CUSTOMERS: readonly SeedCustomer[] = Object.freeze([
  {
    id: '0c39d6d5-c70d-4c55-bc02-f620844f3fd1',
    domain: 'contoso.onmicrosoft.com',
    companyName: 'CompanyName',
    profile: {
      id: 'a58ceba5-60ac-48e4-a0bc-2a855811807a',
      firstName: 'FirstName',
      lastName: 'LastName',
      email: 'email@sample.com',
      culture: 'en-US',
      language: 'en',
      companyName: 'companyName',
      defaultAddress: {
        country: 'US',
        city: 'Redmond',
        state: 'WA',
        addressLine1: 'One Microsoft Way',
        postalCode: '98052',
        firstName: 'FirstName',
        lastName: 'LastName',
        phoneNumber: '4255555555',
      },
    },
  },
  {
    id: '1f6b0a53-8e0c-4b4c-9a0e-0d3a4b5c6d7e',
    domain: 'fabrikamuk.onmicrosoft.com',
    companyName: 'Fabrikam UK Ltd',
    profile: {
      id: 'b1e2c3d4-0001-4a5b-8c9d-0e1f2a3b4c5d',
      firstName: 'Olivia',
      lastName: 'Hughes',
      email: 'olivia.hughes@fabrikam.co.uk',
      culture: 'en-GB',
      language: 'en',
      companyName: 'Fabrikam UK Ltd',
      defaultAddress: {
        country: 'GB',
        region: 'England',
        city: 'London',
        addressLine1: '10 Finsbury Square',
        addressLine2: 'Floor 3',
        postalCode: 'EC2A 1AF',
        firstName: 'Olivia',
        lastName: 'Hughes',
        phoneNumber: '+44 20 7946 0000',
      },
    },
  },
  {
    id: '2a7c1b64-9f1d-4c5d-8b1f-1e4b5c6d7e8f',
    domain: 'adatumde.onmicrosoft.com',
    companyName: 'Adatum GmbH',
    profile: {
      id: 'b1e2c3d4-0002-4a5b-8c9d-0e1f2a3b4c5d',
      firstName: 'Jürgen',
      lastName: 'Schäfer',
      email: 'j.schaefer@adatum.de',
      culture: 'de-DE',
      language: 'de',
      companyName: 'Adatum GmbH',
      defaultAddress: {
        country: 'DE',
        city: 'München',
        addressLine1: 'Walter-Gropius-Straße 5',
        postalCode: '80807',
        firstName: 'Jürgen',
        lastName: 'Schäfer',
      },
    },
  },
  {
    id: '3b8d2c75-a02e-4d6e-9c20-2f5c6d7e8f90',
    domain: 'tailspinjp.onmicrosoft.com',
    companyName: 'Tailspin Toys KK',
    profile: {
      id: 'b1e2c3d4-0003-4a5b-8c9d-0e1f2a3b4c5d',
      firstName: '花子',
      lastName: '山田',
      email: 'hanako.yamada@tailspin.co.jp',
      culture: 'ja-JP',
      language: 'ja',
      companyName: 'テイルスピン・トイズ株式会社',
      defaultAddress: {
        country: 'JP',
        region: 'Kanto',
        city: '港区',
        addressLine1: '港南 2-16-3',
        addressLine2: '品川グランドセントラルタワー',
        postalCode: '108-0075',
        phoneNumber: '+81 3 4332 5300',
      },
    },
  },
  {
    id: '4c9e3d86-b13f-4e7f-8d31-3a6d7e8f9a01',
    domain: 'wingtipbr.onmicrosoft.com',
    companyName: 'Wingtip Brasil Ltda',
    profile: {
      id: 'b1e2c3d4-0004-4a5b-8c9d-0e1f2a3b4c5d',
      firstName: 'João',
      lastName: 'Silva',
      email: 'joao.silva@wingtip.com.br',
      culture: 'pt-BR',
      language: 'pt',
      companyName: 'Wingtip Brasil Ltda',
      defaultAddress: {
        country: 'BR',
        city: 'São Paulo',
        state: 'SP',
        addressLine1: 'Av. Presidente Juscelino Kubitschek, 2041',
        postalCode: '04543-011',
      },
    },
  },
  {
    id: '5daf4e97-c240-4f80-9e42-4b7e8f9a0b12',
    domain: 'northwindin.onmicrosoft.com',
    companyName: 'Northwind Traders India Pvt Ltd',
    profile: {
      id: 'b1e2c3d4-0005-4a5b-8c9d-0e1f2a3b4c5d',
      firstName: 'Priya',
      lastName: 'Sharma',
      email: 'priya.sharma@northwind.in',
      culture: 'en-IN',
      language: 'en',
      companyName: 'Northwind Traders India Pvt Ltd',
      defaultAddress: {
        country: 'IN',
        region: 'Karnataka',
        city: 'Bengaluru',
        state: 'KA',
        addressLine1: 'Embassy Golf Links Business Park',
        addressLine2: 'Block C',
        addressLine3: 'Challaghatta',
        postalCode: '560071',
        firstName: 'Priya',
        lastName: 'Sharma',
        phoneNumber: '+91 80 4010 3000',
      },
    },
  },
  {
    id: '6eb05fa8-d351-4f91-af53-5c8f9a0b1c23',
    domain: 'litware.onmicrosoft.com',
    companyName: 'Litware, Inc.',
    profile: {
      id: 'b1e2c3d4-0006-4a5b-8c9d-0e1f2a3b4c5d',
      lastName: 'Okafor',
      email: 'billing@litware.com',
      culture: 'en-us',
      language: 'en',
      companyName: 'Litware, Inc.',
      defaultAddress: {
        id: 'c0ffee00-0006-4a5b-8c9d-0e1f2a3b4c5d',
        country: 'US',
        city: 'Seattle',
        state: 'WA',
        addressLine1: '500 Pine Street',
        postalCode: '98101',
        firstName: 'Ada',
        middleName: 'Quinn',
        lastName: 'Okafor',
        phoneNumber: '+1 425 555 0100 ext 12',
        district: 'King County',
        emailAddress: 'ap@litware.com',
      },
      purchaseOrderReference: 'PO-2026-0042',
      invoicePreferences: { delivery: 'email', copies: 2, languages: ['en', 'es'] },
    },
  },
  {
    id: '7fc16fb9-e462-4fa2-b064-6d9f0a1b2c34',
    domain: 'fourthcoffeeie.onmicrosoft.com',
    companyName: 'Fourth Coffee Ireland Ltd',
    profile: {
      id: 'b1e2c3d4-0007-4a5b-8c9d-0e1f2a3b4c5d',
      firstName: 'Siobhán',
      lastName: 'Ó Briain',
      email: 'accounts@fourthcoffee.ie',
      culture: 'en-IE',
      language: 'en',
      companyName: 'Fourth Coffee Ireland Ltd',
      defaultAddress: {
        country: 'IE',
        city: 'Galway',
        addressLine1: 'Unit 4, Merchants Road',
        firstName: 'Siobhán',
        lastName: 'Ó Briain',
        phoneNumber: '+353 91 555 0123',
      },
    },
  },
]);
