import { safeAnalyzeImpact, type AnalyzeImpactOptions, type CiImpactAnalysis } from '../cmdb/analyze-impact';
import { ciRelationshipOf } from '../cmdb/ci-relationship-record.schema';
import { safeBuildCmdbGraph } from '../cmdb/cmdb-graph';
import type { ConfigurationItem } from '../cmdb/configuration-item.schema';
import type { ItsmError } from '../core/itsm-error';
import type { RecordId } from '../core/record-fields.schema';
import { TenantId } from '../core/record-fields.schema';
import type { SafeResult } from '../core/safe-result';
import { inTransaction, unwrap } from './command-runner';
import { allRecords, liveRelationships } from './ci-relationship-command';
import type { ResolvedItsmOptions } from './itsm-options';
import type { Practice } from './practice';
import { checkArguments, safely } from './service-arguments';

/** The impact analysis of `itsm.configurationItems`. */
export interface CmdbImpactAnalysing {
  /**
   * Impact analysis over the tenant's CMDB as stored: loads every configuration item and every
   * relationship that is not removed (all pages, in one read transaction), builds the graph with
   * the service's catalogue and returns `analyzeImpact`'s result. It reads the whole tenant
   * CMDB on every call; a host that analyses often over a large CMDB can load the records once
   * and keep a graph from `buildCmdbGraph` until the CMDB changes (the outbox says when).
   *
   * @param tenantId - the tenant
   * @param ciIds - the item (or items) that are down, or whose dependencies are wanted
   * @param options - direction, and the classes to report
   * @returns the items reached, nearest first, each with the relationships that explain it
   * @throws `validation` for an id that is not an item of the tenant, or bad options
   *
   * @example
   * ```ts
   * const { impacts } = await itsm.configurationItems.impact('acme', [database.id], { classes: ['business_service'] });
   * ```
   */
  impact(tenantId: string, ciIds: RecordId | readonly RecordId[], options?: AnalyzeImpactOptions): Promise<CiImpactAnalysis>;
  safeImpact(tenantId: unknown, ciIds: unknown, options?: unknown): Promise<SafeResult<CiImpactAnalysis, ItsmError>>;
}

/** The impact analysis over the store. @internal */
export function cmdbImpactAnalysing(items: Practice<ConfigurationItem>, options: ResolvedItsmOptions): CmdbImpactAnalysing {
  async function impact(tenantId: string, ciIds: RecordId | readonly RecordId[], given?: AnalyzeImpactOptions): Promise<CiImpactAnalysis> {
    checkArguments([['tenantId', TenantId, tenantId]]);
    return inTransaction(options, false, async (tx) => {
      const cis = await allRecords<ConfigurationItem>(tx, items.kind, tenantId);
      const relationships = (await liveRelationships(tx, tenantId)).map(ciRelationshipOf);
      const graph = unwrap(safeBuildCmdbGraph(options.ciCatalogue, cis, relationships));
      return unwrap(safeAnalyzeImpact(graph, ciIds, given));
    });
  }
  return {
    impact,
    safeImpact: (tenantId, ciIds, given) => safely(() => impact(tenantId as string, ciIds as RecordId[], given as AnalyzeImpactOptions)),
  };
}
