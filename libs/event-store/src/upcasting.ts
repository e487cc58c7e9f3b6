// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an upcaster reads a payload of an older shape than any type the code still has
export type Upcaster = (payload: any) => unknown;

/**
 * Old events are never rewritten: a reader lifts each stored payload step by step
 * (v1 → v2 → …) to the shape the code knows.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcaster>();

  /** A registry of these steps, as a package of events lists them. */
  static of(steps: readonly { readonly eventType: string; readonly fromVersion: number; readonly upcast: Upcaster }[]): UpcasterRegistry {
    const registry = new UpcasterRegistry();
    for (const step of steps) registry.register(step.eventType, step.fromVersion, step.upcast);
    return registry;
  }

  /** Registers the step from `fromVersion` to `fromVersion + 1` for an event type. */
  register(eventType: string, fromVersion: number, upcast: Upcaster): this {
    const key = stepKey(eventType, fromVersion);
    if (this.steps.has(key)) throw new Error(`upcaster for ${eventType} v${fromVersion} registered twice`);
    this.steps.set(key, upcast);
    return this;
  }

  upcast(eventType: string, schemaVersion: number, payload: unknown): { schemaVersion: number; payload: unknown } {
    let version = schemaVersion;
    let current = payload;
    for (let step = this.steps.get(stepKey(eventType, version)); step; step = this.steps.get(stepKey(eventType, version))) {
      current = step(current);
      version += 1;
    }
    return { schemaVersion: version, payload: current };
  }
}

function stepKey(eventType: string, fromVersion: number): string {
  return `${eventType}@${fromVersion}`;
}
