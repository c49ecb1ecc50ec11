-- The double-booking check asks for a worker's bookings that end after a new visit starts and start before it ends.
-- Indexed by start, it read every earlier booking of the worker (a year of visits for a busy one) on every schedule;
-- indexed by end, it reads only the bookings still to come.
DROP INDEX worker_booking_worker_idx;
CREATE INDEX worker_booking_worker_end_idx ON worker_booking (worker_id, ends_at);
