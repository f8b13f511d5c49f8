-- mcp-risk-catalogue store, schema version 5: what package registries say about packages.
-- Portable SQL (H2 2.x and PostgreSQL 12+), like V1.

-- The latest npm packument or PyPI JSON of each package read, reduced; replaced on each read.
CREATE TABLE package_metadata (
  registry_type VARCHAR(16) NOT NULL,
  identifier VARCHAR(512) NOT NULL,
  version VARCHAR(256) NOT NULL,
  description VARCHAR,
  keywords_json VARCHAR NOT NULL,
  repository_url VARCHAR(2048),
  license VARCHAR(256),
  published_at TIMESTAMP WITH TIME ZONE,
  readme VARCHAR,
  mcp_server BOOLEAN NOT NULL,
  evidence VARCHAR NOT NULL,
  fetched_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (registry_type, identifier)
);

-- Live crawls by server and time, for "which remotes were not crawled since".
CREATE INDEX crawls_server_method_time ON crawls (server_id, method, crawled_at);
