// Drizzle's view of the tables that migrations/*.sql create. The SQL files are the source of truth.
export * from '../features/orgs/orgs.table';
export * from '../features/users/users.table';
export * from '../auth/sessions.table';
export * from '../audit/audit.table';
export * from '../features/people/people.table';
export * from '../features/programs/programs.table';
export * from '../features/evidence/evidence.table';
export * from '../features/spotchecks/spotchecks.table';
export * from '../features/attendance/attendance.table';
export * from '../features/targets/targets.table';
export * from '../features/tasks/tasks.table';
export * from '../features/bulletins/bulletins.table';
export * from '../features/forms/forms.table';
export * from '../features/assessment/assessment.table';
export * from '../features/ratings/ratings.table';
