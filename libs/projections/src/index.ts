// Running projections: checkpoints, generations, catch-up and rebuild.
export * from './runtime/projection.js';
export * from './runtime/generations.js';
export * from './runtime/catch-up.js';
export * from './runtime/rebuild.js';
export * from './runtime/projection-lag.js';
export * from './registry.js';

// Catalogues: data an office edits; a change takes effect by a rebuild.
export * from './catalogues/default-catalogues.js';
export * from './catalogues/catalogue-store.js';
export * from './catalogues/catalogue-schemas.js';

// The facts, as known over time.
export * from './facts/aid-history.js';
export * from './facts/sub-process-history.js';
export * from './facts/staff-history.js';
export * from './facts/chronicle-history.js';
export * from './facts/population-history.js';

// The KPIs of docs/kpis.md, each answerable as of any time.
export * from './kpis/kpi-query.js';
export { newestObservation } from './kpis/knowledge-time.js';
export * from './kpis/period-grouping.js';
export * from './kpis/aid-counts.js';
export * from './kpis/return-rate.js';
export * from './kpis/sub-process-counts.js';
export * from './kpis/chronicle-kpis.js';
export * from './kpis/staff-facts.js';
export * from './kpis/staff-kpis.js';
export * from './kpis/staffing-requirement.js';
export * from './kpis/endings.js';
export * from './kpis/cost-per-aid.js';
export * from './kpis/social-area-budgets.js';
export * from './kpis/young-population.js';
export * from './kpis/use-per-young-inhabitant.js';

// Input quality: the plausibility rules, per team and month and per KPI's base.
export * from './quality/plausibility-catalogue.js';
export * from './quality/check-windows.js';
export * from './quality/checked-records.js';
export * from './quality/quality-months.js';
export * from './quality/input-quality.js';
export * from './quality/findings-to-fix.js';
export * from './quality/base-quality.js';
