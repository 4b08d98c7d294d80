import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { completeErrorResponses } from './complete-error-responses';
import { hardenDocument } from './harden-document';
import { shareErrorEnvelopes } from './share-error-envelopes';
import { OpenApiDocumentSource } from './openapi-document.source';
import { collectRouteFacts, operationIdOf } from './route-facts';

export const BEARER_AUTH = 'bearer';

/** Builds the OpenAPI 3 document from the running app's routes and decorators. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Strata API')
    .setDescription(
      'Every response under /api uses one envelope: `{success, statusCode, message, data, meta?}` on success and ' +
        '`{success: false, statusCode, message, error: {code, details?}, path, requestId, timestamp}` on error. ' +
        'Lists are keyset-paginated with `limit` and an opaque `cursor`.',
    )
    .setVersion('1.0')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    // Relative, so "Try it out" calls whichever host serves the docs: local, staging or production.
    .addServer('/', 'This server (local, staging or production: wherever these docs are served)', {})
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'The `accessToken` from `POST /api/v1/auth/login`. Short-lived JWS following RFC8725: one pinned ' +
          'algorithm (HS256; `none` and any other are refused), issuer, audience and token type checked.',
      },
      BEARER_AUTH,
    )
    .build();
  config.info.contact = { name: 'Strata maintainers' };
  config.servers = config.servers?.map((server) => ({ ...server, 'x-internal': false }));
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: operationIdOf,
  });
  return shareErrorEnvelopes(hardenDocument(completeErrorResponses(document, collectRouteFacts(app))));
}

/**
 * Swagger UI at /docs (the document at /docs/json is DocsModule's route). "Authorize" keeps the
 * token in the page only: persisted, it would sit in localStorage, where any script on the origin
 * can read it and where it outlives the tab.
 */
export function setupOpenApi(app: INestApplication): void {
  const source = app.get(OpenApiDocumentSource);
  source.provide(() => createOpenApiDocument(app));
  SwaggerModule.setup('docs', app, () => source.document, {
    raw: false,
    customSiteTitle: 'Strata API',
    // Deep links (`/docs/#/accounts/Accounts_verifyEmail`) open one operation: the development
    // links of account mails point there.
    swaggerOptions: { persistAuthorization: false, displayRequestDuration: true, deepLinking: true },
  });
}
