/**
 * The work domain's route tests again, on PostgreSQL: every server they start gets a fresh
 * PostgreSQL database instead of a SQLite file (see `support/test-server.ts`), so a query
 * that only SQLite accepts fails here. Test files run in their own process, so the switch
 * stays inside this file.
 */
process.env.SYNTHORG_TEST_DATABASE = 'postgres';

await import('../work/task-routes.test.ts');
await import('../work/approval-routes.test.ts');
await import('../work/budget-routes.test.ts');
await import('../work/records-routes.test.ts');
