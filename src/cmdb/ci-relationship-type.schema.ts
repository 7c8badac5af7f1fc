import { z } from 'zod';
import { CmdbName } from './ci-class.schema';

/**
 * Which way an outage travels along a relationship `source —type→ target`:
 * - `target_to_source`: when the target is down, the source is impacted (`depends_on`, `runs_on`);
 * - `source_to_target`: when the source is down, the target is impacted (`member_of`: a member
 *   down weakens its group);
 * - `both`: either end down impacts the other;
 * - `none`: the relationship records a fact and carries no impact (`connects_to`).
 */
export const CiImpactFlow = z.enum(['target_to_source', 'source_to_target', 'both', 'none']);
/** Which way an outage travels along a relationship. */
export type CiImpactFlow = z.infer<typeof CiImpactFlow>;

/** A pair of classes a relationship type may join: the source's class and the target's, subclasses included. */
export const CiClassPair = z.strictObject({ source: CmdbName, target: CmdbName });
/** A pair of classes a relationship type may join. */
export type CiClassPair = z.infer<typeof CiClassPair>;

/**
 * A type of relationship between configuration items, as data. `name` reads from source to
 * target (`app depends_on db`), `inverseName` from target to source (`db used_by app`); a type
 * whose inverse is itself (`connects_to`) is symmetric: its two ends are interchangeable.
 * `allowed` lists the class pairs it may join (a pair admits subclasses at either end; for a
 * symmetric type either orientation). `impact` says which way an outage travels, and
 * `redundancyMembers` says that the end it travels from is a member of a redundancy group at the
 * other end (see `ConfigurationItem.redundancy`).
 */
export const CiRelationshipType = z
  .strictObject({
    name: CmdbName,
    inverseName: CmdbName,
    label: z.string().min(1).max(200).optional(),
    description: z.string().max(2000).optional(),
    allowed: z.array(CiClassPair).min(1, { error: 'must allow at least one pair of classes' }).max(500),
    impact: CiImpactFlow,
    redundancyMembers: z.boolean().default(false),
  })
  .superRefine((type, context) => {
    if (type.name === type.inverseName && (type.impact === 'target_to_source' || type.impact === 'source_to_target')) {
      context.addIssue({ code: 'custom', path: ['impact'], message: 'must be both or none for a symmetric type, whose ends are interchangeable' });
    }
    if (type.redundancyMembers && type.impact !== 'source_to_target' && type.impact !== 'target_to_source') {
      context.addIssue({ code: 'custom', path: ['redundancyMembers'], message: 'needs an impact of source_to_target or target_to_source: a member must be at one end' });
    }
  });
/** A type of relationship, as given (defaults not yet filled in). */
export type CiRelationshipTypeInput = z.input<typeof CiRelationshipType>;
/** A type of relationship, with defaults filled in. */
export type CiRelationshipType = z.output<typeof CiRelationshipType>;
