import { errorAnswer, json, type Answer } from './emulator-http';
import type { AuthorityFault, EntraAuthority } from './entra-authority';
import type { CallerTokenOptions } from './entra-authority-tokens';

/**
 * The authority's admin API, mounted only with `admin: true`, for a gateway run by hand or in another
 * process: GET /__authority/requests, POST /__authority/revoke, PUT|DELETE /__authority/faults,
 * POST /__authority/caller-tokens (body: CallerTokenOptions), POST /__authority/reset.
 */
export async function handleAuthorityAdmin(
  method: string,
  path: string,
  body: string,
  authority: EntraAuthority,
): Promise<Answer> {
  const route = `${method} ${path.replace(/\/$/, '')}`;
  try {
    switch (route) {
      case 'GET /__authority/requests':
        return json(200, authority.requests);
      case 'POST /__authority/revoke':
        return json(200, { revoked: authority.revokeIssuedTokens() });
      case 'PUT /__authority/faults': {
        const fault = JSON.parse(body || '{}') as AuthorityFault;
        if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599) {
          return errorAnswer(400, 'ADMIN', 'a fault needs a status from 400 to 599');
        }
        authority.fail(fault);
        return json(200, fault);
      }
      case 'DELETE /__authority/faults':
        authority.clearFaults();
        return json(200, {});
      case 'POST /__authority/caller-tokens': {
        const options = JSON.parse(body || '{}') as CallerTokenOptions;
        if (typeof options.audience !== 'string' || options.audience === '') {
          return errorAnswer(400, 'ADMIN', 'a caller token needs an audience');
        }
        return json(200, { access_token: await authority.mintCallerToken(options) });
      }
      case 'POST /__authority/reset':
        authority.reset();
        return json(200, {});
      default:
        return errorAnswer(404, 'ADMIN', `No admin route ${route}.`);
    }
  } catch (error) {
    return errorAnswer(400, 'ADMIN', error instanceof Error ? error.message : 'bad request');
  }
}
