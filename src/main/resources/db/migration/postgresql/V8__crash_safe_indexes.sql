-- Nothing to change on PostGIS: its GiST indexes survive a crash (write-ahead log). This version
-- exists so that both stores report the same schema version (backups move between them).
SELECT 1;
