import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The API's OpenAPI document, from the same decorators and schemas that validate its routes. */
export function openApiDocumentOf(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Jugendamt Controlling API')
      .setDescription('KPIs of the youth welfare office (docs in the README), the annual overall report (Gesamtbericht), health and metrics.')
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('jc_session')
      .build(),
  );
}

/** Stable text of the document: the console's typed client is generated from the committed copy. */
export function openApiText(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
