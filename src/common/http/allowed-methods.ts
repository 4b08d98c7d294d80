import { isEndpointRoute } from './request-facts';

/** What Express's router keeps for a route: `match` is pure (the router itself calls it per request). */
export interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean | undefined> };
  match(path: string): unknown;
}

interface KnownPath {
  layer: RouteLayer;
  methods: Set<string>;
}

/**
 * Which methods each known path takes, built once from the router's endpoints when routing is set
 * up, and consulted only for requests no route answered: a known path with another method is a 405
 * with this list as its `Allow` header, an unknown path stays a 404.
 */
export class AllowedMethods {
  private readonly paths: KnownPath[];

  constructor(layers: readonly RouteLayer[]) {
    const byTemplate = new Map<string, KnownPath>();
    for (const layer of layers) {
      const route = layer.route;
      if (!isEndpointRoute(route) || route === undefined) {
        continue;
      }
      const known = byTemplate.get(route.path) ?? { layer, methods: new Set<string>() };
      for (const [method, present] of Object.entries(route.methods)) {
        if (present === true) {
          known.methods.add(method.toUpperCase());
        }
      }
      byTemplate.set(route.path, known);
    }
    for (const known of byTemplate.values()) {
      // Express answers HEAD from the GET route.
      if (known.methods.has('GET')) {
        known.methods.add('HEAD');
      }
    }
    // A route for every method (`all()`) leaves nothing to refuse.
    this.paths = [...byTemplate.values()].filter((known) => !known.methods.has('_ALL'));
  }

  /** The `Allow` header for a path some route takes (in its router's own matching), else undefined. */
  allowFor(path: string): string | undefined {
    const methods = new Set<string>();
    for (const known of this.paths) {
      if (matches(known.layer, path)) {
        known.methods.forEach((method) => methods.add(method));
      }
    }
    return methods.size > 0 ? [...methods].sort().join(', ') : undefined;
  }
}

function matches(layer: RouteLayer, path: string): boolean {
  try {
    return Boolean(layer.match(path));
  } catch {
    // A path the router cannot decode (a stray `%`) matches nothing.
    return false;
  }
}
