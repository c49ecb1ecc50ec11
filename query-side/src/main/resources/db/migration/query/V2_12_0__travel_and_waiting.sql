-- Issue 22, travel vs waiting: each gap between two delivered visits (actual_travel_minutes, next check-in minus
-- previous check-out) is split into travel (the planned travel when the gap holds it, the whole gap when no planned
-- travel is known) and waiting, the rest. Both are working time for pay compliance. The legs already stored are
-- split here by the same rule as WorkerDayLegs.travelPartOf, so no rebuild is needed.
ALTER TABLE travel_leg ADD COLUMN travel_minutes INT;
ALTER TABLE travel_leg ADD COLUMN waiting_minutes INT;
UPDATE travel_leg SET travel_minutes = CASE
        WHEN planned_travel_minutes IS NULL THEN actual_travel_minutes
        WHEN planned_travel_minutes < 0 THEN 0
        WHEN planned_travel_minutes < actual_travel_minutes THEN planned_travel_minutes
        ELSE actual_travel_minutes END
    WHERE actual_travel_minutes IS NOT NULL;
UPDATE travel_leg SET waiting_minutes = actual_travel_minutes - travel_minutes WHERE actual_travel_minutes IS NOT NULL;
