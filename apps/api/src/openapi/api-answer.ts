import { ApiAcceptedResponse, ApiOkResponse } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * The 200 answer of an endpoint, from the zod schema its handler's answer is checked against:
 * the console's client is generated from these, so an answer's shape is declared once.
 */
export function ApiAnswerOf(schema: z.ZodType, description: string): MethodDecorator {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return ApiOkResponse({ description, schema: json });
}

/** The 202 answer of an endpoint that starts work (a job) and answers before it is done. */
export function ApiAcceptedAnswerOf(schema: z.ZodType, description: string): MethodDecorator {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return ApiAcceptedResponse({ description, schema: json });
}
