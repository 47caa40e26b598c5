import { toUrlTemplate } from '../../../src/observability/partner-center-tracing';

it.each([
  [
    '/v1/customers/0c39d6d5-c70d-4c55-bc02-f620844f3fd1/profiles/billing',
    '/v1/customers/{customerId}/profiles/billing',
  ],
  ['/v1/customers/0c39d6d5-c70d-4c55-bc02-f620844f3fd1', '/v1/customers/{customerId}'],
  ['/v1/countryvalidationrules/US', '/v1/countryvalidationrules/{countryCode}'],
  ['/v1/customers', '/v1/customers'],
])('names the span of %s after its template %s', (path, template) => {
  expect(toUrlTemplate(path)).toBe(template);
});
