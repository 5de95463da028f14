-- The post the movement was at when an incident was opened, beside the post of its last
-- change (`post`), so the incidents search can filter on where an incident was reported.
-- Rows written before this migration carry it in their view (`snapshot`, JSON since the
-- core kept the reported post), from which it is copied.
ALTER TABLE incidents ADD COLUMN reported_post TEXT;
UPDATE incidents SET reported_post = convert_from(snapshot, 'UTF8')::jsonb ->> 'reported_post'
    WHERE position('\x7b'::bytea IN snapshot) = 1;
CREATE INDEX incidents_reported_post ON incidents (reported_post, opened_at_ms, incident_id);
