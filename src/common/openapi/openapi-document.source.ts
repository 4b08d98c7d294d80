import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

export interface ServedDocument {
  body: Buffer;
  etag: string;
}

/**
 * The app's OpenAPI document, built on first use from the factory the bootstrap provides, then
 * kept: as an object for Swagger UI, and serialised once, with its strong ETag, for /docs/json.
 */
@Injectable()
export class OpenApiDocumentSource {
  private build: (() => OpenAPIObject) | undefined;
  private built: OpenAPIObject | undefined;
  private serialised: ServedDocument | undefined;

  provide(build: () => OpenAPIObject): void {
    this.build = build;
  }

  get document(): OpenAPIObject {
    if (!this.built) {
      if (!this.build) {
        throw new Error('No OpenAPI document was provided (setupOpenApi was not called)');
      }
      this.built = this.build();
    }
    return this.built;
  }

  get served(): ServedDocument {
    if (!this.serialised) {
      const body = Buffer.from(JSON.stringify(this.document));
      const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
      this.serialised = { body, etag };
    }
    return this.serialised;
  }
}
