import { safeApplyAssetEvent } from '../asset/apply-asset-event';
import type { Asset } from '../asset/asset.schema';
import { OpenAssetInput } from '../asset/asset-event.schema';
import { safeOpenAsset } from '../asset/open-asset';
import { parseWith } from '../core/from-zod';
import type { ResolvedItsmOptions } from './itsm-options';
import type { OpeningPractice } from './practice';

/** Assets as a practice of the service; they have no SLA clocks. @internal */
export function assetPractice(options: ResolvedItsmOptions): OpeningPractice<Asset> {
  const shared = options.lifecycles.asset === undefined ? {} : { lifecycle: options.lifecycles.asset };
  return {
    kind: 'asset',
    numberFormat: options.numberFormats.asset,
    policy: undefined,
    usesActorGroups: false,
    parseInput: (input) => parseWith(OpenAssetInput, input, 'asset'),
    open: (input, context) => safeOpenAsset(input, { ...context, ...shared }),
    apply: (record, event, { now, actor, newId }) => safeApplyAssetEvent(record, event, { now, actor, newId, ...shared }),
  };
}
