import type { ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';

// What a frontend developer sees first in Sandbox: a working read of a billing profile.
export const SANDBOX_DOCUMENT = `# Read a customer's billing profile; keep etag for updateBillingProfile.
query GetCustomerBillingProfile($id: ID!) {
  customer(id: $id) {
    id
    billingProfile {
      firstName
      lastName
      email
      companyName
      defaultAddress { country city postalCode }
      etag
    }
  }
}
`;

/** The emulator accepts any well-formed token; a real Partner Center needs the developer's own. */
export const EMULATOR_SANDBOX_TOKEN = 'sandbox-dev-token';

/**
 * Development: the embedded Apollo Sandbox, pre-filled with an example operation and customer. With
 * the embedded emulator it also carries a token the emulator accepts, so "Run" works on the first click.
 * Production: Apollo's production landing page (no Sandbox, no introspection).
 */
export function landingPagePlugin(options: {
  production: boolean;
  embeddedEmulator: boolean;
  /** The customer the example read opens with (SANDBOX_CUSTOMER_ID, or the embedded emulator's first). */
  exampleCustomerId: string | undefined;
}): ApolloServerPlugin {
  if (options.production) {
    return ApolloServerPluginLandingPageProductionDefault({ footer: false });
  }
  return ApolloServerPluginLandingPageLocalDefault({
    embed: true,
    footer: false,
    ...sandboxExample(options),
  });
}

/**
 * The example read both explorers open with (Sandbox here, GraphiQL at /explorer): the operation,
 * its customer, and the Authorization header to send.
 */
export function sandboxExample(options: {
  embeddedEmulator: boolean;
  exampleCustomerId: string | undefined;
}): { document: string; variables: { id: string }; headers: { Authorization: string } } {
  return {
    document: SANDBOX_DOCUMENT,
    variables: { id: options.exampleCustomerId ?? '<customer tenant id>' },
    headers: {
      Authorization: options.embeddedEmulator
        ? `Bearer ${EMULATOR_SANDBOX_TOKEN}`
        : 'Bearer <your Partner Center access token>',
    },
  };
}
