-- The visit view shows how a delivered visit was verified (issue 18): VERIFIED or EXCEPTION, the exceptions found,
-- and whether the council accepted them. A rebuild of visit-views fills them for existing deliveries.
ALTER TABLE visit_view ADD COLUMN verification VARCHAR(20);
ALTER TABLE visit_view ADD COLUMN exceptions VARCHAR(200);
ALTER TABLE visit_view ADD COLUMN exceptions_accepted BOOLEAN;
