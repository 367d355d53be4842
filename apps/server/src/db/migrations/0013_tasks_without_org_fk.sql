ALTER TABLE "tasks" DROP CONSTRAINT "tasks_org_id_organizations_id_fk";
