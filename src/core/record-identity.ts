import { readContextField } from './apply-lifecycle-event';
import { parseWith } from './from-zod';
import { TenantId } from './record-fields.schema';
import type { SafeResult } from './safe-result';
import { issue, ValidationError, type ValidationIssue } from './validation-error';

/**
 * The tenant and human number a context gives for a new record, checked; a field that throws
 * when read is an issue naming it, not a TypeError. Without `withTenant` only the number is
 * read (a record made from another takes that one's tenant).
 * @internal
 */
export function newRecordIdentity(context: unknown): SafeResult<{ tenantId: string; number: string }, ValidationError>;
export function newRecordIdentity(context: unknown, withTenant: boolean): SafeResult<{ tenantId: string | undefined; number: string }, ValidationError>;
export function newRecordIdentity(context: unknown, withTenant = true): SafeResult<{ tenantId: string | undefined; number: string }, ValidationError> {
  const given = typeof context === 'object' && context !== null ? context : {};
  const issues: ValidationIssue[] = [];
  const readTenant = withTenant ? readContextField(given, 'tenantId') : undefined;
  const readNumber = readContextField(given, 'number');
  for (const read of [readTenant, readNumber]) if (read !== undefined && !read.success) issues.push(read.issue);
  if ((readTenant !== undefined && !readTenant.success) || !readNumber.success) return { success: false, error: new ValidationError(issues, 'context') };
  const tenant = readTenant === undefined ? undefined : parseWith(TenantId, readTenant.value, 'tenantId');
  if (tenant !== undefined && !tenant.success) {
    // A value that throws when inspected says so; any other says what is expected.
    const unreadable = tenant.error.issues.find((found) => found.message.startsWith('could not be read'));
    issues.push(unreadable === undefined ? issue(['tenantId'], 'must be a non-empty string of at most 128 characters', readTenant!.value) : { ...unreadable, path: ['tenantId'] });
  }
  const number = readNumber.value;
  if (typeof number !== 'string' || number.length === 0 || number.length > 32) {
    issues.push(issue(['number'], 'must be the human number, a non-empty string of at most 32 characters', number));
  }
  if (issues.length > 0 || typeof number !== 'string') return { success: false, error: new ValidationError(issues, 'context') };
  return { success: true, data: { tenantId: tenant?.success === true ? tenant.data : undefined, number } };
}
