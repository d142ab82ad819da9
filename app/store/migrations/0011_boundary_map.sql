-- The optional 시도 boundary GeoJSON an admin uploads, kept in the database
-- so that every axdash process serves the same map. Each upload replaces
-- the row; its id is the map's version, which readers key caches on.
CREATE TABLE boundary_maps (
    id {{pk}},
    content {{blob}} NOT NULL,
    features INTEGER NOT NULL,
    matched INTEGER NOT NULL,
    uploaded_by VARCHAR(64) NOT NULL,
    uploaded_at {{ts}} NOT NULL
);
