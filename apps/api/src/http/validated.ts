import { applyDecorators, BadRequestException, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * One zod schema per endpoint is both the check of its query string (or body) and its OpenAPI
 * description, so the docs cannot drift from what is enforced.
 */
export class Validated<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value ?? {});
    if (parsed.success) return parsed.data;
    throw fieldErrors(parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(input)', message: issue.message })));
  }
}

/** The 400 every endpoint answers a bad input with: each field named with what is wrong. */
export function fieldErrors(errors: readonly { field: string; message: string }[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors });
}

/** The query parameters of a schema as OpenAPI sees them. */
export function ApiQueryOf(schema: z.ZodObject): MethodDecorator {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  const required = new Set(json.required ?? []);
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) => {
      const { description, ...rest } = property;
      return ApiQuery({ name, required: required.has(name), description: description as string | undefined, schema: rest as object });
    }),
  );
}

/** A JSON body as OpenAPI sees it. */
export function ApiBodyOf(schema: z.ZodType): MethodDecorator {
  return ApiBody({ schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object });
}
