package org.carecircle.backup;

import java.time.Instant;
import java.util.List;

/**
 * What a restore brought into the store.
 *
 * @param backupCreatedAt when the backup was taken
 * @param sourceVendor the store it came from: {@code h2} or {@code postgresql}
 * @param schemaVersion the Flyway schema version (the store's and the backup's)
 * @param tables tables restored
 * @param rows rows restored in all tables
 * @param networksRestored names of the road networks whose folders were restored
 * @param networksToImport names of the road networks the backup left out: import them again
 *     (each keeps its id and name; until imported again it cannot be used)
 */
public record RestoreReport(Instant backupCreatedAt, String sourceVendor, String schemaVersion, int tables, long rows,
    List<String> networksRestored, List<String> networksToImport) {}
