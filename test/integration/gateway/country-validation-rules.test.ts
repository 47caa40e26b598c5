import { GetCountryValidationRulesDocument } from '../../generated/graphql';
import { postGraphQL } from '../../helpers/graphql-client';
import { useStack } from '../../helpers/start-stack';
import { onlyError, upstream } from './gateway-test-kit';

const stack = useStack();

function rulesReads(): string[] {
  return upstream(stack, 'GET')
    .filter((r) => r.path.startsWith('/v1/countryvalidationrules/'))
    .map((r) => r.path);
}

describe('Query.countryValidationRules', () => {
  it("answers Partner Center's published rules for a country, field by field", async () => {
    const response = await postGraphQL(stack.gatewayUrl, GetCountryValidationRulesDocument, {
      countryCode: 'US',
    });

    expect(response.errors).toBeUndefined();
    // Written from the documentation's example (get-market-specific-validation-data), not from src/.
    expect(response.data?.countryValidationRules).toEqual({
      iso2Code: 'US',
      defaultCulture: 'en-US',
      isStateRequired: true,
      supportedStatesList: expect.arrayContaining(['WA', 'DC', 'WY']) as unknown,
      isPostalCodeRequired: true,
      postalCodeRegex: '^\\d{5}(-\\d{4})?$',
      isCityRequired: true,
      phoneNumberRegex: expect.stringContaining('\\d{3}') as unknown,
      supportedCulturesList: ['en-US', 'es-US'],
      supportedLanguagesList: ['en', 'es'],
      countryCallingCodesList: ['1'],
    });
    expect(response.data?.countryValidationRules?.supportedStatesList).toHaveLength(51);
  });

  it('shows an optional postal code as such (Ireland), so a form does not demand one', async () => {
    const response = await postGraphQL(stack.gatewayUrl, GetCountryValidationRulesDocument, {
      countryCode: 'IE',
    });

    expect(response.data?.countryValidationRules?.isPostalCodeRequired).toBe(false);
    expect(response.data?.countryValidationRules?.supportedStatesList).toBeNull();
  });

  it('takes the code in any case and asks Partner Center once for many readers', async () => {
    const answers = await Promise.all(
      ['fr', 'FR', 'Fr'].map((countryCode) =>
        postGraphQL(stack.gatewayUrl, GetCountryValidationRulesDocument, { countryCode }),
      ),
    );
    const again = await postGraphQL(stack.gatewayUrl, GetCountryValidationRulesDocument, {
      countryCode: 'fr',
    });

    for (const answer of [...answers, again]) {
      expect(answer.data?.countryValidationRules?.iso2Code).toBe('FR');
    }
    expect(rulesReads()).toEqual(['/v1/countryvalidationrules/FR']);
  });

  it('answers null for a country Partner Center has no rules for', async () => {
    const response = await postGraphQL(stack.gatewayUrl, GetCountryValidationRulesDocument, {
      countryCode: 'ZZ',
    });

    expect(response.errors).toBeUndefined();
    expect(response.data?.countryValidationRules).toBeNull();
  });

  it.each(['USA', 'U', '1A', '../customers', ''])(
    'refuses the code %j with BAD_USER_INPUT before any upstream call',
    async (countryCode) => {
      const response = await postGraphQL(stack.gatewayUrl, GetCountryValidationRulesDocument, {
        countryCode,
      });

      expect(onlyError(response).extensions?.code).toBe('BAD_USER_INPUT');
      expect(upstream(stack)).toHaveLength(0);
    },
  );

  it('needs a bearer token like every other read', async () => {
    const response = await postGraphQL(
      stack.gatewayUrl,
      GetCountryValidationRulesDocument,
      { countryCode: 'DE' },
      { token: null },
    );

    expect(onlyError(response).extensions?.code).toBe('UNAUTHENTICATED');
    expect(upstream(stack)).toHaveLength(0);
  });

  it('passes upstream failures on with their documented code, and keeps no failure', async () => {
    stack.emulator.faults.set({ failNext: { status: 503, count: 3, methods: ['GET'] } });
    const failed = await postGraphQL(stack.gatewayUrl, GetCountryValidationRulesDocument, {
      countryCode: 'JP',
    });
    expect(onlyError(failed).extensions?.code).toBe('UPSTREAM_UNAVAILABLE');

    const retried = await postGraphQL(stack.gatewayUrl, GetCountryValidationRulesDocument, {
      countryCode: 'JP',
    });
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.countryValidationRules?.iso2Code).toBe('JP');
  });
});
