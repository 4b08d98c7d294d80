import { Module } from '@nestjs/common';
import { OpenApiDocumentController } from './openapi-document.controller';
import { OpenApiDocumentSource } from '../common/openapi/openapi-document.source';

/** /docs/json, and the document Swagger UI shows; imported only when DOCS_ENABLED. */
@Module({
  controllers: [OpenApiDocumentController],
  providers: [OpenApiDocumentSource],
  exports: [OpenApiDocumentSource],
})
export class DocsModule {}
