-- mcp-risk-catalogue store, schema version 8: what the client announced to each live-crawled server
-- and which requests that server sent back. Portable SQL (H2 2.x and PostgreSQL 12+), like V1.

-- client_capabilities: the capabilities object sent in initialize (or the 2026-07-28 _meta), as
-- JSON text, e.g. {"roots":{"listChanged":true},"sampling":{},"elicitation":{}}; NULL when nothing
-- was sent (a snapshot, a README, a failure before the first request, or a crawl stored before
-- version 8).
ALTER TABLE crawls ADD COLUMN client_capabilities VARCHAR;

-- server_requests: the requests the server sent to the client, counted by method, as a JSON object
-- sorted by method, e.g. {"roots/list":1}; NULL when there were none.
ALTER TABLE crawls ADD COLUMN server_requests VARCHAR;
