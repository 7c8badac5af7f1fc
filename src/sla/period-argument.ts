import { readArgument } from '../core/unreadable-argument';
import { issue, ValidationError } from '../core/validation-error';
import { instantArgument } from './evaluate-sla';

/** A reporting period, from its start to its end, as the reports take it. */
interface SlaPeriod {
  readonly from: Date | string;
  readonly to: Date | string;
}

/** A period argument as `[from, to]` in ms, checked: both instants, `to` not before `from`. @internal */
export function periodArgument(period: unknown): readonly [number, number] {
  if (typeof period !== 'object' || period === null) throw new ValidationError([issue(['period'], 'must be { from, to }')], 'argument');
  const from = instantArgument(readArgument(['period', 'from'], () => (period as SlaPeriod).from), ['period', 'from']);
  const to = instantArgument(readArgument(['period', 'to'], () => (period as SlaPeriod).to), ['period', 'to']);
  if (to < from) throw new ValidationError([issue(['period', 'to'], 'must not be before from')], 'argument');
  return [from, to];
}
