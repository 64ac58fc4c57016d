import type { Actor } from './actor';

/**
 * The shape of a policy file: for each action on a resource, a rule answering whether the actor
 * may do it. One file per resource lives in `src/policies/`; routes call `authorize()` from
 * `policies/index.ts` and never test roles themselves.
 */
export type Rule<R> = (actor: Actor, resource: R) => boolean;
export type Policy<Actions extends string, R> = Record<Actions, Rule<R>>;

export function definePolicy<R>() {
  return <Actions extends string>(rules: Policy<Actions, R>): Policy<Actions, R> => rules;
}
