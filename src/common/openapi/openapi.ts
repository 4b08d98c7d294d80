import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { completeErrorResponses } from './complete-error-responses';

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
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey: string, methodKey: string) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return completeErrorResponses(document);
}

/** Swagger UI at /docs and the document at /docs/json; "Authorize" is remembered across reloads. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/json',
    raw: ['json'],
    customSiteTitle: 'Strata API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}
