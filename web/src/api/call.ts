/**
 * A route of the API called by its name in the generated contract
 * (`call('POST /api/reports/{id}/approve', { params: { id }, body })`): the
 * path is filled in from `params`, and the body and the answer are the
 * route's generated types, so a resource module writes no server shape and
 * no path twice. The HTTP itself is web/src/api.ts's `request`.
 */
import { request, type Method, type Query } from '../api';
import type { ApiRequestBodies, ApiResponses, ApiRoute } from './types.gen';

type PathOf<R extends string> = R extends `${Method} ${infer P}` ? P : never;
type ParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;

/** `params` is required exactly when the path has placeholders; `body` exactly when the route takes one. */
type Params<R extends string> = [ParamNames<PathOf<R>>] extends [never] ? { params?: undefined } : { params: Record<ParamNames<PathOf<R>>, number | string> };
type Body<R extends string> = R extends keyof ApiRequestBodies ? { body: ApiRequestBodies[R] } : { body?: undefined };

export type CallInput<R extends ApiRoute> = Params<R> &
  Body<R> & {
    query?: Query;
    signal?: AbortSignal;
    /** Leave a 401 to the caller (the sign-in form) instead of going to /login. */
    noRedirect?: boolean;
  };

export function call<R extends ApiRoute>(route: R, input: CallInput<R>): Promise<ApiResponses[R]> {
  const space = route.indexOf(' ');
  const method = route.slice(0, space) as Method;
  const params: Partial<Record<string, number | string>> = input.params ?? {};
  const path = route.slice(space + 1).replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
  return request<ApiResponses[R]>(method, path, {
    ...(input.query ? { query: input.query } : {}),
    ...(input.body === undefined ? {} : { body: input.body }),
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.noRedirect ? { noRedirect: true } : {}),
  });
}
