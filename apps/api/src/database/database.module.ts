import { Global, Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import type { DatabaseHandle } from '@jugendamt/db';

export const DATABASE = Symbol('DATABASE');

/** Hands the one database handle of the process to every module, and closes it on shutdown. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  static forHandle(handle: DatabaseHandle): DynamicModule {
    return { module: DatabaseModule, providers: [{ provide: DATABASE, useValue: handle }], exports: [DATABASE] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
