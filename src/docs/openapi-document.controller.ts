import { Controller, Get, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../modules/auth/public.decorator';
import { OpenApiDocumentSource } from '../common/openapi/openapi-document.source';

/**
 * GET /docs/json: the document as bytes serialised once, with an ETag (`If-None-Match` gives 304).
 * A Nest route rather than Swagger's own handler (which serialises the whole document on every
 * request), so it passes the default per-client rate limit like the API.
 */
@ApiExcludeController()
@Public()
@Controller({ path: 'docs', version: VERSION_NEUTRAL })
export class OpenApiDocumentController {
  constructor(private readonly source: OpenApiDocumentSource) {}

  @Get('json')
  serve(@Res() res: Response): void {
    const { body, etag } = this.source.served;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    // Express's freshness check: If-None-Match against the ETag just set (weak comparison, lists, *).
    if (res.req.fresh) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', body.length);
    res.status(200).end(body);
  }
}
