// Every public CMDB function given arbitrary values in each argument: it returns, or throws a
// ValidationError (the safe variants return one); never a TypeError, a zod error or a hang.
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { defineCalendar } from '../../src/calendar/index';
import {
  analyzeImpact,
  buildCmdbGraph,
  businessServiceAvailability,
  cmdbJsonSchema,
  defineCiClasses,
  safeAnalyzeImpact,
  safeBuildCmdbGraph,
  safeBusinessServiceAvailability,
  safeDefineCiClasses,
  safeServiceOutagesFromCiOutages,
  safeValidateCiRelationship,
  safeValidateConfigurationItem,
  serviceOutagesFromCiOutages,
  validateCiRelationship,
  validateConfigurationItem,
} from '../../src/cmdb/index';
import { isItsmError } from '../../src/core/index';
import { anyValue } from '../support';
import { catalogue, ci, rel } from './support';

const items = [ci('shop', 'business_service'), ci('app', 'application'), ci('c', 'cluster', { redundancy: { minimumUp: 1 } }), ci('s1', 'server'), ci('s2', 'server')];
const relationships = [rel('shop', 'depends_on', 'app'), rel('app', 'runs_on', 'c'), rel('s1', 'member_of', 'c'), rel('s2', 'member_of', 'c')];
const graph = buildCmdbGraph(catalogue, items, relationships);
const calendar = defineCalendar({ timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }] } });
const period = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
const outages = [{ ciId: 's1', start: '2026-11-23T10:00:00.000Z' }];

/** The call returned, or threw a validation error; anything else fails the property. */
function returnsOrRefuses(call: () => unknown): void {
  try {
    call();
  } catch (error) {
    expect(isItsmError(error) && error.code === 'validation', String(error)).toBe(true);
  }
}

/** A safe call never throws and, when it fails, fails with a validation error that has issues. */
function safeNeverThrows(call: () => { success: boolean; error?: { code: string; issues: readonly unknown[] } }): void {
  const result = call();
  if (!result.success) {
    expect(result.error?.code).toBe('validation');
    expect(result.error?.issues.length).toBeGreaterThan(0);
  }
}

const bad = fc.oneof(anyValue, fc.jsonValue());
// A bad value in one position, good values elsewhere: each check is reached, not only the first.
const slot = <T>(good: T) => fc.oneof(fc.constant(good), bad);

test.prop([slot([] as unknown[]), slot({})])('defineCiClasses gives a catalogue or a validation error for any input', (classes, options) => {
  returnsOrRefuses(() => defineCiClasses(classes as never, options as never));
  safeNeverThrows(() => safeDefineCiClasses(classes, options));
});

test.prop([slot(catalogue as unknown), slot(ci('x', 'server') as unknown), slot({ items })])(
  'validateConfigurationItem gives the item or a validation error for any input',
  (theCatalogue, item, options) => {
    returnsOrRefuses(() => validateConfigurationItem(theCatalogue as never, item as never, options as never));
    safeNeverThrows(() => safeValidateConfigurationItem(theCatalogue as never, item, options));
  },
);

test.prop([slot(catalogue as unknown), slot(rel('shop', 'depends_on', 's1') as unknown), slot({ items, relationships })])(
  'validateCiRelationship gives the relationship or a validation error for any input',
  (theCatalogue, relationship, context) => {
    returnsOrRefuses(() => validateCiRelationship(theCatalogue as never, relationship as never, context as never));
    safeNeverThrows(() => safeValidateCiRelationship(theCatalogue as never, relationship, context));
  },
);

test.prop([slot(catalogue as unknown), slot(items as unknown), slot(relationships as unknown)])('buildCmdbGraph gives a graph or a validation error for any input', (theCatalogue, theItems, theRelationships) => {
  returnsOrRefuses(() => buildCmdbGraph(theCatalogue as never, theItems as never, theRelationships as never));
  safeNeverThrows(() => safeBuildCmdbGraph(theCatalogue as never, theItems, theRelationships));
});

test.prop([slot(graph as unknown), slot(['s1', 's2'] as unknown), slot({ direction: 'downstream' })])(
  'analyzeImpact gives an analysis or a validation error for any input',
  (theGraph, ciIds, options) => {
    returnsOrRefuses(() => analyzeImpact(theGraph as never, ciIds as never, options as never));
    safeNeverThrows(() => safeAnalyzeImpact(theGraph as never, ciIds, options));
  },
);

test.prop([slot(graph as unknown), slot(outages as unknown), slot('shop'), slot(calendar as unknown), slot(period as unknown)])(
  'service outages and availability give a result or a validation error for any input',
  (theGraph, theOutages, serviceId, theCalendar, thePeriod) => {
    returnsOrRefuses(() => serviceOutagesFromCiOutages(theGraph as never, theOutages as never, serviceId as never));
    safeNeverThrows(() => safeServiceOutagesFromCiOutages(theGraph as never, theOutages, serviceId));
    returnsOrRefuses(() => businessServiceAvailability(theGraph as never, theOutages as never, serviceId as never, theCalendar as never, thePeriod as never));
    safeNeverThrows(() => safeBusinessServiceAvailability(theGraph as never, theOutages, serviceId, theCalendar, thePeriod));
  },
);

test.prop([bad])('cmdbJsonSchema gives a schema or a validation error for any name', (of) => {
  returnsOrRefuses(() => cmdbJsonSchema(of as never));
});

test('a hostile input that throws when read is a validation error, in every argument of every function', () => {
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const throwing = new Proxy([], {
    get() {
      throw new Error('boom');
    },
  });
  for (const hostile of [revoked, throwing]) {
    safeNeverThrows(() => safeDefineCiClasses(hostile, {}));
    safeNeverThrows(() => safeDefineCiClasses([], hostile));
    safeNeverThrows(() => safeValidateConfigurationItem(hostile as never, ci('x', 'server')));
    safeNeverThrows(() => safeValidateConfigurationItem(catalogue, hostile));
    safeNeverThrows(() => safeValidateConfigurationItem(catalogue, ci('x', 'server'), hostile));
    safeNeverThrows(() => safeValidateCiRelationship(catalogue, hostile, { items, relationships }));
    safeNeverThrows(() => safeValidateCiRelationship(catalogue, rel('shop', 'depends_on', 's1'), hostile));
    safeNeverThrows(() => safeBuildCmdbGraph(catalogue, hostile, []));
    safeNeverThrows(() => safeBuildCmdbGraph(catalogue, [hostile], [hostile]));
    safeNeverThrows(() => safeAnalyzeImpact(graph, hostile));
    safeNeverThrows(() => safeAnalyzeImpact(graph, 's1', hostile));
    safeNeverThrows(() => safeServiceOutagesFromCiOutages(graph, hostile, 'shop'));
    safeNeverThrows(() => safeBusinessServiceAvailability(graph, outages, 'shop', calendar, hostile));
  }
});
