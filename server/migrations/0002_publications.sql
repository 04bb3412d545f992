-- What the province chose to publish, set with its token. A missing row means: as the province's
-- configuration says. Changing one raises the data version, so every instance rebuilds.
CREATE TABLE publications (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    set_at TEXT NOT NULL,
    actor TEXT NOT NULL
);
