import type { GraphQLArmorCallbackConfiguration } from '@escape.tech/graphql-armor-types';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import type { ValidationRule } from 'graphql';

/**
 * Limits on what one operation may ask for, checked while validating the document, so a refused
 * operation costs no upstream call and gets GRAPHQL_VALIDATION_FAILED. Without them, a 60 KB request
 * of aliased `_service { sdl }` fields answered 25 MB, token or not. The schema has no cycles (its
 * deepest selection is customer -> billingProfile -> defaultAddress -> field), so depth needs no limit.
 */
export const OPERATION_LIMITS = {
  /** Aliases per operation: reading a few customers side by side needs a handful. */
  maxAliases: 30,
  /** graphql-armor cost units (objects 2, scalars 1, x1.5 per level; a full profile read costs about 65). */
  maxCost: 1500,
} as const;

// Report through the validation context (as graphql-armor's own Apollo wrapper does) instead of
// throwing, so Apollo answers a validation error rather than an internal one.
const reportAsValidationError: GraphQLArmorCallbackConfiguration = {
  propagateOnRejection: false,
  onReject: [(context, error) => context?.reportError(error)],
};

export function operationLimitRules(): ValidationRule[] {
  return [
    maxAliasesRule({ n: OPERATION_LIMITS.maxAliases, ...reportAsValidationError }),
    costLimitRule({ maxCost: OPERATION_LIMITS.maxCost, ...reportAsValidationError }),
  ] as ValidationRule[];
}
