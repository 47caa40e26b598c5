import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';

import { unauthenticated, type GatewayContext } from '../context';

/**
 * App mode: an operation from a caller without a valid JWT is refused before it executes (401,
 * UNAUTHENTICATED), whatever it selects, except the federation `_service` query a router sends to
 * compose the supergraph (it reveals only the schema). The gateway calls Partner Center as itself in
 * this mode, so nobody who merely reaches it may read through it. Not installed in user mode, where
 * the caller's own Partner Center token is what Partner Center judges.
 */
export function callerAuthPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ contextValue, operation }) {
          if (contextValue.refusal === undefined || onlySchema(operation)) {
            return Promise.resolve();
          }
          const error = unauthenticated(contextValue);
          Object.assign(error.extensions, {
            http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) },
          });
          return Promise.reject(error);
        },
      });
    },
  };
}

/** A query selecting only `_service` (and `__typename`), directly: what a router asks unauthenticated. */
function onlySchema(operation: OperationDefinitionNode | undefined): boolean {
  return (
    operation !== undefined &&
    operation.operation === OperationTypeNode.QUERY &&
    operation.selectionSet.selections.every(
      (selection) =>
        selection.kind === Kind.FIELD &&
        (selection.name.value === '_service' || selection.name.value === '__typename'),
    ) &&
    operation.selectionSet.selections.some(
      (selection) => selection.kind === Kind.FIELD && selection.name.value === '_service',
    )
  );
}
