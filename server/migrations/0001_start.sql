-- One schema for SQLite and PostgreSQL: only types and statements both understand.

-- The data version: every write transaction starts by raising it, which also serialises
-- writers (a row lock in PostgreSQL, the write lock in SQLite). Instances compare it to know
-- when to rebuild their public responses.
CREATE TABLE data_version (
    id INTEGER PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);

-- Every project, public or not; `data` is the project as JSON (domain::Project).
CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    municipality TEXT NOT NULL,
    confidentiality TEXT NOT NULL,
    -- 'demo' for the generated demo dataset, 'import' for what a municipality delivered.
    source TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX projects_municipality ON projects (municipality);

-- API tokens: only a hash of the secret is kept. No municipality means the province.
CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    municipality TEXT,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- The audit trail: one row per project per change, with the project before and after.
CREATE TABLE changes (
    seq BIGINT PRIMARY KEY,
    version BIGINT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    municipality TEXT NOT NULL,
    project TEXT NOT NULL,
    action TEXT NOT NULL,
    before_data TEXT,
    after_data TEXT
);
CREATE INDEX changes_project ON changes (project, seq);
CREATE INDEX changes_municipality ON changes (municipality, seq);
