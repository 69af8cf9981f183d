import type { Kysely, Migration } from 'kysely';

interface DepartmentBodies {
  departments: { name_key: string; body: string };
}

/** What the schema used to fill in for a department that stated no review requirements. */
function isFilledInDefault(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    Object.keys(r).length === 3 &&
    r.min_reviewers === 1 &&
    Array.isArray(r.required_reviewer_roles) &&
    r.required_reviewer_roles.length === 0 &&
    r.self_review_allowed === false
  );
}

/**
 * The review a completed run waits for (an approval of type `task:review`), if any; and
 * stored departments lose the `review_requirements` the schema filled in before stating them
 * meant something, so that an existing company does not start holding every task for review.
 */
export const m043RunReviews: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('engine_runs').addColumn('review_approval_id', 'text').execute();
    const typed = db as unknown as Kysely<DepartmentBodies>;
    const rows = await typed.selectFrom('departments').select(['name_key', 'body']).execute();
    for (const row of rows) {
      const body = JSON.parse(row.body) as { policies?: Record<string, unknown> };
      if (!body.policies || !isFilledInDefault(body.policies.review_requirements)) continue;
      delete body.policies.review_requirements;
      await typed
        .updateTable('departments')
        .set({ body: JSON.stringify(body) })
        .where('name_key', '=', row.name_key)
        .execute();
    }
  },
};
