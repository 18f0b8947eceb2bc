import { API_ROUTES } from '../../api-routes';

export interface MatchedRoute {
  /** `GET /dossiers/{dossierId}`: what API Gateway puts in the event's routeKey. */
  routeKey: string;
  pathParameters: Record<string, string>;
  /** `none`: a route without a token (health, the OpenAPI document). */
  auth?: 'none';
}

interface CompiledRoute {
  method: string;
  path: string;
  pattern: RegExp;
  names: string[];
  auth?: 'none';
}

/** `{name}` matches one path segment, as in API Gateway HTTP API routes. */
function compile(method: string, path: string, auth?: 'none'): CompiledRoute {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const parameter = /^\{([A-Za-z0-9_]+)\}$/.exec(segment);
      if (!parameter) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(parameter[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { method, path, pattern: new RegExp(`^${source}$`), names, ...(auth ? { auth } : {}) };
}

/**
 * The HTTP API's route selection, locally: the request's method and path against the shared
 * route list (infra/api-routes.ts), literal routes before templated ones as API Gateway prefers
 * the most specific. Path parameters are URL-decoded, as API Gateway hands them to the function.
 */
export class RouteTable {
  private readonly routes: CompiledRoute[];

  constructor(routes: ReadonlyArray<{ method: string; path: string; auth?: 'none' }> = API_ROUTES) {
    this.routes = routes
      .map((route) => compile(route.method, route.path, route.auth))
      .sort((a, b) => a.names.length - b.names.length);
  }

  match(method: string, path: string): MatchedRoute | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      try {
        const values = found.slice(1).map((value) => decodeURIComponent(value));
        return {
          routeKey: `${route.method} ${route.path}`,
          pathParameters: Object.fromEntries(route.names.map((name, index) => [name, values[index]!])),
          ...(route.auth ? { auth: route.auth } : {}),
        };
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}
